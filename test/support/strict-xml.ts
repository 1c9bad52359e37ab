/**
 * A strict, non-validating XML 1.0 parser (with namespaces) for tests: it refuses every
 * well-formedness error a feed can contain, including those lenient parsers (sax, xml2js, hence
 * rss-parser) let through: `]]>` in character data, characters outside the XML `Char` production
 * (control characters, U+FFFE), `<` in an attribute value, unknown entities, undeclared prefixes,
 * duplicate attributes. No DTD is accepted (a feed has none).
 */

export interface XmlElement {
  /** The qualified name as written, e.g. `content:encoded`. */
  readonly name: string;
  /** The namespace URI of the element ('' when none). */
  readonly namespace: string;
  /** The local part of the name. */
  readonly local: string;
  readonly attributes: ReadonlyMap<string, string>;
  readonly children: readonly (XmlElement | string)[];
}

export class XmlWellFormednessError extends Error {}

const XML_NS = 'http://www.w3.org/XML/1998/namespace';
// The XML 1.0 `Char` production.
const NOT_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const NAME = /^[A-Za-z_:\u00C0-\uFFFD][A-Za-z0-9_:.\-\u00B7\u00C0-\uFFFD]*$/;
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' };

/** Parses `xml` strictly; throws XmlWellFormednessError naming the first problem and its offset. */
export function parseStrictXml(xml: string): XmlElement {
  const bad = NOT_CHAR.exec(xml);
  if (bad) {
    const code = bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    throw new XmlWellFormednessError(`character U+${code} at ${bad.index} is not allowed in XML`);
  }
  let pos = 0;
  const fail = (message: string): never => {
    throw new XmlWellFormednessError(`${message} at offset ${pos}: …${xml.slice(pos, pos + 40)}`);
  };
  const startsWith = (s: string) => xml.startsWith(s, pos);
  const skipSpace = () => {
    while (pos < xml.length && ' \t\r\n'.includes(xml[pos]!)) pos++;
  };
  const readName = (): string => {
    const m = /^[^\s=/>"'<&]+/.exec(xml.slice(pos, pos + 1000));
    if (!m || !NAME.test(m[0])) return fail('expected a name');
    pos += m[0].length;
    return m[0];
  };
  const decode = (raw: string, where: string): string =>
    raw.replace(/&([^;]*);?/g, (whole, ref: string) => {
      if (!whole.endsWith(';')) return fail(`a bare & in ${where}`);
      if (PREDEFINED[ref] !== undefined) return PREDEFINED[ref];
      const num = /^#(?:x([0-9A-Fa-f]+)|([0-9]+))$/.exec(ref);
      if (!num) return fail(`unknown entity &${ref}; in ${where}`);
      const code = num[1] !== undefined ? parseInt(num[1], 16) : parseInt(num[2]!, 10);
      const char = code <= 0x10ffff ? String.fromCodePoint(code) : '\uFFFF';
      if (NOT_CHAR.test(char)) return fail(`a character reference to a non-character in ${where}`);
      return char;
    });
  const skipMisc = (allowDeclaration: boolean) => {
    for (;;) {
      skipSpace();
      if (startsWith('<!--')) comment();
      else if (startsWith('<?')) instruction(allowDeclaration && pos === 0);
      else return;
      allowDeclaration = false;
    }
  };
  const comment = () => {
    const end = xml.indexOf('-->', pos + 4);
    if (end < 0) fail('an unclosed comment');
    if (xml.slice(pos + 4, end).includes('--')) fail('"--" inside a comment');
    pos = end + 3;
  };
  const instruction = (isDeclarationPlace: boolean) => {
    pos += 2;
    const target = readName();
    const end = xml.indexOf('?>', pos);
    if (end < 0) fail('an unclosed processing instruction');
    if (target.toLowerCase() === 'xml') {
      if (!isDeclarationPlace) fail('an XML declaration that is not at the very start');
      if (
        !/^\s+version\s*=\s*(["'])1\.[0-9]+\1(\s+encoding\s*=\s*(["'])[A-Za-z][A-Za-z0-9._-]*\3)?(\s+standalone\s*=\s*(["'])(yes|no)\5)?\s*$/.test(
          xml.slice(pos, end),
        )
      )
        fail('a malformed XML declaration');
    }
    pos = end + 2;
  };

  const element = (scope: ReadonlyMap<string, string>): XmlElement => {
    pos++; // <
    const name = readName();
    const raw = new Map<string, string>();
    for (;;) {
      const before = pos;
      skipSpace();
      if (startsWith('/>') || startsWith('>')) break;
      if (pos === before) fail('attributes must be separated by white space');
      const attr = readName();
      skipSpace();
      if (xml[pos] !== '=') fail(`attribute ${attr} has no value`);
      pos++;
      skipSpace();
      const quote = xml[pos];
      if (quote !== '"' && quote !== "'") return fail(`attribute ${attr} is not quoted`);
      const end = xml.indexOf(quote, pos + 1);
      if (end < 0) fail('an unclosed attribute value');
      const value = xml.slice(pos + 1, end);
      if (value.includes('<')) fail(`"<" in the value of attribute ${attr}`);
      if (raw.has(attr)) fail(`attribute ${attr} appears twice`);
      raw.set(attr, decode(value, `attribute ${attr}`));
      pos = end + 1;
    }
    const inner = new Map(scope);
    for (const [attr, value] of raw) {
      if (attr === 'xmlns') inner.set('', value);
      else if (attr.startsWith('xmlns:')) {
        if (value === '') fail(`prefix ${attr.slice(6)} undeclared with an empty value`);
        inner.set(attr.slice(6), value);
      }
    }
    const resolve = (qname: string, isAttribute: boolean): { namespace: string; local: string } => {
      const parts = qname.split(':');
      if (parts.length > 2 || parts.some((p) => p === ''))
        fail(`malformed qualified name ${qname}`);
      if (parts.length === 1)
        return { namespace: isAttribute ? '' : (inner.get('') ?? ''), local: qname };
      const namespace = inner.get(parts[0]!);
      if (namespace === undefined) return fail(`undeclared namespace prefix ${parts[0]!}`);
      return { namespace, local: parts[1]! };
    };
    const { namespace, local } = resolve(name, false);
    const seen = new Set<string>();
    for (const attr of raw.keys()) {
      if (attr === 'xmlns' || attr.startsWith('xmlns:')) continue;
      const r = resolve(attr, true);
      const key = `{${r.namespace}}${r.local}`;
      if (seen.has(key)) fail(`attribute ${attr} appears twice (after namespace resolution)`);
      seen.add(key);
    }
    const children: (XmlElement | string)[] = [];
    if (startsWith('/>')) {
      pos += 2;
      return { name, namespace, local, attributes: raw, children };
    }
    pos++; // >
    for (;;) {
      if (pos >= xml.length) fail(`element ${name} is not closed`);
      if (startsWith('</')) {
        pos += 2;
        const closing = readName();
        if (closing !== name) fail(`</${closing}> closes <${name}>`);
        skipSpace();
        if (xml[pos] !== '>') fail('a malformed end tag');
        pos++;
        return { name, namespace, local, attributes: raw, children };
      }
      if (startsWith('<![CDATA[')) {
        const end = xml.indexOf(']]>', pos + 9);
        if (end < 0) fail('an unclosed CDATA section');
        children.push(xml.slice(pos + 9, end));
        pos = end + 3;
      } else if (startsWith('<!--')) comment();
      else if (startsWith('<?')) instruction(false);
      else if (startsWith('<!')) fail('a declaration inside an element');
      else if (xml[pos] === '<') children.push(element(inner));
      else {
        const next = xml.indexOf('<', pos);
        const end = next < 0 ? xml.length : next;
        const text = xml.slice(pos, end);
        if (text.includes(']]>')) fail('"]]>" in character data');
        children.push(decode(text, `the text of ${name}`));
        pos = end;
      }
    }
  };

  skipMisc(true);
  if (startsWith('<!DOCTYPE')) fail('a document type declaration (not accepted in a feed)');
  if (xml[pos] !== '<') fail('no root element');
  const root = element(new Map([['xml', XML_NS]]));
  skipMisc(false);
  if (pos !== xml.length) fail('content after the root element');
  return root;
}

/** The element children of `element` named `local` in namespace `namespace`. */
export function childrenNamed(element: XmlElement, namespace: string, local: string): XmlElement[] {
  return element.children.filter(
    (c): c is XmlElement => typeof c !== 'string' && c.namespace === namespace && c.local === local,
  );
}

/** All the text inside an element (text and CDATA, any depth). */
export function textOf(element: XmlElement): string {
  return element.children.map((c) => (typeof c === 'string' ? c : textOf(c))).join('');
}

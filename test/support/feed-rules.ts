import { childrenNamed, textOf, type XmlElement } from './strict-xml';

/**
 * The rules feed validators apply (RFC 4287 for Atom; the RSS 2.0 specification and the RSS
 * Advisory Board's best practices for RSS, as the W3C Feed Validation Service checks them),
 * over a strictly parsed document. Each returns the problems found; none means valid.
 */

export const ATOM = 'http://www.w3.org/2005/Atom';
export const CONTENT = 'http://purl.org/rss/1.0/modules/content/';

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const RFC822 =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} (GMT|UT|[+-]\d{4})$/;
const EMAIL_FIRST = /^[^\s@]+@[^\s@]+\.[^\s@]+( \(.*\))?$/;

function isAbsoluteIri(value: string): boolean {
  try {
    return new URL(value).protocol.length > 1;
  } catch {
    return false;
  }
}

/** HTML as a reader shows it: `<p>` is the only markup we write; anything else is injected. */
export function htmlProblems(html: string, where: string): string[] {
  const tags = html.match(/<[^>]*>?/g) ?? [];
  const foreign = tags.filter((t) => t !== '<p>' && t !== '</p>');
  return foreign.length > 0 ? [`${where}: markup ${foreign.slice(0, 3).join(' ')}`] : [];
}

/** Decodes the entities an HTML reader would (those our escaping writes). */
export function htmlDecode(html: string): string {
  return html
    .replace(/<\/?p>/g, '\n')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

function exactlyOne(parent: XmlElement, ns: string, local: string, where: string): string[] {
  const n = childrenNamed(parent, ns, local).length;
  return n === 1 ? [] : [`${where} has ${n} ${local} elements (exactly one needed)`];
}

function atMostOne(parent: XmlElement, ns: string, local: string, where: string): string[] {
  const n = childrenNamed(parent, ns, local).length;
  return n <= 1 ? [] : [`${where} has ${n} ${local} elements (at most one allowed)`];
}

/** An Atom text construct (title, summary, content …): a known type; html without injected markup. */
function atomTextProblems(element: XmlElement, where: string): string[] {
  const type = element.attributes.get('type') ?? 'text';
  if (type === 'text') return [];
  if (type === 'html') return htmlProblems(textOf(element), where);
  return [`${where} has type ${type} (text or html expected)`];
}

export function atomProblems(feed: XmlElement): string[] {
  if (feed.namespace !== ATOM || feed.local !== 'feed') return ['the root is not an Atom feed'];
  const problems: string[] = [];
  for (const local of ['id', 'title', 'updated'])
    problems.push(...exactlyOne(feed, ATOM, local, 'feed'));
  for (const local of ['subtitle', 'rights', 'generator', 'icon', 'logo'])
    problems.push(...atMostOne(feed, ATOM, local, 'feed'));
  const feedHasAuthor = childrenNamed(feed, ATOM, 'author').length > 0;
  for (const id of childrenNamed(feed, ATOM, 'id'))
    if (!isAbsoluteIri(textOf(id))) problems.push(`feed id ${textOf(id)} is not an IRI`);
  for (const updated of childrenNamed(feed, ATOM, 'updated'))
    if (!RFC3339.test(textOf(updated))) problems.push('feed updated is not an RFC 3339 date');
  for (const link of childrenNamed(feed, ATOM, 'link'))
    if (!isAbsoluteIri(link.attributes.get('href') ?? '')) problems.push('a feed link has no IRI');
  for (const [i, entry] of childrenNamed(feed, ATOM, 'entry').entries()) {
    const where = `entry ${i}`;
    for (const local of ['id', 'title', 'updated'])
      problems.push(...exactlyOne(entry, ATOM, local, where));
    for (const local of ['summary', 'content', 'published', 'rights'])
      problems.push(...atMostOne(entry, ATOM, local, where));
    if (!feedHasAuthor && childrenNamed(entry, ATOM, 'author').length === 0)
      problems.push(`${where} has no author (and the feed has none)`);
    for (const author of childrenNamed(entry, ATOM, 'author'))
      problems.push(...exactlyOne(author, ATOM, 'name', `${where} author`));
    for (const id of childrenNamed(entry, ATOM, 'id'))
      if (!isAbsoluteIri(textOf(id))) problems.push(`${where} id is not an IRI`);
    for (const local of ['updated', 'published'])
      for (const date of childrenNamed(entry, ATOM, local))
        if (!RFC3339.test(textOf(date))) problems.push(`${where} ${local} is not RFC 3339`);
    for (const link of childrenNamed(entry, ATOM, 'link'))
      if (!isAbsoluteIri(link.attributes.get('href') ?? '')) problems.push(`${where} link`);
    for (const category of childrenNamed(entry, ATOM, 'category'))
      if (!category.attributes.get('term')) problems.push(`${where} category has no term`);
    for (const local of ['title', 'summary', 'content', 'rights'])
      for (const text of childrenNamed(entry, ATOM, local))
        problems.push(...atomTextProblems(text, `${where} ${local}`));
  }
  return problems;
}

export function rssProblems(rss: XmlElement): string[] {
  if (rss.namespace !== '' || rss.local !== 'rss') return ['the root is not rss'];
  if (rss.attributes.get('version') !== '2.0') return ['rss version is not 2.0'];
  const channels = childrenNamed(rss, '', 'channel');
  if (channels.length !== 1) return [`rss has ${channels.length} channels`];
  const channel = channels[0]!;
  const problems: string[] = [];
  for (const local of ['title', 'link', 'description'])
    problems.push(...exactlyOne(channel, '', local, 'channel'));
  for (const link of childrenNamed(channel, '', 'link'))
    if (!isAbsoluteIri(textOf(link))) problems.push('channel link is not a URL');
  for (const date of childrenNamed(channel, '', 'lastBuildDate'))
    if (!RFC822.test(textOf(date))) problems.push('lastBuildDate is not an RFC 822 date');
  for (const [i, item] of childrenNamed(channel, '', 'item').entries()) {
    const where = `item ${i}`;
    const titles = childrenNamed(item, '', 'title');
    const descriptions = childrenNamed(item, '', 'description');
    if (titles.length + descriptions.length === 0)
      problems.push(`${where} has neither title nor description`);
    for (const local of ['title', 'description', 'link', 'guid', 'pubDate'])
      problems.push(...atMostOne(item, '', local, where));
    // Titles are plain text: readers differ on whether they decode HTML, so none may hold markup.
    for (const title of titles)
      if (htmlProblems(textOf(title), where).length > 0)
        problems.push(`${where} title holds markup`);
    for (const d of descriptions) problems.push(...htmlProblems(textOf(d), `${where} description`));
    for (const c of childrenNamed(item, CONTENT, 'encoded'))
      problems.push(...htmlProblems(textOf(c), `${where} content:encoded`));
    for (const date of childrenNamed(item, '', 'pubDate'))
      if (!RFC822.test(textOf(date))) problems.push(`${where} pubDate is not an RFC 822 date`);
    for (const link of childrenNamed(item, '', 'link'))
      if (!isAbsoluteIri(textOf(link))) problems.push(`${where} link is not a URL`);
    for (const guid of childrenNamed(item, '', 'guid'))
      if (guid.attributes.get('isPermaLink') !== 'false' && !isAbsoluteIri(textOf(guid)))
        problems.push(`${where} guid is a permalink but not a URL`);
    if (childrenNamed(item, '', 'guid').length === 0) problems.push(`${where} has no guid`);
    for (const author of childrenNamed(item, '', 'author'))
      if (!EMAIL_FIRST.test(textOf(author)))
        problems.push(`${where} author must be an e-mail address`);
  }
  return problems;
}

import { type Candidate, FindingType } from '../types';

/** NHS number check digit: modulus 11 over the first nine digits, weights 10..2. */
export function isValidNhsNumber(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === Number(digits[9]);
}

const NHS_CONTEXT = /\b(?:nhs|chi)\s*(?:no\.?|number|num|#)?\s*[:.]?\s*\(?\s*$/i;

/**
 * NHS numbers: ten digits, run together or grouped 3-3-4 with spaces, hyphens or dots, passing the
 * modulus 11 check. Ten digits right after "NHS number" are flagged even if the check fails (a typo
 * is still an identifier).
 */
export function nhsNumbers(text: string): Candidate[] {
  const out: Candidate[] = [];
  const re = /(?<![\d])(\d{3})(?: {1,2}|[.-])?(\d{3})(?: {1,2}|[.-])?(\d{4})(?![\d])/g;
  for (const m of text.matchAll(re)) {
    const digits = m[1] + m[2] + m[3];
    if (digits.startsWith('0')) continue; // a telephone number, not an NHS number
    const start = m.index;
    const context = NHS_CONTEXT.test(text.slice(Math.max(0, start - 20), start));
    if (isValidNhsNumber(digits)) {
      out.push({
        start,
        end: start + m[0].length,
        type: FindingType.NHS_NUMBER,
        confidence: context ? 0.99 : 0.9,
        rule: 'nhs-number-mod11',
      });
    } else if (context) {
      out.push({
        start,
        end: start + m[0].length,
        type: FindingType.NHS_NUMBER,
        confidence: 0.7,
        rule: 'nhs-number-context',
      });
    }
  }
  return out;
}

/**
 * UK telephone numbers: 0 or +44 then 9–10 more digits, with spaces, hyphens or brackets between
 * groups.
 */
export function phones(text: string): Candidate[] {
  const out: Candidate[] = [];
  const re = /(?<![\w+])(?:\+44[ -]?(?:\(0\)[ -]?)?|\(?0)\d(?:[ -]?\)?[ -]?\d){8,9}(?![\d])/g;
  for (const m of text.matchAll(re)) {
    const digits = m[0].replace(/\D/g, '');
    const national = digits.startsWith('44') ? digits.slice(2).replace(/^0/, '') : digits.slice(1);
    if (national.length < 9 || national.length > 10) continue;
    // "(07700 900461)": the bracket belongs to the sentence, not to an area code "(0113) …".
    const bracketed = m[0].startsWith('(') && !m[0].includes(')');
    out.push({
      start: m.index + (bracketed ? 1 : 0),
      end: m.index + m[0].length,
      type: FindingType.PHONE,
      confidence: 0.9,
      rule: 'uk-phone',
    });
  }
  // Any other run of 7 to 13 digits after a word that announces a telephone number.
  const announced =
    /\b(?:tel(?:ephone)?|phone|mobile|mob|landline|contact(?:ed)?(?:\s+(?:number|no\.?|on))?|call(?:ed)?(?:\s+on)?|rang|ring|text(?:ed)?)\s*(?:no\.?|number)?\s*[:.]?\s*(\+?\(?\d(?:[ -]?\)?[ -]?\d){6,12})(?!\d)/gi;
  for (const m of text.matchAll(announced)) {
    const start = m.index + m[0].length - m[1].length;
    out.push({
      start,
      end: start + m[1].length,
      type: FindingType.PHONE,
      confidence: 0.8,
      rule: 'announced-phone',
    });
  }
  return out;
}

export function emails(text: string): Candidate[] {
  const out: Candidate[] = [];
  const re =
    /(?<![\w.+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})*\.[A-Za-z]{2,24}(?![\w])/g;
  for (const m of text.matchAll(re)) {
    out.push({
      start: m.index,
      end: m.index + m[0].length,
      type: FindingType.EMAIL,
      confidence: 0.99,
      rule: 'email',
    });
  }
  return out;
}

/** UK postcodes, upper or lower case, with or without the space (GOV.UK shape, BS 7666). */
export function postcodes(text: string): Candidate[] {
  const out: Candidate[] = [];
  const re =
    /(?<![A-Za-z0-9])(?:GIR ?0AA|(?:[A-PR-UWYZ](?:\d{1,2}|[A-HK-Y]\d{1,2}|\d[A-HJKPSTUW]|[A-HK-Y]\d[ABEHMNPRVWXY])) ?\d[ABD-HJLNP-UW-Z]{2})(?![A-Za-z0-9])/gi;
  for (const m of text.matchAll(re)) {
    const spaced = m[0].includes(' ');
    const upper = m[0] === m[0].toUpperCase();
    out.push({
      start: m.index,
      end: m.index + m[0].length,
      type: FindingType.POSTCODE,
      confidence: spaced && upper ? 0.95 : 0.8,
      rule: 'uk-postcode',
    });
  }
  return out;
}

/** A doctor just before a bracket, within the same clause: "Dr Kaur (…", "the registrar, Dr Li (…". */
const DOCTOR_BEFORE =
  /\b(?:dr|doctor|consultant|registrar|sho|fy[12]|surgeon|anaesthetist|gp|locum)\b[^()[\]]*$/i;

const HOSPITAL_CONTEXT =
  /\b(?:hospital|hosp|unit|case|patient|pas|mrn|epr|rtx|k|medical record|record|trust|id|identifier)\s*(?:no\.?|number|num|id|#|ref(?:erence)?)?\s*[:.]?\s*(?:is\s+)?$/i;

/**
 * Hospital, MRN and EPR numbers. Formats vary by Trust: the Trust's own patterns, letters
 * followed by six or more digits (e.g. RX1234567, K0123456), and any 6–12 character code right
 * after "MRN", "hospital number", "unit number" …
 */
export function hospitalNumbers(text: string, patterns: readonly RegExp[] = []): Candidate[] {
  const out: Candidate[] = [];
  for (const pattern of patterns) {
    const re = new RegExp(
      pattern.source,
      pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`,
    );
    for (const m of text.matchAll(re)) {
      if (m[0].length > 0)
        out.push({
          start: m.index,
          end: m.index + m[0].length,
          type: FindingType.HOSPITAL_NUMBER,
          confidence: 0.95,
          rule: 'trust-pattern',
        });
    }
  }
  // "M/123456", "H/2763991": one or two capitals, a slash and five to eight digits.
  for (const m of text.matchAll(/(?<![A-Za-z0-9/])[A-Z]{1,2}\/\d{5,8}(?![\d/])/g)) {
    out.push({
      start: m.index,
      end: m.index + m[0].length,
      type: FindingType.HOSPITAL_NUMBER,
      confidence: 0.85,
      rule: 'letter-slash-digits',
    });
  }
  // "Jo Kerr (123 4567)": three and four digits in brackets, not after a doctor (a GMC number).
  for (const m of text.matchAll(/\(\s*(\d{3} \d{4})\s*\)/g)) {
    if (DOCTOR_BEFORE.test(text.slice(Math.max(0, m.index - 48), m.index))) continue;
    const start = m.index + m[0].indexOf(m[1]);
    out.push({
      start,
      end: start + m[1].length,
      type: FindingType.HOSPITAL_NUMBER,
      confidence: 0.8,
      rule: 'bracketed-3-4-digits',
    });
  }
  for (const m of text.matchAll(/(?<![A-Za-z0-9])[A-Z]{1,3}\d{6,9}[A-Z]?(?![A-Za-z0-9])/g)) {
    out.push({
      start: m.index,
      end: m.index + m[0].length,
      type: FindingType.HOSPITAL_NUMBER,
      confidence: 0.85,
      rule: 'letters-digits',
    });
  }
  for (const m of text.matchAll(
    /(?<![A-Za-z0-9/-])(?:[A-Za-z]{1,3}[/-])?[A-Za-z]{0,3}\d(?:[A-Za-z0-9/-]|\s(?=\d{3,4}\b)){4,12}(?![A-Za-z0-9])/g,
  )) {
    const before = text.slice(Math.max(0, m.index - 24), m.index);
    if (HOSPITAL_CONTEXT.test(before) && /\d{4}/.test(m[0])) {
      out.push({
        start: m.index,
        end: m.index + m[0].length,
        type: FindingType.HOSPITAL_NUMBER,
        confidence: 0.9,
        rule: 'hospital-number-context',
      });
    }
  }
  return out;
}

/**
 * GMC and GPhC numbers (7 digits after "GMC" or "GPhC"), NMC PINs (e.g. 12A3456E; in lower case
 * after their label), HCPC numbers (e.g. PA12345), Social Work England numbers (SW12345).
 */
export function registrationNumbers(text: string): Candidate[] {
  const out: Candidate[] = [];
  for (const m of text.matchAll(
    /\b(?:GMC|GPhC)\s*(?:no\.?|number|num|#|ref(?:erence)?\.?|reg(?:istration)?\.?(?:\s+no\.?)?)?\s*[:.]?\s*(?:is\s+)?\(?\s*(\d{7})(?!\d)/gi,
  )) {
    const start = m.index + m[0].length - m[1].length;
    out.push({
      start,
      end: m.index + m[0].length,
      type: FindingType.REGISTRATION_NUMBER,
      confidence: 0.95,
      rule: 'gmc',
    });
  }
  // A bare seven-digit number in brackets after a doctor: "Dr Kaur (4729183)".
  for (const m of text.matchAll(/[([]\s*(\d{7})\s*[)\]]/g)) {
    if (!DOCTOR_BEFORE.test(text.slice(Math.max(0, m.index - 48), m.index))) continue;
    const start = m.index + m[0].indexOf(m[1]);
    out.push({
      start,
      end: start + 7,
      type: FindingType.REGISTRATION_NUMBER,
      confidence: 0.85,
      rule: 'gmc-bracketed',
    });
  }
  for (const m of text.matchAll(/(?<![A-Za-z0-9])\d{2}[A-Z]\d{4}[A-Z](?![A-Za-z0-9])/g)) {
    out.push({
      start: m.index,
      end: m.index + m[0].length,
      type: FindingType.REGISTRATION_NUMBER,
      confidence: 0.9,
      rule: 'nmc-pin',
    });
  }
  for (const m of text.matchAll(
    /(?<![A-Za-z0-9])(?:AS|BS|CH|CS|DT|HAD|OD|OT|PA|PH|PYL|RA|SL)\d{5,6}(?![A-Za-z0-9])/g,
  )) {
    out.push({
      start: m.index,
      end: m.index + m[0].length,
      type: FindingType.REGISTRATION_NUMBER,
      confidence: 0.85,
      rule: 'hcpc',
    });
  }
  // An NMC PIN in lower case after its label ("nmc pin 12a3456e" in notes).
  for (const m of text.matchAll(
    /\b(?:nmc|pin)\b(?:\s*(?:pin|no\.?|number))?\s*[:.]?\s*(?:is\s+)?(\d{2}[a-z]\d{4}[a-z])(?![A-Za-z0-9])/gi,
  )) {
    if (/^\d{2}[A-Z]\d{4}[A-Z]$/.test(m[1])) continue; // found above
    const start = m.index + m[0].length - m[1].length;
    out.push({
      start,
      end: start + m[1].length,
      type: FindingType.REGISTRATION_NUMBER,
      confidence: 0.9,
      rule: 'nmc-pin-labelled',
    });
  }
  // Social Work England: SW and four to six digits ("SW12345"); a postcode ("SW12 3AB") has fewer.
  for (const m of text.matchAll(/(?<![A-Za-z0-9])SW\d{4,6}(?![A-Za-z0-9])/g)) {
    out.push({
      start: m.index,
      end: m.index + m[0].length,
      type: FindingType.REGISTRATION_NUMBER,
      confidence: 0.9,
      rule: 'social-work-england',
    });
  }
  // After its label an HCPC number may have a space ("HCPC no. PA 123456"), the label left out.
  for (const m of text.matchAll(
    /\bHCPC\s*(?:no\.?|number|reg(?:istration)?\.?(?:\s+no\.?)?)?\s*[:.]?\s*(?:is\s+)?([A-Z]{2,3}\s\d{5,6})(?![A-Za-z0-9])/g,
  )) {
    const start = m.index + m[0].length - m[1].length;
    out.push({
      start,
      end: start + m[1].length,
      type: FindingType.REGISTRATION_NUMBER,
      confidence: 0.9,
      rule: 'hcpc-labelled',
    });
  }
  return out;
}

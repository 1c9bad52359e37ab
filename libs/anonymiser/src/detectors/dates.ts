import { type Candidate, FindingType } from '../types';
import { isName, isNotPerson, isStrongName } from './gazetteer';

const MONTH =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const DAY = '(?:0?[1-9]|[12]\\d|3[01])(?:st|nd|rd|th)?';
const YEAR = '(?:19|20)\\d{2}';
const DOB_CONTEXT =
  /(?:\bd\.?o\.?b\.?|date\s+of\s+birth|\bborn(?:\s+on|\s+in)?|\bbirth\s*date)\s*[:.-]?\s*$/i;

/** A weekday just before a date ("Tuesday 4 March", "Wed, 5th"): part of the date. */
const WEEKDAY_BEFORE =
  /\b(?:mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\.?,?\s+(?:the\s+)?$/i;

const SHORT_DATE_BEFORE = /\b(?:on|from|until|till|by|since|of)\s+$/i;

function push(
  out: Candidate[],
  text: string,
  dateStart: number,
  end: number,
  rule: string,
  confidence: number,
): void {
  const weekday = WEEKDAY_BEFORE.exec(text.slice(Math.max(0, dateStart - 16), dateStart));
  const start = weekday ? dateStart - weekday[0].length : dateStart;
  const before = text.slice(Math.max(0, start - 24), start);
  const dob = DOB_CONTEXT.test(before);
  out.push({
    start,
    end,
    type: dob ? FindingType.DATE_OF_BIRTH : FindingType.DATE,
    confidence: dob ? 0.99 : confidence,
    rule: dob ? `dob-${rule}` : rule,
  });
}

/**
 * Exact dates (a day and a month, with or without a year) in numeric and written forms, and dates
 * of birth in any form (after "DOB", "date of birth", "born": also month and year, or a year).
 * A month with a year, a year alone, a weekday or a time is not an exact date.
 */
export function dates(text: string): Candidate[] {
  const out: Candidate[] = [];
  const numeric =
    /(?<![\d/.-])(?:0?[1-9]|[12]\d|3[01])([/.-])(?:0?[1-9]|1[0-2])\1(?:\d{4}|\d{2})(?![\d/.-]*\d)/g;
  for (const m of text.matchAll(numeric))
    push(out, text, m.index, m.index + m[0].length, 'date-numeric', 0.95);
  const iso = /(?<!\d)(?:19|20)\d{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?!\d)/g;
  for (const m of text.matchAll(iso))
    push(out, text, m.index, m.index + m[0].length, 'date-iso', 0.95);
  // A day and month alone ("19/5") is a date after "on", "from" … or a weekday ("Sat 23/3"), or
  // before a time of day ("19/5 23:00"); otherwise it may be a fraction or a score ("2/3", "4/5").
  const shortNumeric = /(?<![\d/.,])(?:0?[1-9]|[12]\d|3[01])\/(?:0?[1-9]|1[0-2])(?![\d/]|\.\d)/g;
  for (const m of text.matchAll(shortNumeric)) {
    const before = text.slice(Math.max(0, m.index - 12), m.index);
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 10);
    if (
      SHORT_DATE_BEFORE.test(before) ||
      WEEKDAY_BEFORE.test(before) ||
      /^\s+(?:[01]?\d|2[0-3]):[0-5]\d(?!\d)/.test(after)
    )
      push(out, text, m.index, m.index + m[0].length, 'date-day-month', 0.8);
  }
  const dayMonth = new RegExp(
    `\\b${DAY}(?:\\s+of)?[\\s-]+${MONTH}\\b\\.?(?:,?[\\s-]+${YEAR}\\b)?`,
    'gi',
  );
  for (const m of text.matchAll(dayMonth))
    push(out, text, m.index, m.index + m[0].length, 'date-written', 0.95);
  const monthDay = new RegExp(
    `\\b${MONTH}\\.?\\s+(?:0?[1-9]|[12]\\d|3[01])(?:(?:st|nd|rd|th)\\b(?:,?\\s+${YEAR}\\b)?|,?\\s+${YEAR}\\b)`,
    'gi',
  );
  for (const m of text.matchAll(monthDay))
    push(out, text, m.index, m.index + m[0].length, 'date-written-us', 0.9);
  // A weekday and an ordinal day without a month ("Mon 3rd", "Friday the 21st"): an exact date.
  const weekdayDay =
    /\b(?:mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\.?,?\s+(?:the\s+)?(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)\b/gi;
  for (const m of text.matchAll(weekdayDay))
    push(out, text, m.index, m.index + m[0].length, 'date-weekday-day', 0.85);
  // Compact dates (19480312): a date of birth after "DOB", otherwise still an exact date.
  for (const m of text.matchAll(
    /(?<![\d/.-])(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?![\d/.-]*\d)/g,
  ))
    push(out, text, m.index, m.index + m[0].length, 'date-compact', 0.7);
  // A written date with a two-digit year, given as a date of birth ("DOB 3 Feb 41").
  const shortYear = new RegExp(`\\b${DAY}[\\s-]+${MONTH}\\.?[\\s-]+'?\\d{2}(?![\\d:])`, 'gi');
  for (const m of text.matchAll(shortYear)) {
    if (DOB_CONTEXT.test(text.slice(Math.max(0, m.index - 24), m.index)))
      push(out, text, m.index, m.index + m[0].length, 'date-short-year', 0.95);
  }
  // Dates of birth given only as month and year, or as a year.
  const partial = new RegExp(`(?:${MONTH}\\.?\\s+${YEAR}|${YEAR})\\b`, 'gi');
  for (const m of text.matchAll(partial)) {
    if (DOB_CONTEXT.test(text.slice(Math.max(0, m.index - 24), m.index))) {
      out.push({
        start: m.index,
        end: m.index + m[0].length,
        type: FindingType.DATE_OF_BIRTH,
        confidence: 0.95,
        rule: 'dob-partial',
      });
    }
  }
  return out;
}

/**
 * Exact ages ("aged 84", "an 84-year-old", "84yo", "63y", "a 3-week-old baby"); bands such as "in
 * her 80s" are fine. The finding is the number only: "aged [84]", "[84]-year-old".
 */
export function ages(text: string): Candidate[] {
  const out: Candidate[] = [];
  const patterns: Array<[RegExp, string]> = [
    [
      /\b(?:aged|age)\s*[:=]?\s*(?:about\s+|around\s+|approx(?:imately|\.)?\s+)?(\d{1,3})(?:\s*(?:years?|yrs?|y)\b)?(?![\d-])/gi,
      'age-aged',
    ],
    [/\b(\d{1,3})[\s-]*(?:years?|yrs?|months?|weeks?|days?)[\s-]*old\b/gi, 'age-year-old'],
    [/\b(\d{1,3})\s*(?:yo|y\/o|y\.o\.?)(?![A-Za-z])/gi, 'age-yo'],
    [
      /\b(\d{1,3})[\s-]*(?:year|yr)s?(?=[\s-]+(?:old\b|man|woman|male|female|boy|girl|lady|gentleman|patient|mother|father|child|baby|person))/gi,
      'age-year',
    ],
    // "63y F", "63y old": a number glued to a y, then a sex or "old", is an age in clinical shorthand.
    [
      /(?<![\p{L}\p{N}.,/])(\d{1,3})y(?=\s*(?:\/\s*)?(?:[MF]\b|old\b|male\b|female\b|man\b|woman\b|boy\b|girl\b))/gu,
      'age-y',
    ],
    // "82F", "54 M", "F, 82", "(M, 54)": a sex and a number together, in either order.
    [/(?<![\p{L}\p{N}.,/:])(\d{2,3})\s?[MF](?![\p{L}\p{N}])/gu, 'age-sex'],
    [
      /(?<![\p{L}\p{N}])[MF],\s?(\d{1,3})(?![\p{N}.:/]|\s*(?:mg|kg|ml|cm|mm|%|weeks?|wks?|days?))/gu,
      'age-sex',
    ],
    // "pt 91yrs", "Pt: 74 years": after the patient, a number of years is the age.
    [
      /\b(?:pt|patient)\s*[:,]?\s*(\d{1,3})\s*(?:years?|yrs?)\b(?!\s+(?:ago|of|since|before|after))/gi,
      'age-pt',
    ],
    // "DOB 3/4/51 (73)": a number in brackets after a date of birth.
    [
      /\b(?:DOB|d\.o\.b\.?|date of birth)\s*[:\s]\s*\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\s*\((\d{1,3})\)/gi,
      'age-after-dob',
    ],
    // "He is 69 and has dementia", "she was 84.": a number that is all the predicate says.
    [
      /\b(?:he|she|who)\s+(?:is|was)\s+(?:now\s+|only\s+|just\s+)?(\d{1,3})(?=\s+and\s+(?:has|had|have|is|was|lives|lived|uses|used|is|takes|took)\b|[,;]\s|\.(?:\s|$))/gi,
      'age-predicate',
    ],
  ];
  for (const [re, rule] of patterns) {
    for (const m of text.matchAll(re)) {
      if (Number(m[1]) > 125) continue;
      // "Ward 12M", "temp 100F": a ward's name or a temperature, not a sex and an age.
      if (
        rule === 'age-sex' &&
        /(?:ward|bay|bed|room|unit|temp\w*|°)\s*$/i.test(
          text.slice(Math.max(0, m.index - 14), m.index),
        )
      )
        continue;
      const start = m.index + m[0].indexOf(m[1]);
      out.push({ start, end: start + m[1].length, type: FindingType.AGE, confidence: 0.95, rule });
    }
  }
  // "B: 76y, lives alone", "Jo Hart, 81y;": a number glued to a y as a list item of its own, not
  // a duration ("Follow-up: 2y.", "smoker, 30y;").
  for (const m of text.matchAll(/(?<![\w.,/])(\d{1,3})y(?=[ \t]*(?:[,;]|\.(?:\s|$)|$))/gm)) {
    if (Number(m[1]) > 125 || !/[:,;][ \t]*$/.test(text.slice(Math.max(0, m.index - 4), m.index)))
      continue;
    if (DURATION_BEFORE.test(text.slice(Math.max(0, m.index - 32), m.index))) continue;
    out.push({
      start: m.index,
      end: m.index + m[1].length,
      type: FindingType.AGE,
      confidence: 0.85,
      rule: 'age-y-item',
    });
  }
  // "Hope Baker (80)": a bracketed number after two capitalised words of the name list is an age,
  // the name found or not; not after a scale or a score ("Coma Scale (14)").
  for (const m of text.matchAll(/\(\s*(\d{1,3})(?:\s*(?:y|yo|yrs?|years?))?\s*[),;]/g)) {
    const digits = m[1];
    const pair = NAME_PAIR_BEFORE.exec(text.slice(Math.max(0, m.index - 48), m.index));
    if (!pair || Number(digits) > 110) continue;
    const [, first, last] = pair as unknown as [string, string, string];
    if (MEASURE.test(first) || MEASURE.test(last)) continue;
    if (!isName(first) || !isName(last) || isNotPerson(first)) continue;
    // A surname that is also a ward word ("Paulette Ward") only after a first name that is no word.
    if (isNotPerson(last) && !isStrongName(first)) continue;
    const start = m.index + m[0].indexOf(digits);
    out.push({
      start,
      end: start + digits.length,
      type: FindingType.AGE,
      confidence: 0.8,
      rule: 'age-after-name-pair',
    });
  }
  return out;
}

/** Words before a list item that make "2y" a length of time, not an age. */
const DURATION_BEFORE =
  /\b(?:follow[\s-]?up|review|recall|interval|duration|history|hx|for|every|since|over|ago|smok(?:er|ed|ing)|pack|drinks?|drinking|alcohol|diagnosed|known|symptoms?|sx|onset|lasting|period|time|length)\b[^.\n]*$/i;

/** Two capitalised words just before a bracket: "Hope Baker (". */
const NAME_PAIR_BEFORE = /(?<![\p{L}\p{N}'’-])(\p{Lu}\p{Ll}+)\s+(\p{Lu}\p{Ll}[\p{L}'’-]*)\s*$/u;

/** Words naming a measure, whose bracketed number is a score, not an age. */
const MEASURE =
  /^(?:Scale|Score|Index|Chart|Tool|Test|Grade|Stage|Class|Level|Type|Phase|Criteria|Category|Band|Step|Section|Table|Figure|Appendix|Page|Room|Bay|Bed|Unit|Code|Version|Round|Item|Question|Part|Chapter|Standard|Rule|Point|Points|Count|Total)s?$/;

/**
 * After a name (or the bracket closing "(known as Jo)"): "63y", "(63)", "(63 yrs, F)", "(63, DOB …",
 * ", 63, fell", ", 63." The finding is the number only.
 */
const AGE_AFTER_NAME =
  /^(?:['’]s)?\)?\s*(?:(?<=\s)(\d{1,3})\s*(?:y|yo|yrs?)\b|\(\s*(\d{1,3})(?:\s*(?:y|yo|yrs?|years?)\.?(?:\s*old)?)?(?:\s*,?\s*(?:[MF]|male|female))?\s*[),;]|,\s*(\d{1,3})(?:\s*(?:y|yo|yrs?|years?)\.?)?\s*(?=[,;)]|\.(?:\s|$)|\s+(?:was|is|had|has|who|and|presented|attended|fell|died)\b))/i;

/**
 * An age straight after a name: "Mr Hale (63)", "Jo Bates (58 yrs)", "Tomasz Nowak, 63, fell".
 * The finding is the number only.
 */
export function agesAfterNames(text: string, names: readonly Candidate[]): Candidate[] {
  const out: Candidate[] = [];
  for (const name of names) {
    if (name.type !== FindingType.NAME && name.type !== FindingType.STAFF_NAME) continue;
    const after = text.slice(name.end, name.end + 32);
    const m = AGE_AFTER_NAME.exec(after);
    const digits = m?.[1] ?? m?.[2] ?? m?.[3];
    if (!m || digits === undefined || Number(digits) > 125) continue;
    const start = name.end + m[0].search(/\d/);
    out.push({
      start,
      end: start + digits.length,
      type: FindingType.AGE,
      confidence: 0.9,
      rule: 'age-after-name',
    });
  }
  return out;
}

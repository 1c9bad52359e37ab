/**
 * A synthetic labelled corpus for evaluating the anonymiser: realistic incident narratives with
 * identifiers planted at known offsets, and traps (words that look like identifiers but are not).
 * Deterministic for a seed. Every name, number and address is invented.
 */
export interface GoldSpan {
  readonly start: number;
  readonly end: number;
  readonly type: string;
}

export interface LabelledDoc {
  readonly id: string;
  readonly text: string;
  readonly spans: GoldSpan[];
  /** Spans of trap phrases that must not be flagged. */
  readonly traps: GoldSpan[];
}

/** mulberry32: a small seeded PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = [
  'Olivia',
  'Amelia',
  'Isla',
  'Ava',
  'Mia',
  'Ivy',
  'Lily',
  'Freya',
  'Florence',
  'Evie',
  'Noah',
  'Oliver',
  'George',
  'Arthur',
  'Muhammad',
  'Leo',
  'Harry',
  'Oscar',
  'Archie',
  'Henry',
  'Priya',
  'Aisha',
  'Chidi',
  'Siobhan',
  'Bronwen',
  'Eilidh',
  'Tomasz',
  'Agnieszka',
  'Kwame',
  'Mei',
  'Dorothy',
  'Margaret',
  'Albert',
  'Reginald',
  'Winifred',
  'Edna',
  'Stanley',
  'Gwen',
  'Declan',
  'Rhys',
];
const LAST = [
  'Smith',
  'Jones',
  'Taylor',
  'Brown',
  'Williams',
  'Wilson',
  'Johnson',
  'Davies',
  'Patel',
  'Khan',
  'Okonkwo',
  'Nowak',
  'MacLeod',
  "O'Neill",
  'Fitzgerald',
  'Hughes',
  'Edwards',
  'Thompson',
  'Robinson',
  'Wright',
  'Evans',
  'Chaudhry',
  'Mensah',
  'Kowalski',
  'Begum',
  'Lloyd',
  'Pritchard',
  'Harrington',
  'Whitfield',
  'Ashworth',
];
const STREETS = [
  'Oak Road',
  'Station Street',
  'Church Lane',
  'Victoria Avenue',
  'Mill Close',
  'Park Drive',
  'Windsor Crescent',
  'Beech Grove',
  'Hillside Terrace',
  'Meadow Way',
];
const TOWNS = [
  'Leeds',
  'Bradford',
  'Wakefield',
  'Harrogate',
  'Halifax',
  'York',
  'Sheffield',
  'Doncaster',
];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const ROLES = [
  'Staff Nurse',
  'Sister',
  'HCA',
  'Dr',
  'Matron',
  'Registrar',
  'SHO',
  'Midwife',
  'Charge Nurse',
  'FY1',
];

/** Trap phrases: must never be flagged. */
const TRAPS = [
  "Parkinson's disease",
  "Addison's disease",
  'Down syndrome',
  'Glasgow Coma Scale of 14',
  'Waterlow score of 18',
  'Braden score 12',
  'NICE NG89',
  'NICE CG161',
  'the ward manager',
  'the crisis team',
  'in May 2024',
  'Grace period',
  'at 14:30',
  'on Monday',
  'in 2023',
  'morphine 5 mg',
  'paracetamol 1 g',
  'a woman in her 80s',
  'Ward 7',
  'Bay 3',
  'NEWS2 of 7',
  'the registrar on call',
  'March 2024',
  'the Community Mental Health Team',
  'the Pharmacy Team',
];

/** Named places linked to a patient: a place word and an institution. */
const PLACE_WORDS = [
  'Oakwood',
  'Beechfield',
  'Riverside',
  'Ashgrove',
  'Meadowbank',
  'Kirkstall',
  'Hollybush',
  "St Anne's",
];
const INSTITUTIONS = [
  'Surgery',
  'Medical Centre',
  'Care Home',
  'Nursing Home',
  'Primary School',
  'Day Centre',
  'Crisis Team',
];

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)]!;
}

function nhsNumber(rand: () => number): string {
  for (;;) {
    const digits = [
      4 + Math.floor(rand() * 6),
      ...Array.from({ length: 8 }, () => Math.floor(rand() * 10)),
    ];
    const sum = digits.reduce((acc, d, i) => acc + d * (10 - i), 0);
    const check = 11 - (sum % 11);
    if (check === 10) continue;
    digits.push(check === 11 ? 0 : check);
    const s = digits.join('');
    const style = Math.floor(rand() * 3);
    return style === 0
      ? s
      : style === 1
        ? `${s.slice(0, 3)} ${s.slice(3, 6)} ${s.slice(6)}`
        : `${s.slice(0, 3)}-${s.slice(3, 6)}-${s.slice(6)}`;
  }
}

function date(rand: () => number, withYear = true): string {
  const d = 1 + Math.floor(rand() * 28);
  const m = Math.floor(rand() * 12);
  const y = 2019 + Math.floor(rand() * 6);
  const pad = (n: number) => String(n).padStart(2, '0');
  const suffix =
    d === 1 || d === 21 ? 'st' : d === 2 || d === 22 ? 'nd' : d === 3 || d === 23 ? 'rd' : 'th';
  const forms = [
    `${pad(d)}/${pad(m + 1)}/${y}`,
    `${d}${suffix} ${MONTHS[m]} ${y}`,
    `${d} ${MONTHS[m]!.slice(0, 3)} ${y}`,
    `${y}-${pad(m + 1)}-${pad(d)}`,
    `${pad(d)}.${pad(m + 1)}.${String(y).slice(2)}`,
    withYear ? `${MONTHS[m]} ${d}${suffix}, ${y}` : `${d} ${MONTHS[m]}`,
  ];
  return pick(rand, forms);
}

function postcode(rand: () => number): string {
  const areas = ['LS', 'BD', 'WF', 'HG', 'HX', 'YO', 'S', 'DN'];
  const letters = 'ABDEFGHJLNPQRSTUWXYZ';
  return `${pick(rand, areas)}${1 + Math.floor(rand() * 19)} ${Math.floor(rand() * 10)}${letters[Math.floor(rand() * letters.length)]}${letters[Math.floor(rand() * letters.length)]}`;
}

function phone(rand: () => number): string {
  const n = () => Math.floor(rand() * 10);
  return pick(rand, [
    `0113 496 0${n()}${n()}${n()}`,
    `07700 900${n()}${n()}${n()}`,
    `+44 7700 900${n()}${n()}${n()}`,
    `(0114) 496 0${n()}${n()}${n()}`,
  ]);
}

/** A narrative built piece by piece, recording the offsets of what it plants. */
class Builder {
  text = '';
  spans: GoldSpan[] = [];
  traps: GoldSpan[] = [];
  add(s: string): this {
    this.text += s;
    return this;
  }
  id(s: string, type: string): this {
    this.spans.push({ start: this.text.length, end: this.text.length + s.length, type });
    this.text += s;
    return this;
  }
  trap(s: string): this {
    this.traps.push({ start: this.text.length, end: this.text.length + s.length, type: 'TRAP' });
    this.text += s;
    return this;
  }
}

/** One narrative of about two kilobytes. */
export function narrative(rand: () => number, index: number): LabelledDoc {
  const b = new Builder();
  const first = pick(rand, FIRST);
  const last = pick(rand, LAST);
  const staffLast = pick(
    rand,
    LAST.filter((l) => l !== last),
  );
  const role = pick(rand, ROLES);
  const age = 18 + Math.floor(rand() * 80);
  b.add('Summary of the event. ')
    .add(pick(rand, ['Mrs ', 'Mr ', 'Ms ', 'Miss ']))
    .id(`${first} ${last}`, 'NAME');
  b.add(' (NHS number ')
    .id(nhsNumber(rand), 'NHS_NUMBER')
    .add(', DOB ')
    .id(date(rand), 'DATE_OF_BIRTH')
    .add('), ');
  // An age is the number only (docs/anonymisation.md, "What a finding covers"); the same two
  // draws as before, so the corpus text is unchanged.
  const agePrefix = pick(rand, ['an ', 'a patient aged ', 'a ']);
  const [ageBefore, ageAfter] = pick(rand, [
    ['', '-year-old'],
    ['aged ', ''],
    ['', ' year old'],
  ] as const);
  b.add(agePrefix + ageBefore)
    .id(String(age), 'AGE')
    .add(ageAfter);
  b.add(' with ')
    .trap(pick(rand, TRAPS))
    .add(', was admitted to ')
    .trap('Ward 7')
    .add(' on ')
    .id(date(rand, false), 'DATE')
    .add(' and placed in ');
  b.id(
    pick(rand, [`bed ${1 + Math.floor(rand() * 30)}`, `side room ${1 + Math.floor(rand() * 6)}`]),
    'BED',
  ).add('. ');
  b.add(`${role} `)
    .id(staffLast, 'STAFF_NAME')
    .add(' recorded observations at ')
    .trap('at 14:30')
    .add(' and escalated to ')
    .trap('the registrar on call')
    .add('. ');
  b.add('The family live at ')
    .id(`${1 + Math.floor(rand() * 120)} ${pick(rand, STREETS)}, ${pick(rand, TOWNS)}`, 'ADDRESS')
    .add(' ')
    .id(postcode(rand), 'POSTCODE')
    .add('. ');
  b.add('Their daughter can be reached on ')
    .id(phone(rand), 'PHONE')
    .add(' or ')
    .id(`${first.toLowerCase()}.${last.toLowerCase().replace(/'/g, '')}@example.org`, 'EMAIL')
    .add('. ');
  b.add('Hospital number ')
    .id(`RX${String(Math.floor(rand() * 9_000_000) + 1_000_000)}`, 'HOSPITAL_NUMBER')
    .add('. ');
  b.add('The prescriber (GMC ')
    .id(String(Math.floor(rand() * 9_000_000) + 1_000_000), 'REGISTRATION_NUMBER')
    .add(') reviewed ')
    .trap(pick(rand, TRAPS))
    .add('. ');
  const relative = pick(
    rand,
    FIRST.filter((f) => f !== first),
  );
  b.add(pick(rand, ['Her son ', 'His daughter ', 'Their niece ', 'The next of kin, ']))
    .id(`${relative} ${last}`, 'NAME')
    .add(', was informed. ');
  b.add('Later, ')
    .id(first, 'NAME')
    .add(' told staff that ')
    .trap(pick(rand, TRAPS))
    .add(' had been explained. ');
  b.add(pick(rand, ['', `${last}'s `]))
    .add('care plan referred to ')
    .trap('NICE NG89')
    .add(' and ')
    .trap(pick(rand, TRAPS))
    .add('. ');
  b.add(pick(rand, ['She is known to ', 'He was referred by ', 'They attend ']))
    .id(`${pick(rand, PLACE_WORDS)} ${pick(rand, INSTITUTIONS)}`, 'PLACE')
    .add(' and ')
    .trap(pick(rand, ['the Community Mental Health Team', 'the Pharmacy Team', 'the crisis team']))
    .add('. ');
  while (b.text.length < 1900) {
    b.add('The review found that handover was incomplete, the escalation policy was unclear and ')
      .trap(pick(rand, TRAPS))
      .add(' was not documented. ');
  }
  // Remove the possessive-only span above from gold if it was added as plain text: names in it count.
  if (b.text.includes(`${last}'s care plan`)) {
    const at = b.text.indexOf(`${last}'s care plan`);
    b.spans.push({ start: at, end: at + last.length, type: 'NAME' });
  }
  b.spans.sort((x, y) => x.start - y.start);
  return { id: `doc-${index}`, text: b.text, spans: b.spans, traps: b.traps };
}

export function corpus(count: number, seed = 20261122): LabelledDoc[] {
  const rand = prng(seed);
  return Array.from({ length: count }, (_, i) => narrative(rand, i));
}

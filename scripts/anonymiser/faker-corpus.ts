/**
 * A second labelled corpus, built with a different source of names (@faker-js/faker, en_GB) than
 * the detector uses, and many sentence shapes, including forms the rules were not written for
 * (lower-case names, typos, lower-case roles). It estimates how the anonymiser does on text it
 * was not tuned on. Deterministic for a seed; everything invented.
 */
import { fakerEN_GB as faker } from '@faker-js/faker';
import type { GoldSpan, LabelledDoc } from './corpus';

type Piece = string | { text: string; type: string } | { trap: string };

const TRAPS = [
  "Parkinson's disease",
  'Glasgow Coma Scale of 13',
  'NICE NG51',
  'the ward manager',
  'the crisis team',
  'in June 2023',
  'at 02:15',
  'on Tuesday',
  'morphine 10 mg',
  'a man in his 70s',
  'Bay 4',
  'NEWS2 of 6',
  'the on-call registrar',
  'Waterlow score of 20',
  "Addison's disease",
  'Down syndrome',
  'the district nurses',
  'Grace period',
];

function typo(word: string): string {
  if (word.length < 5) return word;
  const i = 1 + faker.number.int({ min: 0, max: word.length - 3 });
  return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
}

function nhs(): string {
  for (;;) {
    const d = [
      faker.number.int({ min: 4, max: 7 }),
      ...Array.from({ length: 8 }, () => faker.number.int(9)),
    ];
    const c = 11 - (d.reduce((a, x, i) => a + x * (10 - i), 0) % 11);
    if (c === 10) continue;
    d.push(c === 11 ? 0 : c);
    const s = d.join('');
    return faker.helpers.arrayElement([s, `${s.slice(0, 3)} ${s.slice(3, 6)} ${s.slice(6)}`]);
  }
}

function postcode(): string {
  const area = faker.helpers.arrayElement([
    'M',
    'B',
    'L',
    'LS',
    'NE',
    'BS',
    'CF',
    'EH',
    'G',
    'SW',
    'NW',
    'SE',
    'OX',
    'CB',
  ]);
  const unit = 'ABDEFGHJLNPQRSTUWXYZ';
  return `${area}${faker.number.int({ min: 1, max: 29 })} ${faker.number.int(9)}${faker.helpers.arrayElement([...unit])}${faker.helpers.arrayElement([...unit])}`;
}

function date(): string {
  const d = faker.date.between({ from: '2020-01-01', to: '2025-12-31' });
  const day = d.getUTCDate();
  const month = d.toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' });
  const pad = (n: number) => String(n).padStart(2, '0');
  return faker.helpers.arrayElement([
    `${pad(day)}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`,
    `${day} ${month} ${d.getUTCFullYear()}`,
    `${day} ${month}`,
    `${day}/${d.getUTCMonth() + 1}/${String(d.getUTCFullYear()).slice(2)}`,
  ]);
}

export function fakerCorpus(count: number, seed = 424242): LabelledDoc[] {
  faker.seed(seed);
  const docs: LabelledDoc[] = [];
  for (let n = 0; n < count; n++) {
    const first = faker.person.firstName();
    const last = faker.person.lastName();
    const relFirst = faker.person.firstName();
    const staffFirst = faker.person.firstName();
    const staffLast = faker.person.lastName();
    const age = faker.number.int({ min: 19, max: 97 });
    const sentences: Piece[][] = [
      [
        'Patient ',
        { text: `${first} ${last}`, type: 'NAME' },
        ' was admitted with ',
        { trap: faker.helpers.arrayElement(TRAPS) },
        '. ',
      ],
      [
        { text: `${last.toUpperCase()}, ${first}`, type: 'NAME' },
        ' (',
        { text: nhs(), type: 'NHS_NUMBER' },
        ') was reviewed ',
        { trap: 'on Tuesday' },
        '. ',
      ],
      [
        'Mrs ',
        { text: last, type: 'NAME' },
        ' said her husband ',
        { text: relFirst, type: 'NAME' },
        ' had noticed she was confused. ',
      ],
      [
        'Seen by Dr ',
        { text: staffLast, type: 'STAFF_NAME' },
        ' and nurse ',
        { text: faker.person.lastName(), type: 'STAFF_NAME' },
        ' ',
        { trap: 'at 02:15' },
        '. ',
      ],
      [
        'The family of ',
        { text: first.toLowerCase(), type: 'NAME' },
        ' ',
        { text: last.toLowerCase(), type: 'NAME' },
        ' raised a complaint. ',
      ],
      [
        { text: typo(last), type: 'NAME' },
        "'s medication chart was incomplete; ",
        { trap: 'morphine 10 mg' },
        ' was given late. ',
      ],
      [
        'A ',
        { text: String(age), type: 'AGE' },
        '-year-old with ',
        { trap: faker.helpers.arrayElement(TRAPS) },
        ' fell on ',
        { text: date(), type: 'DATE' },
        '. ',
      ],
      [
        'Address: ',
        { text: faker.location.streetAddress(), type: 'ADDRESS' },
        ', ',
        { text: postcode(), type: 'POSTCODE' },
        '. ',
      ],
      [
        'Contact ',
        { text: faker.phone.number({ style: 'national' }), type: 'PHONE' },
        ' or ',
        { text: faker.internet.email({ firstName: first, lastName: last }), type: 'EMAIL' },
        '. ',
      ],
      [
        'Staff Nurse ',
        { text: `${staffFirst} ${staffLast}`, type: 'STAFF_NAME' },
        ' escalated to ',
        { trap: 'the on-call registrar' },
        '. ',
      ],
      [
        'Later ',
        { text: first, type: 'NAME' },
        ' told ',
        { text: staffFirst, type: 'STAFF_NAME' },
        ' that she felt dizzy. ',
      ],
      [
        'Born ',
        { text: date(), type: 'DATE_OF_BIRTH' },
        ', she lived alone ',
        { trap: 'in June 2023' },
        '. ',
      ],
    ];
    const chosen = faker.helpers.shuffle(sentences).slice(0, 8);
    let text = '';
    const spans: GoldSpan[] = [];
    const traps: GoldSpan[] = [];
    for (const sentence of chosen) {
      for (const piece of sentence) {
        if (typeof piece === 'string') text += piece;
        else if ('trap' in piece) {
          traps.push({ start: text.length, end: text.length + piece.trap.length, type: 'TRAP' });
          text += piece.trap;
        } else {
          spans.push({
            start: text.length,
            end: text.length + piece.text.length,
            type: piece.type,
          });
          text += piece.text;
        }
      }
    }
    docs.push({ id: `faker-${n}`, text, spans, traps });
  }
  return docs;
}

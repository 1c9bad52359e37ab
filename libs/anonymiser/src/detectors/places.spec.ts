import { anonymise } from '../anonymise';
import { FindingType } from '../types';
import { addresses, beds, namedPlaces } from './places';

/** The text of each candidate of one detector. */
function texts(text: string, detect: (t: string) => Array<{ start: number; end: number }>) {
  return detect(text).map((c) => text.slice(c.start, c.end));
}

describe('beds', () => {
  it('a bay written as B and a number, before the bed, is part of one span', () => {
    expect(texts('moved to B3 bed 6 then b12 bed 1', beds)).toEqual(['B3 bed 6', 'b12 bed 1']);
  });

  it('a bay after the bed is part of it too; a bedroom on a mental health ward is a bed', () => {
    expect(texts('in bed 5, bay 2 overnight; found in Bedroom 11 at 03:00', beds)).toEqual([
      'bed 5, bay 2',
      'Bedroom 11',
    ]);
  });

  it('leaves a bay alone, a bed count, vitamins and a bedroom without a number alone', () => {
    for (const text of [
      'Bay 3 was closed; 28 beds open; vitamin B12 given; her bedroom was tidy',
      'B4 was busy; the bed was made; a bedroom door; bed rails up',
    ])
      expect([text, texts(text, beds)]).toEqual([text, []]);
  });
});

describe('addresses', () => {
  /** Address findings of the whole anonymiser (overlapping candidates merged). */
  const found = (text: string) =>
    anonymise(text)
      .findings.filter((f) => f.type === FindingType.ADDRESS)
      .map((f) => text.slice(f.start, f.end));

  it('a house name, a street and a town are one span, without the postcode', () => {
    expect(found('She lives at Ivy Cottage, Mill Lane, Ripon, HG4 1AB.')).toEqual([
      'Ivy Cottage, Mill Lane, Ripon',
    ]);
    expect(found('Discharged to The Old Bakery, Tanners Walk, Louth today.')).toEqual([
      'The Old Bakery, Tanners Walk, Louth',
    ]);
  });

  it('Welsh street words, with or without a house number or house name', () => {
    expect(found('Home: 94 Ffordd Glyndwr, Ruthin. Visited at Heol y Bont.')).toEqual([
      '94 Ffordd Glyndwr, Ruthin',
      'Heol y Bont',
    ]);
    expect(found('from Ivy House, Stryd Fawr, Bala')).toEqual(['Ivy House, Stryd Fawr, Bala']);
  });

  it('a one-word "-gate" street, with a flat, a house number or a town', () => {
    expect(found('Flat 2, 18 Micklegate, Selby; later from Fishergate, Ripon.')).toEqual([
      'Flat 2, 18 Micklegate, Selby',
      'Fishergate, Ripon',
    ]);
  });

  it('a room in a named building, and a street with a town but no number', () => {
    expect(found('Found at Room 9, Tanner Court, Hull by the crew.')).toEqual([
      'Room 9, Tanner Court, Hull',
    ]);
    expect(found('lives in Fernhill Road, Keighley, and at Dock Approach, Goole.')).toEqual([
      'Fernhill Road, Keighley',
      'Dock Approach, Goole',
    ]);
  });

  it('leaves towns, people, hospital sites and clauses after a street alone', () => {
    for (const text of [
      'She travelled from Harrogate, North Yorkshire, by taxi.',
      'Reviewed by Lois Hill, Leeds Teaching Hospitals; Ella Green, Bradford.',
      'Seen at the Oxford Road site, Manchester; the Station Approach was icy.',
      'Room 4 was cleaned, Tuesday; Flat rate applies. The Beeches, said the carer.',
    ])
      expect([text, texts(text, addresses)]).toEqual([text, []]);
    // The next clause after a street's comma is not a town.
    expect(found('Lives on Tanner Street, Mrs Oduya said.')).toEqual(['Tanner Street']);
  });
});

describe('named places', () => {
  it('a named virtual ward is a place, whole; a generic or departmental one is not', () => {
    expect(texts('Referred to Calder Dale Virtual Ward by the GP.', namedPlaces)).toEqual([
      'Calder Dale Virtual Ward',
    ]);
    expect(
      texts('the Virtual Ward; the Frailty Virtual Ward; Respiratory Virtual Wards', namedPlaces),
    ).toEqual([]);
  });

  it('a care home named by a coined word and House, Lodge or Manor', () => {
    expect(texts('Lives at Ashdene Lodge; moved from Brackenlea House.', namedPlaces)).toEqual([
      'Ashdene Lodge',
      'Brackenlea House',
    ]);
  });

  it('a home named by ordinary words, known by a residence verb or "care home" after it', () => {
    expect(
      texts(
        'A resident of Maple Lodge, she was admitted from The Willow Manor; her friend at Cedar House nursing home.',
        namedPlaces,
      ),
    ).toEqual(['Cedar House', 'Maple Lodge', 'The Willow Manor']);
  });

  it('leaves buildings named by ordinary words or people, and the Houses of Parliament, alone', () => {
    expect(
      texts(
        'Meeting at Quarry House and Wellington House; a Coach House; the Houses of Parliament; Trust House.',
        namedPlaces,
      ),
    ).toEqual([]);
  });

  it('an infant or junior school named by a street or a saint', () => {
    expect(
      texts('attends Hollin Lane Infants; her brother is at St Bede Juniors', namedPlaces),
    ).toEqual(['Hollin Lane Infants', 'St Bede Juniors']);
    expect(texts('Premature Infants are at risk; Sick Infants; All Juniors', namedPlaces)).toEqual(
      [],
    );
  });

  it('leaves generic teams and programmes alone', () => {
    for (const text of [
      'the Complex Care Team; the Care Home Support Team; the Continuing Healthcare Team',
      'the Reducing Restrictive Practice group; the Enhanced Care Team; the Transition Team',
      'the safeguarding team; Hospital at Home; the Patient Safety Team; the Crisis Team',
    ])
      expect([text, texts(text, namedPlaces)]).toEqual([text, []]);
  });
});

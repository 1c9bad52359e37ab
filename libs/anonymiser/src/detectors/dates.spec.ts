import { anonymise } from '../anonymise';
import { FindingType } from '../types';
import { ages, dates } from './dates';

/** The text of each candidate of one detector. */
function texts(text: string, detect: (t: string) => Array<{ start: number; end: number }>) {
  return detect(text).map((c) => text.slice(c.start, c.end));
}

describe('dates: a day and a month alone', () => {
  it('is a date after a weekday, with the weekday, or before a time of day', () => {
    expect(texts('Night shift Tues 14/2: settled.', dates)).toEqual(['Tues 14/2']);
    expect(texts('07/11 06:30 HCA note.', dates)).toEqual(['07/11']);
    expect(texts('Seen on 3/9 by the team.', dates)).toEqual(['3/9']);
  });

  it('is not a date as a fraction, a score, a shorthand duration or a dose', () => {
    for (const text of [
      'Two thirds (2/3) of the staff; pain 4/5 at rest; power 3/5 left arm.',
      'Abx for 5/7 then review;',
      'Sedation 1/2 at 10:00 was noted? No: at 10:00 the score was 1/2.',
      'BP 11/7 is not a blood pressure, 3/4 cups 12.5/2.5 mg',
    ])
      expect([text, texts(text, dates)]).toEqual([text, []]);
  });
});

describe('dates: a weekday and an ordinal day', () => {
  it('is an exact date without a month', () => {
    expect(texts('Reviewed Thurs 9th; seen again on Monday the 22nd.', dates)).toEqual([
      'Thurs 9th',
      'Monday the 22nd',
    ]);
  });

  it('a weekday with a number that is no ordinal day is not a date', () => {
    expect(
      texts('On Monday 2 staff were off; Friday 40th birthday? No: Sun 3 times', dates),
    ).toEqual([]);
  });
});

describe('ages: the number only', () => {
  it('a number glued to a y as a list item of its own', () => {
    expect(texts('S: fall at home. B: 81y, diabetic; lives alone', ages)).toEqual(['81']);
    expect(texts('Pt: Dora Quayle, 102y.', ages)).toEqual(['102']);
  });

  it('a number that is all the predicate says, after he or she', () => {
    expect(texts('She is 91 and has heart failure. He was 67, a retired joiner.', ages)).toEqual([
      '91',
      '67',
    ]);
    expect(texts('her father, who is 88 and lives alone', ages)).toEqual(['88']);
  });

  it('a bracketed number after two capitalised words of the name list, with or without yrs', () => {
    expect(texts('Review of Ellen Marsh (77), then Peter Dunn (45 yrs, M).', ages)).toEqual([
      '77',
      '45',
    ]);
    // A surname that is a ward word, after a first name that is no English word.
    expect(texts('Tamsin Ward (71) fell.', ages)).toEqual(['71']);
  });

  it('leaves scores, durations, doses, counts and times alone', () => {
    for (const text of [
      'Glasgow Coma Scale (14); Clinical Frailty Scale (6); NEWS2 (5); 4AT = 5',
      'Follow-up: 2y. Smoker, 30y; symptoms for 3y, 2y ago; a 5y review',
      'She was 5 minutes late; he is 2 days post-op; she was 40 weeks; he was 7/10 in pain',
      'Gestation 41+3; morphine 63 mg; at 14:30 she was seen; Ward 7 (12 beds)',
      'Table Seven (12) and Bay Four (3) of the audit',
      'Elm Ward (12); Jubilee Ward (24); Acute Ward (6)',
    ])
      expect([text, texts(text, ages)]).toEqual([text, []]);
  });
});

describe('ages after a name found', () => {
  const agesIn = (text: string) =>
    anonymise(text)
      .findings.filter((f) => f.type === FindingType.AGE)
      .map((f) => text.slice(f.start, f.end));

  it('ends a sentence, opens a bracket with more in it, or follows "(known as …)"', () => {
    expect(agesIn('Patient: Mrs Nadia Frost, 58. Seen by phone.')).toEqual(['58']);
    expect(agesIn('Referral for Mr Ivo Lindqvist (72, DOB 1/2/1952) today.')).toEqual(['72']);
    expect(agesIn('Mr Bartholomew Quince (known as Mr Barty Quince), 88. Lives alone.')).toEqual([
      '88',
    ]);
  });

  it('leaves a dose or a count after a name alone', () => {
    expect(
      agesIn('Mrs Nadia Frost, 10 mg given; Mr Ivo Lindqvist (2 units) then 5.5 mmol'),
    ).toEqual([]);
  });
});

describe('ages written with a sex, after "pt", after a date of birth', () => {
  const ageTexts = (text: string) =>
    anonymise(text)
      .findings.filter((f) => f.type === FindingType.AGE)
      .map((f) => text.slice(f.start, f.end));

  it('finds the number of "82F", "F, 82", "(M, 54)", "pt 91yrs" and "DOB … (73)"', () => {
    expect(ageTexts('Referral: 82F, lives alone. Sister: F, 79, carer.')).toEqual(['82', '79']);
    expect(ageTexts('Patient (M, 54) brought in; pt 91yrs on the other bay.')).toEqual([
      '54',
      '91',
    ]);
    expect(ageTexts('DOB 3/4/51 (73), NOK son.')).toEqual(['73']);
  });

  it('leaves grades, temperatures, wards, doses and durations alone', () => {
    expect(
      ageTexts('Seen by the F2; temp 100F; moved to Ward 12M; M, 5 mg; pt smoked for 20 yrs.'),
    ).toEqual([]);
  });
});

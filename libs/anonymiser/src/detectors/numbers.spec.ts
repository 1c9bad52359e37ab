import { anonymise } from '../anonymise';
import { FindingType } from '../types';
import { hospitalNumbers, nhsNumbers, registrationNumbers } from './numbers';

/** The identifiers found by the whole anonymiser, as [type, exact text]. */
function found(text: string): Array<[FindingType, string]> {
  return anonymise(text).findings.map((f) => [f.type, text.slice(f.start, f.end)]);
}

/** The text of each candidate of one detector. */
function texts(text: string, detect: (t: string) => Array<{ start: number; end: number }>) {
  return detect(text).map((c) => text.slice(c.start, c.end));
}

describe('NHS numbers', () => {
  it('finds a number in brackets after "NHS number" even when the check digit fails', () => {
    // 612 004 3318 fails modulus 11; announced, it is still an NHS number.
    expect(texts('Her NHS number (612 004 3318) was mistyped.', nhsNumbers)).toEqual([
      '612 004 3318',
    ]);
    expect(texts('NHS no.: (612-004-3318)', nhsNumbers)).toEqual(['612-004-3318']);
  });

  it('leaves other bracketed ten-digit runs alone when the check fails', () => {
    expect(texts('Order ref (612 004 3318) was raised.', nhsNumbers)).toEqual([]);
  });
});

describe('registration numbers', () => {
  it('finds GPhC numbers like GMC numbers, number only', () => {
    expect(texts('Reviewed by pharmacist Ola Dean, GPhC 2051873.', registrationNumbers)).toEqual([
      '2051873',
    ]);
    expect(
      texts('GPhC no. 2077410; GPhC registration: 2011234; GMC (4412876)', registrationNumbers),
    ).toEqual(['2077410', '2011234', '4412876']);
  });

  it('finds an HCPC number with a space after its label, and "GMC number is …"', () => {
    expect(
      texts('Paramedic Ana Roy, HCPC no. PA 104522; GMC number is 7011893.', registrationNumbers),
    ).toEqual(['7011893', 'PA 104522']);
  });

  it('finds an NMC PIN in lower case after its label, and Social Work England numbers', () => {
    expect(
      texts(
        'checked by rn kaye, nmc pin 07k2291c; SW Harriet Lowe (SWE SW108842).',
        registrationNumbers,
      ),
    ).toEqual(['07k2291c', 'SW108842']);
    // a door code, a postcode and a lower-case run without a label are not registration numbers
    expect(
      texts('pin 4471 for the door; moved to SW12 3AB; ref 11b2233c.', registrationNumbers),
    ).toEqual([]);
  });

  it('leaves other seven-digit numbers and short GPhC-like codes alone', () => {
    expect(
      texts('Incident 2051873 logged; GPhC standards 2019 apply.', registrationNumbers),
    ).toEqual([]);
  });
});

describe('hospital numbers', () => {
  it('finds one or two capitals, a slash and digits anywhere', () => {
    expect(texts('pt seen (T/448213); old notes under JB/9920176.', hospitalNumbers)).toEqual([
      'T/448213',
      'JB/9920176',
    ]);
  });

  it('finds three and four digits in brackets after a patient, not after a doctor', () => {
    expect(texts('pt ines moreau (418 2296) settled in bed 3.', hospitalNumbers)).toEqual([
      '418 2296',
    ]);
    // After a doctor's name a bracketed number is a registration number, not a hospital number.
    expect(texts('Dr Omar Field (418 2296) reviewed.', hospitalNumbers)).toEqual([]);
  });

  it('leaves ratios, fractions, dates, doses and times alone', () => {
    for (const text of [
      'BP 120/80, O2 2/4 L, fluids 1/2 hourly, given on 12/03/2024',
      'morphine 2.5 mg (max 10 mg in 24 h); 2 × 500 mg',
      'scored (14 of 15) at 14:30; (120 mg) twice',
      'The N/A box; A/E attendance; 24/7 cover',
    ])
      expect([text, found(text).filter(([t]) => t === FindingType.HOSPITAL_NUMBER)]).toEqual([
        text,
        [],
      ]);
  });
});

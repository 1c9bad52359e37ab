import { anonymise, anonymiseDocument } from './anonymise';
import { isValidNhsNumber } from './detectors/numbers';
import { FindingType } from './types';

/** The identifiers found, as [type, exact text]. */
function found(text: string): Array<[string, string]> {
  return anonymise(text).findings.map((f) => [f.type, text.slice(f.start, f.end)]);
}

describe('anonymise: what must be found', () => {
  it('finds names after courtesy titles, leaving the title outside', () => {
    expect(found('Mrs Ada Lovelace was seen.')).toEqual([[FindingType.NAME, 'Ada Lovelace']]);
    expect(anonymise('Mr. O’Brien-Smith fell').redacted).toBe('Mr. [NAME] fell');
  });

  it('finds staff names after roles, initials in brackets, and later mentions of the same name', () => {
    const text =
      'Staff Nurse Jane Okafor gave the dose; the HCA (JS) told Dr R. Patel. Later Jane rang Okafor’s manager.';
    expect(found(text)).toEqual([
      [FindingType.STAFF_NAME, 'Jane Okafor'],
      [FindingType.STAFF_NAME, 'JS'],
      [FindingType.STAFF_NAME, 'R. Patel'],
      [FindingType.STAFF_NAME, 'Jane'],
      [FindingType.STAFF_NAME, 'Okafor'],
    ]);
  });

  it('finds NHS numbers in any grouping, checking modulus 11, and flags a typo after "NHS number"', () => {
    expect(isValidNhsNumber('9434765919')).toBe(true);
    expect(isValidNhsNumber('9434765918')).toBe(false);
    for (const form of ['943 476 5919', '943-476-5919', '9434765919'])
      expect(found(`NHS no ${form}.`)).toEqual([[FindingType.NHS_NUMBER, form]]);
    expect(found('ref 9434765918')).toEqual([]);
    expect(found('NHS number: 9434765918')).toEqual([[FindingType.NHS_NUMBER, '9434765918']]);
  });

  it('finds dates of birth in any form, and exact dates but not months, years, weekdays or times', () => {
    expect(found('DOB 10/12/1941')).toEqual([[FindingType.DATE_OF_BIRTH, '10/12/1941']]);
    expect(found('born March 1941')).toEqual([[FindingType.DATE_OF_BIRTH, 'March 1941']]);
    expect(found('date of birth: 1941-12-10')).toEqual([[FindingType.DATE_OF_BIRTH, '1941-12-10']]);
    expect(found('seen on 3rd March 2024 and on 14 Feb')).toEqual([
      [FindingType.DATE, '3rd March 2024'],
      [FindingType.DATE, '14 Feb'],
    ]);
    expect(found('On March 12th, 2024 and 12.03.24')).toEqual([
      [FindingType.DATE, 'March 12th, 2024'],
      [FindingType.DATE, '12.03.24'],
    ]);
    expect(found('In March 2024, on a Monday at 14:30, in 2023')).toEqual([]);
  });

  it('finds exact ages but not age bands, redacting the number only', () => {
    expect(found('an 84-year-old man; aged 84; 84yo; a 3-week-old baby')).toEqual([
      [FindingType.AGE, '84'],
      [FindingType.AGE, '84'],
      [FindingType.AGE, '84'],
      [FindingType.AGE, '3'],
    ]);
    expect(found('a woman in her 80s; patients over 65')).toEqual([]);
    expect(anonymise('a patient aged 84 year old').redacted).toBe('a patient aged [AGE] year old');
  });

  it('finds addresses, postcodes, phones, e-mails, beds and registration numbers', () => {
    expect(found('lives at 14 Oak Road, Leeds LS1 4AB')).toEqual([
      [FindingType.ADDRESS, '14 Oak Road, Leeds'],
      [FindingType.POSTCODE, 'LS1 4AB'],
    ]);
    expect(found('call 0113 496 0000 or +44 (0)7700 900123')).toEqual([
      [FindingType.PHONE, '0113 496 0000'],
      [FindingType.PHONE, '+44 (0)7700 900123'],
    ]);
    expect(found('mail ada.l@example.nhs.uk')).toEqual([
      [FindingType.EMAIL, 'ada.l@example.nhs.uk'],
    ]);
    expect(found('moved from bed 12 to side room 3')).toEqual([
      [FindingType.BED, 'bed 12'],
      [FindingType.BED, 'side room 3'],
    ]);
    expect(found('GMC 1234567, NMC PIN 12A3456E, HCPC PA12345')).toEqual([
      [FindingType.REGISTRATION_NUMBER, '1234567'],
      [FindingType.REGISTRATION_NUMBER, '12A3456E'],
      [FindingType.REGISTRATION_NUMBER, 'PA12345'],
    ]);
    expect(found('MRN: K0123456 and hospital number 12345678')).toEqual([
      [FindingType.HOSPITAL_NUMBER, 'K0123456'],
      [FindingType.HOSPITAL_NUMBER, '12345678'],
    ]);
  });

  it("uses the Trust's own hospital number pattern", () => {
    expect(
      anonymise('ref ZZ-99-123', { hospitalNumberPatterns: [/ZZ-\d{2}-\d{3}/] }).findings[0]?.type,
    ).toBe(FindingType.HOSPITAL_NUMBER);
  });
});

describe('anonymise: what must not be flagged', () => {
  it('leaves drugs, eponyms, scores, guidelines, roles, months, ordinary words, times, years and doses alone', () => {
    const traps = [
      "Parkinson's disease, Addison's, Down syndrome, Glasgow Coma Scale 14, Waterlow 18, Braden 12",
      'NICE NG89 and NICE CG161 apply; the ward manager and the registrar were told',
      'In May 2024 the consultant will review; Bill the insurer? No: the bill was paid',
      'Grace period; at 14:30 on Monday; in 2023; morphine 5 mg; paracetamol 1 g four times a day',
      'the crisis team; Ward 7; Bay 3; the night staff; a NEWS2 of 7',
    ];
    for (const text of traps) expect([text, found(text)]).toEqual([text, []]);
  });
});

describe('anonymise: bad input', () => {
  it('handles empty text, emoji, combining marks and right-to-left marks with exact offsets', () => {
    expect(anonymise('')).toEqual({ findings: [], redacted: '' });
    const text = '😀 Mrs Zoë Ådams (NHS 943 476 5919) \u200Fé\u0301 ✓';
    const result = anonymise(text);
    expect(result.findings.map((f) => text.slice(f.start, f.end))).toEqual([
      'Zoë Ådams',
      '943 476 5919',
    ]);
  });

  it('sees through zero-width spaces, non-breaking spaces and odd dashes inside identifiers', () => {
    for (const hidden of [
      '943\u200B476\u200B5919',
      '943\u00A0476\u00A05919',
      '943\u2013476\u20135919',
      '9\u200D4\u200D34765919',
    ]) {
      const text = `NHS ${hidden} ok`;
      const [finding] = anonymise(text).findings;
      expect(finding?.type).toBe(FindingType.NHS_NUMBER);
      expect(text.slice(finding!.start, finding!.end)).toBe(hidden);
      expect(anonymise(text).redacted).toBe('NHS [NHS NUMBER] ok');
    }
  });

  it('survives binary junk and megabytes of text in bounded time', () => {
    const junk = Array.from({ length: 20_000 }, (_, i) =>
      String.fromCharCode((i * 7919) % 65_536),
    ).join('');
    expect(() => anonymise(junk)).not.toThrow();
    const big = 'Mrs Ada Lovelace was reviewed on 3 March 2024 at 14 Oak Road. '.repeat(40_000);
    const started = Date.now();
    const result = anonymise(big);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(result.findings.length).toBe(40_000 * 3);
    // Long runs that a careless pattern retries at every position (quadratic time).
    for (const pathological of [
      `${'1'.repeat(100_000)} ${'A'.repeat(100_000)} ${'a-'.repeat(50_000)}`,
      'Ab '.repeat(60_000),
      'ab '.repeat(60_000),
      'Mrs Ab '.repeat(30_000),
      'Ab-'.repeat(40_000),
      'AB, '.repeat(40_000),
      `${'Oak '.repeat(30_000)}Surgery`,
    ]) {
      const t0 = Date.now();
      anonymise(pathological);
      expect(Date.now() - t0).toBeLessThan(5_000);
    }
  });
});

describe('anonymise: known identifiers', () => {
  const known = [
    { type: FindingType.NAME, value: 'Ada Lovelace' },
    { type: FindingType.NHS_NUMBER, value: '943 476 5919' },
    { type: FindingType.STAFF_NAME, value: 'Okafor' },
  ];

  it('finds every surface form: any case, surname first, possessives, small typos, numbers with any separators', () => {
    const text =
      'LOVELACE, Ada was seen. ada said lovelace’s son rang; Lovelance was confused; 9434765919 / 943.476.5919; okafor';
    expect(
      anonymise(text, { knownIdentifiers: known }).findings.map((f) => [
        f.type,
        text.slice(f.start, f.end),
      ]),
    ).toEqual([
      [FindingType.NAME, 'LOVELACE, Ada'],
      [FindingType.NAME, 'ada'],
      [FindingType.NAME, 'lovelace'],
      [FindingType.NAME, 'Lovelance'],
      [FindingType.NHS_NUMBER, '9434765919'],
      [FindingType.NHS_NUMBER, '943.476.5919'],
      [FindingType.STAFF_NAME, 'okafor'],
    ]);
  });

  it('does not match short words loosely', () => {
    const result = anonymise('Adam and Ida', {
      knownIdentifiers: [{ type: FindingType.NAME, value: 'Ada' }],
    });
    expect(result.findings.filter((f) => f.rule.startsWith('known'))).toEqual([]);
  });
});

describe('anonymise: names without titles', () => {
  it('finds names from the name list: unusual names alone, common ones in pairs, surname first in capitals, possessives', () => {
    expect(found('Her son Kwabena visited; Okafor was told.')).toEqual([
      [FindingType.NAME, 'Kwabena'],
      [FindingType.NAME, 'Okafor'],
    ]);
    expect(found('The patient, Grace Brown, fell.')).toEqual([[FindingType.NAME, 'Grace Brown']]);
    expect(found('LOVELACE, Ada was reviewed; Ada’s daughter and ada herself agreed.')).toEqual([
      [FindingType.NAME, 'LOVELACE, Ada'],
      [FindingType.NAME, 'Ada'],
      [FindingType.NAME, 'ada'],
    ]);
  });

  it('handles Irish and Scottish prefixes, surnames that are also eponyms, and a name after a sentence-opening word', () => {
    expect(found("Her son Oscar O'Neill and Ava MacLeod came; Noah Johnson too.")).toEqual([
      [FindingType.NAME, "Oscar O'Neill"],
      [FindingType.NAME, 'Ava MacLeod'],
      [FindingType.NAME, 'Noah Johnson'],
    ]);
    expect(found('Later, Kwame rang.')).toEqual([[FindingType.NAME, 'Kwame']]);
    expect(found('Stevens-Johnson syndrome was suspected.')).toEqual([]);
  });

  it('leaves ordinary capitalised words, months, eponyms and lone common names alone', () => {
    for (const text of [
      'Will the team review it? Grace period ends in May.',
      "Wilson's disease was excluded; Waterlow score 16; Glasgow Coma Scale 15.",
      'Later the ward manager rang the crisis team.',
      'The Emergency Department at Leeds General Infirmary was busy.',
    ]) {
      expect([text, found(text)]).toEqual([text, []]);
    }
  });
});

describe("anonymise: the node's word lists", () => {
  it('always redacts listed terms as whole words in any case, and never flags listed false alarms', () => {
    const text =
      'Moved from Rowan ward to rowan Ward; Mrs Hope Smith was seen by the Rapid Response Team.';
    const result = anonymise(text, {
      alwaysRedact: ['Rowan Ward', 'rapid response team'],
      neverRedact: ['Hope Smith'],
    });
    expect(result.findings.map((f) => [f.type, text.slice(f.start, f.end)])).toEqual([
      [FindingType.LOCAL_TERM, 'Rowan ward'],
      [FindingType.LOCAL_TERM, 'rowan Ward'],
      [FindingType.LOCAL_TERM, 'Rapid Response Team'],
    ]);
    expect(result.redacted).toBe(
      'Moved from [REDACTED] to [REDACTED]; Mrs Hope Smith was seen by the [REDACTED].',
    );
    expect(
      anonymise('Rowanward', { alwaysRedact: ['Rowan'] }).findings.filter(
        (f) => f.type === FindingType.LOCAL_TERM,
      ),
    ).toEqual([]);
  });
});

describe('anonymise: forms found by the second (faker) corpus', () => {
  it('reads roles written in lower case, more street types, and SURNAME-comma-First opening a sentence', () => {
    expect(found('Seen by nurse Turner and the doctor.')).toEqual([
      [FindingType.STAFF_NAME, 'Turner'],
    ]);
    expect(found('Address: 8 Cornell Paddock, Bristol')).toEqual([
      [FindingType.ADDRESS, '8 Cornell Paddock, Bristol'],
    ]);
    expect(found('Reviewed. DARE, Jerome was seen.')).toEqual([[FindingType.NAME, 'DARE, Jerome']]);
  });
});

describe('anonymise: names the lists lack, in lower case, with typos, or introduced by who they are', () => {
  it('finds names introduced by the patient, a relative, or a verb of speaking', () => {
    expect(found('Patient Talon Wuckert was admitted.')).toEqual([
      [FindingType.NAME, 'Talon Wuckert'],
    ]);
    expect(found('Her husband Bell had noticed; the nurse told Polly to rest.')).toEqual([
      [FindingType.NAME, 'Bell'],
      [FindingType.NAME, 'Polly'],
    ]);
    expect(found("Her son Oscar O'Neill came.")).toEqual([[FindingType.NAME, "Oscar O'Neill"]]);
  });

  it('does not take services, days or ordinary capitalised words after those words for people', () => {
    expect(found('The Patient Safety team reviewed it.')).toEqual([]);
    expect(found('She was told Tuesday; the nurse asked Radiology for a scan.')).toEqual([]);
  });

  it('flags a capitalised word in no list mid-sentence, but not drugs, systems or known words', () => {
    expect(found('The family said Keshawn had been worried.')).toEqual([
      [FindingType.NAME, 'Keshawn'],
    ]);
    expect(
      found(
        'Gentamicin was given. Apixaban was held. Tazocin started; Datix and SystmOne updated.',
      ),
    ).toEqual([]);
  });

  it('finds lower-case names as a pair, not everyday words that are in the name list', () => {
    expect(found('The family of sunny hackett raised a complaint.')).toEqual([
      [FindingType.NAME, 'sunny hackett'],
    ]);
    expect(found('and ada said she will grace us')).toEqual([]);
  });

  it('finds a name found once again with one typo, and names with inner capitals or hyphens', () => {
    expect(found('Patient Marcus Anderson fell. Anedrson’s chart was incomplete.')).toEqual([
      [FindingType.NAME, 'Marcus Anderson'],
      [FindingType.NAME, 'Anedrson'],
    ]);
    expect(found("Seen by Dr VonRueden and nurse Kihn-O'Conner; Mrs Ward agreed.")).toEqual([
      [FindingType.STAFF_NAME, 'VonRueden'],
      [FindingType.STAFF_NAME, "Kihn-O'Conner"],
      [FindingType.NAME, 'Ward'],
    ]);
  });

  it('finds phones announced by a word, house names and streets of any type before a postcode', () => {
    expect(found('Contact 500129878 please; hospital number 12345678')).toEqual([
      [FindingType.PHONE, '500129878'],
      [FindingType.HOSPITAL_NUMBER, '12345678'],
    ]);
    expect(found('Address: 2 The Beeches, CF22 7AT.')).toEqual([
      [FindingType.ADDRESS, '2 The Beeches'],
      [FindingType.POSTCODE, 'CF22 7AT'],
    ]);
    expect(found('Lives at 85 Klein Brae, EH4 0JS and 2 Riverside, Leeds LS1 4AP.')).toEqual([
      [FindingType.ADDRESS, '85 Klein Brae'],
      [FindingType.POSTCODE, 'EH4 0JS'],
      [FindingType.ADDRESS, '2 Riverside'],
      [FindingType.POSTCODE, 'LS1 4AP'],
    ]);
  });
});

describe('anonymise: fixes found on another draw of the faker corpus', () => {
  it('does not read a sentence after a role word as a name, and still finds the title after it', () => {
    expect(found('It was escalated to the on-call registrar. Mrs Miller said so.')).toEqual([
      [FindingType.NAME, 'Miller'],
    ]);
    expect(found('Escalated to the registrar. Seen by the team.')).toEqual([]);
  });

  it('finds a lower-case name beside a longer word in no list, hyphens included', () => {
    expect(found('The family of charlotte gorczany and trace strosin-rath complained.')).toEqual([
      [FindingType.NAME, 'charlotte gorczany'],
      [FindingType.NAME, 'trace strosin-rath'],
    ]);
  });

  it('leaves title-case NHS phrases made of words that are also names alone', () => {
    expect(found('The Quality Lead presented at the Grand Round on the Bed Rail Risk.')).toEqual(
      [],
    );
  });
});

describe('anonymise: named places linked to the patient', () => {
  it('finds named GP practices, care homes, schools, day centres and small teams', () => {
    expect(
      found(
        "She lives at The Beeches Care Home, is registered with Oakwood Surgery, and her son attends St Mary's Primary School. The Ashfield Crisis Team visited; Riverside Day Centre was told.",
      ),
    ).toEqual([
      [FindingType.PLACE, 'The Beeches Care Home'],
      [FindingType.PLACE, 'Oakwood Surgery'],
      [FindingType.PLACE, "St Mary's Primary School"],
      [FindingType.PLACE, 'Ashfield Crisis Team'],
      [FindingType.PLACE, 'Riverside Day Centre'],
    ]);
  });

  it('leaves generic teams, departments and phrases alone', () => {
    expect(
      found(
        'The Community Mental Health Team, the crisis team, the Pharmacy Team and the Falls Team met; Good Practice was shared with the GP Practice.',
      ),
    ).toEqual([]);
  });
});

describe('anonymiseDocument: names found in one text apply to all', () => {
  it('finds a name in another field even where it would be an ordinary word', () => {
    const { results, propagated } = anonymiseDocument([
      'Fall of Mr Bartholomew Quince',
      'Quince had fallen twice before.',
      "Quince's falls were predictable; a quince is a fruit.",
    ]);
    expect(propagated.map((p) => p.value)).toEqual(['Bartholomew', 'Quince']);
    expect(results[1]!.redacted).toBe('[NAME] had fallen twice before.');
    // Issue 11: an ordinary word is a mention only where it is written like a name.
    expect(results[2]!.redacted).toBe("[NAME]'s falls were predictable; a quince is a fruit.");
  });

  it('does not carry a surname that is an ordinary word into every use of the word', () => {
    const { results } = anonymiseDocument([
      'Medication error by Dr Ward',
      'The ward manager told Ward; the ward was short of staff.',
    ]);
    expect(results[1]!.redacted).toBe(
      'The ward manager told [STAFF NAME]; the ward was short of staff.',
    );
  });

  it('carries only sure findings across, so one doubtful word does not spread', () => {
    // A capitalised word in no list is flagged where it stands (confidence 0.4), not spread.
    const { results, propagated } = anonymiseDocument([
      'The family said Keshawn had been worried.',
      'keshawn tablets were stopped.',
    ]);
    expect(results[0]!.findings).toHaveLength(1);
    expect(propagated).toEqual([]);
    expect(results[1]!.findings).toEqual([]);
  });

  it('keeps a bracket that opens a phone number in the sentence', () => {
    expect(anonymise('Her son (07700 900461) was told; call (0113) 496 0000.').redacted).toBe(
      'Her son ([PHONE]) was told; call [PHONE].',
    );
  });
});

/** The findings as the redacted text shows them. */
function redacted(text: string): string {
  return anonymise(text).redacted;
}

describe('issue 11, precision: redact the identifying tokens and nothing around them', () => {
  it('an age finding covers the number only, after a name too', () => {
    expect(found('She was aged 71 and her husband a 74 year old man; Age: 69')).toEqual([
      [FindingType.AGE, '71'],
      [FindingType.AGE, '74'],
      [FindingType.AGE, '69'],
    ]);
    expect(redacted('Mrs Ingrid Halvorsen (71) was found; Kwabena Mensah (66 yrs) too.')).toBe(
      'Mrs [NAME] ([AGE]) was found; [NAME] ([AGE] yrs) too.',
    );
    expect(redacted('Tomasz Wojcik, 52, attended. A 49y F with chest pain.')).toBe(
      '[NAME], [AGE], attended. A [AGE]y F with chest pain.',
    );
    // A number in brackets after a score or a word is not an age.
    expect(found('Waterlow (18) and a NEWS2 (5); over 5 years; Bay (4)')).toEqual([]);
  });

  it('a name finding never includes its title, role word or possessive', () => {
    expect(found("Staff Nurse Adeyemi's handover and Dr Ferreira's note")).toEqual([
      [FindingType.STAFF_NAME, 'Adeyemi'],
      [FindingType.STAFF_NAME, 'Ferreira'],
    ]);
    expect(found('Consultant Anaesthetist Lindqvist and Surgeon Okonjo attended.')).toEqual([
      [FindingType.STAFF_NAME, 'Lindqvist'],
      [FindingType.STAFF_NAME, 'Okonjo'],
    ]);
    expect(found("OYELARAN, Bisi's chart")).toEqual([[FindingType.NAME, 'OYELARAN, Bisi']]);
  });

  it('a later mention never promotes an ordinary word or a word of a generic team or law', () => {
    expect(
      found('The Patient Safety Team met. Patient safety was the theme; the safety huddle agreed.'),
    ).toEqual([]);
    expect(
      found('The Mental Health Bill passed. Her mental health declined; health visitors called.'),
    ).toEqual([]);
    expect(
      found('Dr Ward prescribed it. The ward manager and the ward sister checked; Ward 9 agreed.'),
    ).toEqual([[FindingType.STAFF_NAME, 'Ward']]);
    // Written as a name, the same word is still the person.
    expect(found('Dr Ward prescribed it. Later Ward apologised.')).toEqual([
      [FindingType.STAFF_NAME, 'Ward'],
      [FindingType.STAFF_NAME, 'Ward'],
    ]);
  });

  it('drugs, eponyms and guideline, report and law names are never names', () => {
    for (const text of [
      'Co-trimoxazole and Syntometrine were given; Tranexamic acid followed, then Levemir at 22:00.',
      'Treated with Zomorph; Depixol depot due; Propess inserted.',
      'The Ockenden review, the Caldicott Guardian and the Kirkup report were cited.',
      'Discharged under Home First; Gillick competence was assessed.',
    ])
      expect([text, found(text)]).toEqual([text, []]);
    expect(found("Mrs Paget was admitted. Paget's disease of bone was known.")).toEqual([
      [FindingType.NAME, 'Paget'],
    ]);
  });
});

describe('issue 11, dates and numbers', () => {
  it('a weekday before a date is part of the date', () => {
    expect(found('Admitted on Thursday 13 February 2025 and seen Sat, 15th Feb at noon.')).toEqual([
      [FindingType.DATE, 'Thursday 13 February 2025'],
      [FindingType.DATE, 'Sat, 15th Feb'],
    ]);
  });

  it('dates of birth written compactly or with a two-digit year', () => {
    expect(found('DOB 19520917; date of birth: 9 Sep 52')).toEqual([
      [FindingType.DATE_OF_BIRTH, '19520917'],
      [FindingType.DATE_OF_BIRTH, '9 Sep 52'],
    ]);
    // Not a date (month 13); without "DOB" a two-digit number after a date is not its year.
    expect(found('Ref 19521317 and 3 Feb 14 patients')).toEqual([[FindingType.DATE, '3 Feb']]);
  });

  it('NHS numbers with double spaces, GMC numbers bracketed or as a reference', () => {
    expect(found('NHS 401  023  2137')).toEqual([[FindingType.NHS_NUMBER, '401  023  2137']]);
    expect(found('Seen by Dr Haddad (6023117); GMC ref 7120458; GMC reference: 7120459')).toEqual([
      [FindingType.STAFF_NAME, 'Haddad'],
      [FindingType.REGISTRATION_NUMBER, '6023117'],
      [FindingType.REGISTRATION_NUMBER, '7120458'],
      [FindingType.REGISTRATION_NUMBER, '7120459'],
    ]);
    expect(found('Audit (2024118) of the fluids')).toEqual([]);
  });

  it('hospital numbers with a slash or a space when announced', () => {
    expect(found('Hospital no: B/778812; MRN 884 2210; unit no. 5512 904')).toEqual([
      [FindingType.HOSPITAL_NUMBER, 'B/778812'],
      [FindingType.HOSPITAL_NUMBER, '884 2210'],
      [FindingType.HOSPITAL_NUMBER, '5512 904'],
    ]);
  });

  it('a bay and a bed are one span; a bay alone is fine', () => {
    expect(found('Moved to Bay 2, Bed 5, then bay 6 bed 1; Bay 4 was closed.')).toEqual([
      [FindingType.BED, 'Bay 2, Bed 5'],
      [FindingType.BED, 'bay 6 bed 1'],
    ]);
  });
});

describe('issue 11, names', () => {
  it('a lower-case surname after a role, and roles the title list lacked', () => {
    expect(redacted('Checked by staff nurse okwuosa and rn dimitriou; sn gave it.')).toBe(
      'Checked by staff nurse [STAFF NAME] and rn [STAFF NAME]; sn gave it.',
    );
    expect(
      redacted('HCSW Adebayo, EMT Szabo, nurse in charge Quintero and ECA Lindgren attended.'),
    ).toBe(
      'HCSW [STAFF NAME], EMT [STAFF NAME], nurse in charge [STAFF NAME] and ECA [STAFF NAME] attended.',
    );
    expect(found('the nurse in charge was busy; the staff nurse on duty')).toEqual([]);
  });

  it('a middle initial and surname particles are part of the name', () => {
    expect(found('Mrs Rhiannon T. Pugh and Dr Luis de la Vega met Henrik van den Berg.')).toEqual([
      [FindingType.NAME, 'Rhiannon T. Pugh'],
      [FindingType.STAFF_NAME, 'Luis de la Vega'],
      [FindingType.NAME, 'Henrik van den Berg'],
    ]);
  });

  it('lower-case names after a courtesy title, and ward words as surnames without cascading', () => {
    expect(redacted('mrs ivy pemberton was seen; mr and mrs kowalczyk agreed.')).toBe(
      'mrs [NAME] was seen; mr and mrs [NAME] agreed.',
    );
    expect(redacted('Dr Bell examined her; Bell’s palsy was excluded; the bell rang.')).toBe(
      'Dr [STAFF NAME] examined her; Bell’s palsy was excluded; the bell rang.',
    );
  });

  it('a lone first name after a relation word or before a verb of speaking', () => {
    expect(redacted('Her granddaughter Holly visited. Later Holly said she was scared.')).toBe(
      'Her granddaughter [NAME] visited. Later [NAME] said she was scared.',
    );
    expect(redacted('Pearl complained about the food.')).toBe('[NAME] complained about the food.');
    expect(found('Pharmacy said it was out of stock; Security refused entry.')).toEqual([]);
  });

  it('a full name opening a sentence whose first name is an English word', () => {
    expect(redacted('Summer Oyelowo was admitted.\nFaith Nakamura-Birch agreed.')).toBe(
      '[NAME] was admitted.\n[NAME] agreed.',
    );
    expect(found('Later the team met. Will it rain?')).toEqual([]);
  });

  it('a lower-case name in no word list after a relative, the relative word left out', () => {
    expect(
      redacted('her nephew oluwaseun rang; her partner okafor-bello came; her son was told.'),
    ).toBe('her nephew [NAME] rang; her partner [NAME] came; her son was told.');
  });

  it('a repeated whole name is found in any case, surname first too', () => {
    expect(
      redacted('Patient Maisie Ward was admitted. The family of maisie ward complained.'),
    ).toBe('Patient [NAME] was admitted. The family of [NAME] complained.');
  });
});

describe('issue 11, places', () => {
  it('practices named after their doctors, a leading The, medical groups and supported living', () => {
    expect(
      found(
        'Registered with Dr Mistry & Partners, then Drs Adeyemi and Cole and Partners; now at The Larches Health Centre and Fernbank Medical Group; lives at Copperfield Supported Living.',
      ),
    ).toEqual([
      [FindingType.PLACE, 'Dr Mistry & Partners'],
      [FindingType.PLACE, 'Drs Adeyemi and Cole and Partners'],
      [FindingType.PLACE, 'The Larches Health Centre'],
      [FindingType.PLACE, 'Fernbank Medical Group'],
      [FindingType.PLACE, 'Copperfield Supported Living'],
    ]);
  });

  it('a flat in a named building and a street without a house number', () => {
    expect(found('Moved to Apartment 4C, Riverside Wharf, Gloucester last year.')).toEqual([
      [FindingType.ADDRESS, 'Apartment 4C, Riverside Wharf, Gloucester'],
    ]);
    expect(found('She lives on Tanner Street near Beckwith Close.')).toEqual([
      [FindingType.ADDRESS, 'Tanner Street'],
      [FindingType.ADDRESS, 'Beckwith Close'],
    ]);
    expect(found('The road was icy; the Lane was closed.')).toEqual([]);
    // A surname that is a street word, after a title or before a verb of speaking, is a person.
    expect(redacted('Mrs Close was seen. Later Lane told her.')).toBe(
      'Mrs [NAME] was seen. Later [NAME] told her.',
    );
  });

  it('named teams are places, whole; generic ones are not', () => {
    expect(
      found(
        'Known to Birch CMHT, Willow Memory Service and the Alder Hospital at Home Team; the Community CMHT, the Memory Service and Hospital at Home were told.',
      ),
    ).toEqual([
      [FindingType.PLACE, 'Birch CMHT'],
      [FindingType.PLACE, 'Willow Memory Service'],
      [FindingType.PLACE, 'Alder Hospital at Home Team'],
    ]);
  });
});

describe('issue 11: the new rules leave look-alikes alone', () => {
  it('runs of roles, roles before ordinary words, hospital sites, shorthand durations', () => {
    for (const text of [
      'The Carer Support Worker visited; the District Nurse Team attended.',
      'The Reviewing Consultant Said no; the named nurse Safeguarding policy applies.',
      'A 5y follow-up was booked 2y ago; NEWS2 5.',
      'Seen at the Oxford Road clinic; Fraser guidelines were followed.',
      'The SN on duty; the DN team; EMT crew arrived; HCSW on shift.',
    ])
      expect([text, found(text)]).toEqual([text, []]);
  });
});

describe('issue 11, names joined by shape, and the name tagger beside the rules', () => {
  const names = (text: string) =>
    anonymise(text)
      .findings.filter((f) => f.type === FindingType.NAME || f.type === FindingType.STAFF_NAME)
      .map((f) => text.slice(f.start, f.end));

  it('a first name, a middle initial and a surname that is also a word are one name', () => {
    expect(names('The audit was done by Oksana T. Fairweather on the ward.')).toEqual([
      'Oksana T. Fairweather',
    ]);
    expect(names('Chaired by Gordon K. Baker; minutes by Ifeoma B. Sharp.')).toEqual([
      'Gordon K. Baker',
      'Ifeoma B. Sharp',
    ]);
    expect(names('pt mrs edna r. moss reviewed at 10:00')).toEqual(['edna r. moss']);
    // A vitamin, a hepatitis or a grade with a letter is not a name.
    expect(names('Vitamin K. Then hepatitis B. Grade C. Stage III.')).toEqual([]);
  });

  it('surname particles and an initial found apart are joined; a role in capitals is left out', () => {
    expect(names('Complainant: Leonor dos Reis, by letter.')).toEqual(['Leonor dos Reis']);
    expect(names('Yours sincerely, Gwenllian ap Rhys PALS Officer')).toEqual(['Gwenllian ap Rhys']);
    expect(names('Signed: Desmond J. Okoro-Hughes, ward manager')).toEqual([
      'Desmond J. Okoro-Hughes',
    ]);
  });

  it('a doctor whose surname is a role word, and hyphenated surnames of name-list parts', () => {
    expect(names('Handover from Dr Porter to Dr Lindqvist was brief.')).toEqual([
      'Porter',
      'Lindqvist',
    ]);
    expect(names('Seen by Dr Nurse Practitioner Hallam.')).toEqual(['Hallam']);
    expect(names('Escalated by Yasmin Abdel-Rahman to the outreach team.')).toEqual([
      'Yasmin Abdel-Rahman',
    ]);
    expect(
      names('Moved to the Step-Down Unit for Non-Invasive ventilation and Follow-Up.'),
    ).toEqual([]);
  });

  it('a surname that is an ordinary word after a first name that is surely a name', () => {
    expect(names('The fall was witnessed by Svetlana Bell, a bank HCA.')).toEqual([
      'Svetlana Bell',
    ]);
    expect(names('Referral made for Thandiwe Turner (71) to the falls clinic.')).toEqual([
      'Thandiwe Turner',
    ]);
    // not over a phrase: "Okonkwo Ward Round" is not a surname, nor a drug after a name
    expect(names('Present: Okonkwo. Ward Round at 09:00.')).toEqual(['Okonkwo']);
  });

  it('the tagger finds a lone first name that is a word, where no rule reaches', () => {
    const byRules = (text: string) =>
      anonymise(text, { modelMargin: Infinity }).findings.map((f) => text.slice(f.start, f.end));
    for (const [text, name] of [
      ['We were sorry to hear that Blessing had to wait so long.', 'Blessing'],
      ['As we discussed, Precious was given the wrong dose.', 'Precious'],
      ['Thank you for meeting with us. Patience felt the delay was avoidable.', 'Patience'],
      ['Handover given to Joy at 20:00.', 'Joy'],
    ]) {
      expect([text, byRules(text)]).toEqual([text, []]);
      expect([text, names(text)]).toEqual([text, [name]]);
    }
  });

  it('the tagger never takes a verb opening a sentence, a word named after a person, or a plain word', () => {
    expect(
      names('Bill the patient for nothing. Mark the chart. May we thank the team. Will it help?'),
    ).toEqual([]);
    expect(names('Gillick competence and Fraser guidelines were applied.')).toEqual([]);
    expect(names('Concern raised by the family. Good practice: the outreach team came.')).toEqual(
      [],
    );
    expect(names('a chest X-ray was requested; self-harm risk assessed; cannula site ok.')).toEqual(
      [],
    );
  });

  it('the tagger never takes a drug, an acronym, a role or a cue word on its own', () => {
    expect(
      names('Given Oramorph; PALS and NOK aware; Deputy Director informed. Said no more.'),
    ).toEqual([]);
  });
});

import { type Candidate, FindingType } from '../types';
import { isEnglishWord, isName, isNotPerson } from './gazetteer';

/**
 * Bed, bed-space, cubicle, side-room and (on a mental health ward) bedroom numbers, with the bay
 * before or after them as one span ("Bay 3, Bed 2", "B4 bed 2", "bed 6, bay 1"). A ward or bay
 * name alone is fine.
 */
export function beds(text: string): Candidate[] {
  const out: Candidate[] = [];
  const re =
    /\b(?:(?:bay\s*|B)\d{1,2}[A-Za-z]?\s*[,/-]?\s*)?(?:bedroom|bed(?:\s*space)?|bedspace|cubicle|side[\s-]?room|SR)\s*(?:no\.?|number)?\s*[#:.]?\s*\d{1,3}[A-Za-z]?\b(?:,?\s*(?:in\s+)?bay\s*\d{1,2}[A-Za-z]?\b)?/gi;
  for (const m of text.matchAll(re)) {
    if (/^sr/i.test(m[0]) && !/^SR\s*\d/.test(m[0])) continue;
    if (/^(?:bay|b\d)/i.test(m[0]) && /\bsr/i.test(m[0]) && !/SR\s*\d/.test(m[0])) continue;
    out.push({
      start: m.index,
      end: m.index + m[0].length,
      type: FindingType.BED,
      confidence: 0.9,
      rule: 'bed',
    });
  }
  return out;
}

const STREET =
  '(?:Road|Rd|Street|St|Avenue|Ave|Lane|Ln|Close|Cl|Drive|Dr|Way|Court|Ct|Crescent|Cres|Gardens|Gdns|Place|Pl|Terrace|Terr|Grove|Gr|Hill|Park|Row|Walk|Square|Sq|Mews|Rise|View|Green|Parade|Boulevard|Vale|Meadows?|Fields?|Wharf|Yard|Hollow|Croft|Chase|Villas|Paddock|Copse|Ridge|Side|Corner|Heights|Gate|End|Mount|Fold|Bank|Brow|Garth|Wynd|Nook|Lea|Dale|Approach|Circus|Embankment|Quay|Spinney|Coppice|Orchard|Passage|Alley|Mead|Brae|Path|Glade|Grange|Drove|Wood|Woods|Dell|Moor|Heath|Glen|Loan|Gait|Grove|Hey|Holme|Leys|Pastures|Bottom|Common|Cottages|Buildings|Mansions|Estate|Precinct|Link|Loop|Reach|Steps|Cross|Brook|Bridge)';

/** Street addresses: a house number (or Flat n,) then one to four words and a street type. */
export function addresses(text: string): Candidate[] {
  const out: Candidate[] = [];
  const re = new RegExp(
    `\\b(?:(?:Flat|Apartment|Apt|Unit)\\s+\\d{1,4}[A-Za-z]?,?\\s+)?\\d{1,4}[A-Za-z]?,?\\s+(?:[A-Z][A-Za-z'’-]+\\s+){1,4}${STREET}\\b\\.?(?:,\\s*[A-Z][a-z][A-Za-z'’-]*(?:\\s+[A-Z][a-z][A-Za-z'’-]*){0,2})?`,
    'g',
  );
  for (const m of text.matchAll(re)) {
    out.push({
      start: m.index,
      end: m.index + m[0].length,
      type: FindingType.ADDRESS,
      confidence: 0.9,
      rule: 'street-address',
    });
  }
  // House names used as addresses: "2 The Beeches", "Flat 3, The Laurels".
  const named = /\b\d{1,4}[A-Za-z]?,?\s+The\s+[A-Z][a-z]+(?:s|\s+[A-Z][a-z]+)\b/g;
  for (const m of text.matchAll(named)) {
    out.push({
      start: m.index,
      end: m.index + m[0].length,
      type: FindingType.ADDRESS,
      confidence: 0.8,
      rule: 'house-name-address',
    });
  }
  // A house number and capitalised words just before a postcode: the street, whatever its type.
  const beforePostcode =
    /\b\d{1,4}[A-Za-z]?,?\s+(?:[A-Z][A-Za-z'’-]+\s+){0,3}[A-Z][A-Za-z'’-]+(?=,?\s+(?:[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?,?\s+)?[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b)/g;
  for (const m of text.matchAll(beforePostcode)) {
    out.push({
      start: m.index,
      end: m.index + m[0].length,
      type: FindingType.ADDRESS,
      confidence: 0.85,
      rule: 'address-before-postcode',
    });
  }
  // "Flat 3, Harbour View" / "Apartment 12B, Quayside Court, Hull": a flat in a named building.
  const flat =
    /\b(?:Flat|Apartment|Apt\.?)\s+\d{1,4}[A-Za-z]?,?\s+(?:[A-Z][A-Za-z'’-]+\s+){0,3}[A-Z][A-Za-z'’-]+(?:,\s*[A-Z][a-z][A-Za-z'’-]*(?:\s+[A-Z][a-z][A-Za-z'’-]*){0,2})?/g;
  for (const m of text.matchAll(flat)) {
    out.push({
      start: m.index,
      end: m.index + m[0].length,
      type: FindingType.ADDRESS,
      confidence: 0.85,
      rule: 'flat-address',
    });
  }
  for (const c of composedAddresses(text)) out.push(c);
  // A street named without a house number ("lives on Hollin Lane"): only the surest street types.
  const street =
    /(?<![A-Za-z'’-])(?:[A-Z][a-z][A-Za-z'’-]*\s+){1,3}(?:Road|Street|Lane|Avenue|Close|Crescent|Drive|Gardens|Terrace|Grove|Mews)\b/g;
  for (const m of text.matchAll(street)) {
    const words = m[0].split(/\s+/);
    let skip = 0;
    while (skip < words.length - 1 && STREET_NOT_NAME.has(words[skip])) skip++;
    if (skip >= words.length - 1) continue;
    // "Mrs Close", "Dr Lane", "Lane told her": a person, not a street.
    if (words.some((w) => STREET_TITLES.has(w))) continue;
    if (
      /^\s+(?:said|told|asked|rang|phoned|replied|explained|agreed|complained)\b/.test(
        text.slice(m.index + m[0].length, m.index + m[0].length + 14),
      )
    )
      continue;
    // "the Oxford Road site", "Green Lane clinic": a hospital's site, not a home.
    if (
      /^\s+(?:site|campus|clinic|hospital|health\s+centre|unit|building|wing)\b/i.test(
        text.slice(m.index + m[0].length, m.index + m[0].length + 20),
      )
    )
      continue;
    const start = m.index + m[0].indexOf(words[skip]);
    out.push({
      start,
      end: m.index + m[0].length,
      type: FindingType.ADDRESS,
      confidence: 0.7,
      rule: 'street-name',
    });
  }
  return out;
}

const WORD = "[A-Z][a-z][A-Za-z'’-]*";
const WELSH_WORD = "[A-ZÂÊÎÔÛŴŶ][A-Za-zâêîôûŵŷäëïöüẅÿáéíóú'’-]+";
/** Welsh street words: "Heol y Felin", "Ffordd Pen Llyn", "Stryd Fawr". */
const WELSH_STREET = `(?:Heol|Ffordd|Stryd|L[oô]n|Rhodfa)\\s+(?:(?:y|yr)\\s+)?${WELSH_WORD}(?:\\s+${WELSH_WORD})?`;
/** Northern streets named "-gate" ("Micklegate"), one word without a street type. */
const GATE_STREET = '[A-Z][a-z]{2,}gate';
/** House names: "Ivy Cottage", "The Old Bakery", "Mill Farm", "The Larches". */
const HOUSE_NAME = `(?:(?:The\\s+)?(?:${WORD}\\s+){0,2}(?:Cottages?|House|Farm|Lodge|Barns?|Forge|Mill|Manor|Hall|Bungalow|Villa|Rectory|Vicarage|Granary|Stables|Bakery|Smithy|Chapel|Schoolhouse|Coach\\s+House)|The\\s+${WORD}(?:\\s+${WORD})?)`;
/** A flat, apartment or room in a building: "Flat 3", "Apartment 12B", "Room 14". */
const DWELLING = '(?:Flat|Apartment|Apt\\.?|Unit|Room)\\s+\\d{1,4}[A-Za-z]?';
/** A town after a street: one word, or joined ("Stratford-upon-Avon", "Kingston upon Hull"). */
const TOWN = `${WORD}(?:-(?:upon|on|under|le|in|by)-${WORD}|\\s+upon\\s+${WORD})?`;

/**
 * One address of any of these shapes, the town after a comma included: "Holly Cottage, Mill Lane,
 * Ripon"; "The Old Forge, Heol y Felin, Wrexham"; "Flat 2, 18 Micklegate, Selby"; "Room 9, Tanner
 * Court, Hull"; "Moorland Road, Bradford"; "Kirkgate, Otley". Without a house number, house name or
 * flat a street needs a town after it (or is Welsh), and is not a person ("Lois Lane, Leeds").
 */
const COMPOSED = new RegExp(
  `(?=[A-Z\\d])(?<![A-Za-z0-9'’-])(?:(${DWELLING}),?\\s+)?(?:(${HOUSE_NAME}),\\s+)?(?:(\\d{1,4}[A-Za-z]?),?\\s+)?(${WELSH_STREET}|${GATE_STREET}|(?:${WORD}\\s+){1,3}${STREET})\\b(?:,\\s*(${TOWN})\\b)?`,
  'g',
);

/** Street types that, with a town after them, are a street and hardly ever a surname. */
const STREET_WITH_TOWN = new Set(
  (
    'Road Rd Street St Avenue Ave Lane Close Crescent Drive Gardens Terrace Grove Mews Approach ' +
    'Court Way Place Row Walk Square Rise View Parade Fold Wharf Yard Quay End Boulevard Circus ' +
    'Embankment Gate Garth Wynd Croft Cottages Meadows Paddock Chase Villas Mount Brow'
  ).split(' '),
);

/** Towns ending in -gate: a place, not a street, after "from". */
const GATE_TOWNS = new Set('Harrogate Margate Ramsgate Reigate'.split(' '));

/** Words that cannot be a town after a street's comma: the next clause starts there. */
const NOT_TOWN = new Set(
  (
    'The A An This That These Those He She They It We I You Her His Their Our Its Then When While ' +
    'Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June ' +
    'July August September October November December NHS GP Ward Bay Bed Dr Mr Mrs Ms Miss Mx Prof ' +
    'Sister Nurse Matron Staff Consultant Registrar Patient Pt Tel Telephone Phone Mobile Email Postcode ' +
    'Yours Dear Kind Regards Thank Thanks Please Date Time Admitted Discharged Seen Called Rang'
  ).split(' '),
);

function composedAddresses(text: string): Candidate[] {
  const out: Candidate[] = [];
  for (const m of text.matchAll(COMPOSED)) {
    const [, dwelling, house, number, street, townRaw] = m;
    let start = m.index;
    let end = m.index + m[0].length;
    const town = townRaw && !NOT_TOWN.has(townRaw.split(/[\s-]/)[0]) ? townRaw : undefined;
    if (townRaw && !town) end = m.index + m[0].lastIndexOf(',', m[0].length - townRaw.length);
    const streetWords = street.split(/\s+/);
    const welsh = /^(?:Heol|Ffordd|Stryd|L[oô]n|Rhodfa)\s/.test(street);
    const gate = streetWords.length === 1 && /gate$/.test(street);
    if (streetWords.some((w) => STREET_TITLES.has(w))) continue;
    // "the Oxford Road site", "Green Lane clinic": a hospital's site, not a home.
    if (
      /^\s+(?:site|campus|clinic|hospital|health\s+centre|unit|building|wing)\b/i.test(
        text.slice(end, end + 20),
      )
    )
      continue;
    if (!dwelling && !house && !number) {
      if (!welsh) {
        if (!town) continue;
        if (gate ? GATE_TOWNS.has(street) : !STREET_WITH_TOWN.has(streetWords.at(-1)!)) continue;
        // Sentence openers before the street are not part of it ("Later Moorland Road, Leeds").
        let skip = 0;
        while (skip < streetWords.length - 1 && STREET_NOT_NAME.has(streetWords[skip])) skip++;
        if (!gate && skip >= streetWords.length - 1) continue;
        start = m.index + m[0].indexOf(streetWords[skip]);
        if (
          /^\s+(?:said|told|asked|rang|phoned|replied|explained|agreed|complained)\b/.test(
            text.slice(end, end + 14),
          )
        )
          continue;
      }
    } else if (!dwelling && !number && house && STREET_NOT_NAME.has(house.split(/\s+/)[0])) {
      // "The Beeches, Mill Lane": "The" belongs to the house name; any other opener does not.
      if (house.split(/\s+/)[0] !== 'The') continue;
    }
    out.push({
      start,
      end,
      type: FindingType.ADDRESS,
      confidence: 0.8,
      rule: 'composed-address',
    });
  }
  return out;
}

/** Capitalised words that open a sentence or a phrase before a street name, not part of it. */
const STREET_NOT_NAME = new Set(
  (
    'The A An At On In Of To From Near Off By Lives Living Moved Address Home Her His Their Our ' +
    'Patient Later Then When After Before Next Today Yesterday Overnight Also However Meanwhile ' +
    'Eventually Finally Initially Subsequently Afterwards Soon Once While Although Because Since ' +
    'Upon As If So But And Both Seen Told Asked Called Rang Visited'
  ).split(' '),
);

/** Titles: a capitalised word after one is a surname ("Mrs Close"), not a street. */
const STREET_TITLES = new Set(
  'Mr Mrs Ms Miss Mx Dr Prof Sister Nurse Matron Midwife Consultant Registrar Staff Charge'.split(
    ' ',
  ),
);

/** A word of a street or a saint: "Park Lane Infants", "St Anne's Juniors". */
const PLACE_WORD =
  /^(?:St\.?|Saint|Road|Street|Lane|Avenue|Park|Hill|Green|Grove|Drive|Way|Vale|Field|Fields|Moor|Bank|Bridge|Brook|Cross|End|Wood|Meadow|Meadows)$/;

/** Places a patient can be traced through: their GP practice, care home, school, day centre. */
const INSTITUTION =
  '(?:Hospital\\s+at\\s+Home(?:\\s+Team)?|Virtual\\s+Wards?|Infants|Juniors|Memory\\s+(?:Service|Clinic)|CMHTs?|(?:Medical|Health(?:care)?)\\s+Group|Supported\\s+(?:Living|Housing)|Extra\\s+Care|Retirement\\s+Village|Surgery|Medical\\s+Cent(?:re|er)|Health\\s+Cent(?:re|er)|(?:Medical|Group|Family)\\s+Practice|Practice|Care\\s+Home|Nursing\\s+Home|Residential\\s+Home|Rest\\s+Home|Care\\s+Cent(?:re|er)|(?:Primary|Junior|Infant|Secondary|High|Special|Grammar|Prep(?:aratory)?)\\s+School|School|Academy|College|Nursery|Day\\s+Cent(?:re|er)|Day\\s+Services|Hospice|Team)';

/**
 * Words that make a team or institution generic ("the Community Mental Health Team", "Good
 * Practice"); a name is any other capitalised word before the institution ("Ashfield Crisis Team").
 */
const GENERIC = new Set(
  (
    'the a an at to from of in on by with and or for our their his her its this that ' +
    'community mental health district crisis home treatment intensive early intervention specialist ' +
    "palliative care liaison psychiatric learning disability disabilities children's childrens child " +
    'adult adults older people acute rapid response discharge hospital night outreach tissue viability ' +
    'falls diabetes respiratory heart failure stroke dementia memory perinatal eating disorders primary ' +
    'secondary junior infant high special general medical local neighbourhood integrated virtual ward ' +
    'safeguarding pain nutrition infection prevention control quality patient safety experience ' +
    'resuscitation critical emergency department sepsis maternity midwifery neonatal paediatric ' +
    'paediatrics bank agency domiciliary social services council county city nhs trust foundation ' +
    'university royal good best clinical nursing professional safe standard reflective advanced ' +
    'multidisciplinary mdt surgical medicine surgery theatre theatres day group family practice new gp gps ' +
    'national regional same different another their nurse nurses visitor visitors visiting worker workers ' +
    'complex continuing healthcare support enhanced reducing restrictive assessment review transition transitions ' +
    'premature preterm newborn sick well healthy all'
  ).split(/\s+/),
);

/** Departments and functions that teams are named after: not identifying. */
const DEPARTMENTS = new Set(
  (
    'pharmacy legal complaints governance estates facilities communications finance payroll it ' +
    'informatics digital radiology imaging pathology laboratory physiotherapy physio therapy therapies ' +
    'occupational dietetics nutrition chaplaincy spiritual portering catering housekeeping domestic ' +
    'security education training research audit medicines optimisation transformation improvement ' +
    'bed beds site operations operational management leadership executive nursing medical surgical ' +
    'clinical admin administration booking bookings appointments records coding procurement ' +
    'workforce hr wellbeing occupational-health transport volunteers volunteer bereavement ' +
    'discharge flow capacity patient experience pals learning incident incidents investigation ' +
    'investigations legal-services claims inquest inquests risk risks harm harms mortality outreach ' +
    'infection tissue pain stoma continence diabetes falls dementia frailty respiratory cardiac ' +
    'renal dialysis oncology haematology palliative endoscopy theatres anaesthetics orthopaedics'
  ).split(/\s+/),
);

/**
 * Named GP practices, care homes, schools, day centres and small teams ("Oakwood Surgery", "The
 * Beeches Care Home", "Ashfield Crisis Team"). Generic ones are not identifying and are left alone.
 */
export function namedPlaces(text: string): Candidate[] {
  const out: Candidate[] = [];
  const re = new RegExp(
    `(?<![A-Za-z'’-])((?:(?:St\\.?|Saint)\\s+)?(?:[A-Z][A-Za-z'’-]*\\s+){1,4})${INSTITUTION}\\b`,
    'g',
  );
  for (const m of text.matchAll(re)) {
    const words = m[1].trim().split(/\s+/);
    let skip = 0;
    let offset = 0;
    while (skip < words.length && GENERIC.has(words[skip].toLowerCase())) {
      offset = m[1].indexOf(words[skip], offset) + words[skip].length;
      skip++;
    }
    // Every word generic: "the Community Mental Health Team" is not a named team.
    const named = words.slice(skip).filter((w) => !GENERIC.has(w.toLowerCase()));
    if (named.length === 0) continue;
    // Many teams are departments ("the Pharmacy Team", "the Frailty Virtual Ward"); other words
    // name a place or a person.
    if (/(?:Team|Wards?)$/.test(m[0]) && named.every((w) => DEPARTMENTS.has(w.toLowerCase())))
      continue;
    // "Infants", "Juniors" alone name a school only after a place's name ("Mill Lane Infants").
    if (
      /(?:Infants|Juniors)$/.test(m[0]) &&
      !named.some((w) => PLACE_WORD.test(w) || !isEnglishWord(w))
    )
      continue;
    let start = m.index + m[1].indexOf(words[skip], offset);
    // "The Beeches Medical Centre": a capital The just before the name is part of it (not for teams).
    if (skip > 0 && words[skip - 1] === 'The' && !/Team$/.test(m[0]))
      start = m.index + m[1].lastIndexOf('The', start - m.index);
    out.push({
      start,
      end: m.index + m[0].length,
      type: FindingType.PLACE,
      confidence: 0.75,
      rule: 'named-place',
    });
  }
  // "Fernlea House", "Ashdene Lodge": a care home named by a coined word (in no word or name list).
  for (const m of text.matchAll(
    /(?<![A-Za-z'’-])(?:The\s+)?([A-Z][a-z]{3,})\s+(?:House|Lodge|Manor)(?![A-Za-z'’-])/g,
  )) {
    const word = m[1];
    if (isEnglishWord(word) || isName(word) || isNotPerson(word)) continue;
    out.push({
      start: m.index,
      end: m.index + m[0].length,
      type: FindingType.PLACE,
      confidence: 0.7,
      rule: 'coined-house-name',
    });
  }
  // "resident of Rose Lodge", "admitted from Oak House", "Ivy Manor care home": a home whose name is
  // made of ordinary words, known by what is said around it.
  for (const m of text.matchAll(
    /(?<![A-Za-z'’-])((?:The\s+)?(?:[A-Z][a-z][A-Za-z'’-]*\s+){1,2}(?:House|Lodge|Manor|Grange|Hall|Court))(?=\s+(?:care|nursing|residential|rest)\s+home\b)/g,
  ))
    out.push({
      start: m.index,
      end: m.index + m[1].length,
      type: FindingType.PLACE,
      confidence: 0.75,
      rule: 'home-before-care-home',
    });
  for (const m of text.matchAll(
    /\b(?:residents?\s+(?:of|at)|(?:lives|lived|living)\s+(?:at|in)|(?:admitted|transferred|came|conveyed)\s+(?:here\s+)?from|(?:discharged|returned|transferred|moved)\s+(?:back\s+)?to)\s+((?:The\s+)?(?:[A-Z][a-z][A-Za-z'’-]*\s+){1,2}(?:House|Lodge|Manor|Grange))(?![A-Za-z'’-])/g,
  )) {
    const start = m.index + m[0].length - m[1].length;
    out.push({
      start,
      end: start + m[1].length,
      type: FindingType.PLACE,
      confidence: 0.7,
      rule: 'home-after-residence-verb',
    });
  }
  // "Dr Patel & Partners", "Drs Khan and Webb": a practice named after its doctors.
  const partners =
    /(?<![A-Za-z'’-])(?:Drs?\.?\s+)?[A-Z][A-Za-z'’-]+(?:\s*,\s*[A-Z][A-Za-z'’-]+){0,3}(?:\s+(?:&|and)\s+(?:Drs?\.?\s+)?[A-Z][A-Za-z'’-]+)?\s+(?:&|and)\s+Partners\b/g;
  for (const m of text.matchAll(partners)) {
    out.push({
      start: m.index,
      end: m.index + m[0].length,
      type: FindingType.PLACE,
      confidence: 0.85,
      rule: 'practice-partners',
    });
  }
  return out;
}

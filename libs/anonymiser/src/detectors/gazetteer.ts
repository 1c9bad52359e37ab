import { isDrug, isEponym } from './lexicon';

/**
 * Name and word lists shipped in npm packages (no download at run time): `humannames` (about
 * 197,000 first and last names) and `an-array-of-english-words` (about 275,000 English words).
 * A name that is not also an English word ("Okafor", "Lovelace") is strong evidence on its own; a
 * name that is also a word ("Grace", "Smith", "May") needs another name beside it.
 */
let lists: { names: ReadonlySet<string>; words: ReadonlySet<string> } | undefined;

/** Built on first use (about half a second), so commands that never anonymise do not pay for it. */
function gazetteer(): { names: ReadonlySet<string>; words: ReadonlySet<string> } {
  if (lists) return lists;
  // Loaded here, not at import: the two lists are about 6 MB of JSON.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const humanNames = require('humannames') as Record<string, unknown> | string[];
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const englishWords = require('an-array-of-english-words') as string[];
  lists = {
    names: new Set(
      (Array.isArray(humanNames) ? humanNames : Object.keys(humanNames))
        .filter((n) => n.length >= 2)
        .map((n) => n.toLowerCase()),
    ),
    words: new Set(englishWords),
  };
  return lists;
}

/**
 * Capitalised words that are in the name list but, in clinical writing, are almost never a person:
 * eponyms and scores, places and services, days and months, clinical terms.
 */
const NOT_PEOPLE = new Set(
  (
    'parkinson parkinsons addison addisons alzheimer alzheimers crohn crohns cushing cushings hodgkin hodgkins ' +
    'huntington huntingtons asperger aspergers waterlow braden glasgow apgar barthel norton gleason wells rockwood ' +
    'guillain barre kaposi hashimoto graves raynaud bell bells tourette sjogren wernicke korsakoff ' +
    'marfan turner klinefelter duchenne down downs epstein barr nice cqc nhs psirf lfpse datix sbar news ' +
    'monday tuesday wednesday thursday friday saturday sunday january february march april may june july august ' +
    'september october november december christmas easter ' +
    'ward bay unit theatre theatres clinic hospital trust team service emergency ambulance community outreach ' +
    'sister nurse matron doctor consultant registrar midwife porter patient family daughter son wife husband ' +
    'london leeds bradford york manchester birmingham liverpool bristol sheffield newcastle nottingham leicester ' +
    'england scotland wales ireland britain uk english welsh scottish irish british european ' +
    'covid sars mrsa cdiff insulin heparin warfarin morphine paracetamol oramorph tazocin clexane ' +
    'sho hca fy1 fy2 anp ot icu itu ed ae gp amu cdu hdu nicu scbu picu mdt ews ecg ct mri ward sister'
  ).split(/\s+/),
);

/** In the name list, also with an Irish or Scottish prefix (O'Neill, MacLeod, McKenzie). */
export function isName(word: string): boolean {
  const lower = word.toLowerCase();
  return (
    gazetteer().names.has(lower) ||
    (/^(?:o['’]|ma?c)\p{L}{3,}$/u.test(lower) &&
      gazetteer().names.has(lower.replace(/^(?:o['’]|ma?c)/, '')))
  );
}

/** A name that is not an English word: strong evidence by itself. */
export function isStrongName(word: string): boolean {
  const lower = word.toLowerCase();
  return (
    lower.length >= 3 && isName(word) && !gazetteer().words.has(lower) && !NOT_PEOPLE.has(lower)
  );
}

export function isNotPerson(word: string): boolean {
  return NOT_PEOPLE.has(word.toLowerCase().replace(/['’]s$/, '')) || isDrug(word);
}

export function isEnglishWord(word: string): boolean {
  return gazetteer().words.has(word.toLowerCase());
}

/**
 * Capitalised words of clinical writing that are in neither list but are not people: abbreviations
 * written as words, brands, record systems, NHS bodies.
 */
const CLINICAL_WORDS = new Set(
  (
    'obs sats resus bloods meds hypo hypos hyper nil nbm dnacpr dnar respect tazocin clexane oramorph ' +
    'datix ulysses cerner lorenzo systmone emis rio epic nervecentre nerve medway careflow evolve ' +
    'teams zoom whatsapp outlook nhsmail oximetry spo2 ews news2 airvo optiflow ' +
    'ambu sepsis covid mrsa cpe vre norovirus flu paeds gynae obs-gynae ortho orthogeriatrics ' +
    'physio physios pharm radiol haem onc neuro cardio resp gastro urol derm endo rheum ' +
    'ccot ccu picu nicu hdu itu icu amu sau cdu ambulatory handover handovers ' +
    'nok gp gps ooh nhs111 trak oncall callout datixed ' +
    'ics icb icbs cqc nhse nhsi hsib hssib mhra nrls lfpse psirf pals'
  ).split(/\s+/),
);

/** International non-proprietary name stems: drugs, not people (gentamicin, ramipril, apixaban). */
const DRUG_STEM =
  /(?:mab|cillin|mycin|micin|azole|pril|olol|statin|parin|floxacin|tidine|prazole|sartan|dipine|cycline|vir|azepam|zolam|triptan|setron|profen|caine|phine|sone|olone|lukast|gliptin|glitazone|formin|semide|thiazide|plase|tropium|terol|oxetine|pramine|tyline|peridol|apine|idone|xaban|gatran|platin|taxel|rubicin|tinib|zumab|ximab|parin|dronate|lamide|pam)$/i;

/**
 * A capitalised word that is in no list we have: not an English word (in any of its parts), not a
 * name we know, not a clinical word or drug. In clinical narratives that is most often a name the
 * list lacks, so it is flagged for a human to look at.
 */
export function isUnknownWord(word: string, possessive = false): boolean {
  void possessive;
  if (word.length < 4 || word === word.toUpperCase()) return false;
  const lower = word.toLowerCase();
  if (gazetteer().words.has(lower) || gazetteer().names.has(lower)) return false;
  if (CLINICAL_WORDS.has(lower) || NOT_PEOPLE.has(lower) || DRUG_STEM.test(lower)) return false;
  if (isDrug(lower) || isEponym(lower)) return false;
  const parts = lower.split(/[-'’]/).filter((p) => p.length > 0);
  if (
    parts.every(
      (p) => gazetteer().words.has(p) || CLINICAL_WORDS.has(p) || isDrug(p) || p.length < 2,
    )
  )
    return false;
  // Plurals and other inflections of words we know ("Tuesdays", "Registrars").
  const stem = lower.replace(/(?:'s|s|es|ed|ing)$/, '');
  if (stem !== lower && (gazetteer().words.has(stem) || NOT_PEOPLE.has(stem))) return false;
  return true;
}

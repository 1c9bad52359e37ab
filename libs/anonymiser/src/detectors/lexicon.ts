/**
 * The "never a name" side: words and phrases of clinical writing that look like names (capitalised,
 * in no English word list, or in the name list) but are drugs, eponyms, guideline, report, law and
 * programme names, or role words. A hand list of common UK hospital drugs and clinical eponyms; a
 * maintained drug list (BNF / dm+d derived) would be better if one is ever packaged.
 */

/** Common UK hospital drugs, generic and brand names (lower case). */
const DRUGS =
  'abacavir acetylcysteine aciclovir adalimumab adcal adenosine adrenaline alendronate alfentanil ' +
  'allopurinol alteplase amikacin amiodarone amitriptyline amlodipine amoxicillin amoxiclav co-amoxiclav ' +
  'amphotericin anastrozole apixaban aripiprazole aspirin atenolol atorvastatin atracurium atropine ' +
  'augmentin azathioprine azithromycin baclofen beclometasone bendroflumethiazide benzylpenicillin ' +
  'betahistine betamethasone bisoprolol bumetanide buprenorphine buscopan calcichew candesartan ' +
  'carbamazepine carbimazole carbocisteine carvedilol cefalexin cefuroxime ceftriaxone cetirizine ' +
  'chlorphenamine chlorpromazine ciprofloxacin citalopram clarithromycin clexane clindamycin ' +
  'clobazam clonazepam clonidine clopidogrel clozapine co-codamol co-careldopa co-beneldopa ' +
  'co-trimoxazole codeine colchicine cyclizine dabigatran dalteparin dantrolene dapagliflozin ' +
  'depakote dexamethasone diamorphine diazepam diclofenac digoxin dihydrocodeine diltiazem ' +
  'docusate domperidone donepezil doxazosin doxycycline duloxetine edoxaban empagliflozin ' +
  'enalapril enoxaparin entonox ephedrine epilim epinephrine eplerenone erythromycin ' +
  'escitalopram esomeprazole ferrous fentanyl finasteride flucloxacillin fluconazole fludrocortisone ' +
  'fluoxetine fragmin furosemide frusemide fybogel gabapentin gaviscon gentamicin gliclazide ' +
  'glargine glucagon glyceryl gtn haloperidol hartmann hartmanns heparin humalog humulin ' +
  'hydrocortisone hydroxocobalamin hyoscine ibuprofen indapamide insulatard insulin ipratropium ' +
  'irbesartan isosorbide ketamine labetalol lacosamide lactulose lamotrigine lansoprazole ' +
  'lantus laxido ledipasvir levemir levetiracetam levothyroxine lidocaine lignocaine linezolid ' +
  'liraglutide lisinopril lithium loperamide loratadine lorazepam losartan macrogol magnesium ' +
  'mebeverine meropenem mesalazine metformin methadone methotrexate methylprednisolone ' +
  'metoclopramide metoprolol metronidazole micafungin midazolam mirtazapine misoprostol ' +
  'montelukast morphine movicol naloxone naproxen nicorandil nifedipine nitrofurantoin ' +
  'noradrenaline norepinephrine novomix novorapid nystatin octreotide olanzapine omeprazole ' +
  'ondansetron oramorph oxybutynin oxycodone oxycontin oxytocin pabrinex pantoprazole paracetamol ' +
  'paroxetine penicillin perindopril pethidine phenobarbital phenytoin phytomenadione piperacillin ' +
  'pregabalin prednisolone prochlorperazine promethazine propofol propranolol quetiapine ' +
  'ramipril ranitidine remifentanil rifampicin risperidone rivaroxaban rocuronium ropinirole ' +
  'salbutamol senna sertraline sevoflurane sildenafil simvastatin sitagliptin sodium sotalol ' +
  'spironolactone sumatriptan suxamethonium syntocinon syntometrine tamsulosin tazocin teicoplanin ' +
  'temazepam terbutaline thiamine ticagrelor tinzaparin tiotropium tramadol tranexamic trazodone ' +
  'trimethoprim valproate vancomycin venlafaxine verapamil vitamin warfarin zolpidem zopiclone ' +
  'ventolin seretide symbicort fostair spiriva ensure fortisip calogen thick-and-easy resource ' +
  'carbetocin ergometrine dinoprostone propess prostin cervidil labetolol hydralazine nifedipine ' +
  'magnesium betamethasone anti-d kenalog depo-provera nexplanon mirena microgynon cerazette ' +
  'sando-k sandocal kay-cee-l slow-k phosphate-sandoz creon tegretol keppra lyrica ' +
  'zapain solpadol tylex cocodamol oxynorm shortec longtec zomorph mst sevredol fentanyl ' +
  'buvidal subutex espranor naltrexone acamprosate disulfiram chlordiazepoxide librium ' +
  'depixol clopixol haldol modecate risperdal invega xeplion abilify zyprexa seroquel ' +
  'procyclidine kemadrin benztropine lorazepam rapid-tranquillisation promazine';

/**
 * Eponyms of diseases, signs, scores and tools, and guideline, report, inquiry and law names
 * (lower case): never a person when they stand without a title.
 */
const EPONYMS_AND_REPORTS =
  'addison alzheimer apgar asperger barthel bell bishop braden broca brugada buerger caldicott ' +
  'child-pugh colles conn crohn cumberlege cushing darzi dukes duchenne dupuytren ehlers epley ' +
  'fallot felty friedreich gilbert gillick glasgow gleason graves guillain hashimoto heberden ' +
  'hodgkin horner huntington kaposi kawasaki keogh kirkup klinefelter korsakoff lampard laming ' +
  'marfan meniere ménière montgomery munchausen norton ockenden osgood paget parkinson perthes ' +
  'raynaud reiter rockwood romberg rovsing salter sjogren sjögren stevens still tourette trendelenburg ' +
  'turner virchow waterlow wegener wells wernicke whipple wilms wilson wolff berwick francis ' +
  'mbrrace girft hsib hssib bolam bolitho mid-staffs';

/** Role words that never form part of a name span (lower case). */
const ROLE_WORDS =
  'obstetrician anaesthetist anesthetist surgeon physician psychiatrist psychologist paediatrician ' +
  'pediatrician geriatrician radiologist radiographer sonographer microbiologist cardiologist ' +
  'neurologist oncologist haematologist gastroenterologist urologist orthopaedic intensivist ' +
  'dietitian dietician podiatrist pharmacist technician receptionist clerk coordinator ' +
  'practitioner therapist midwife nurse sister matron porter carer registrar consultant ' +
  'paramedic technician emt hcsw hca hcsw dn sn rmn rgn rn rm odp ecp cns anp acp amhp sw ' +
  'locum agency bank deputy senior junior lead manager leader visitor worker assistant ' +
  'associate student trainee named duty on-call';

/**
 * Title-case phrases of NHS programmes, laws, guidance and teams that are not people, whatever
 * their words ("Home First", "Mental Health Bill"). Matched whole, any case.
 */
const PHRASES = [
  'Home First',
  'Discharge to Assess',
  'Red to Green',
  'Red2Green',
  'Think Family',
  'Making Every Contact Count',
  'Hello My Name Is',
  'Stop the Pressure',
  'React to Red',
  'Sepsis Six',
  'Saving Babies Lives',
  "Saving Babies' Lives",
  'Each Baby Counts',
  'Getting It Right First Time',
  'Freedom to Speak Up',
  'Speak Up Guardian',
  'Duty of Candour',
  'Mental Health Act',
  'Mental Health Bill',
  'Mental Capacity Act',
  'Care Act',
  'Children Act',
  'Health and Social Care Act',
  'Deprivation of Liberty Safeguards',
  'Liberty Protection Safeguards',
  'Human Rights Act',
  'Equality Act',
  'Data Protection Act',
  'Patient Safety Team',
  'Patient Safety Incident Response Framework',
  'Patient Safety Specialist',
  'Patient Safety Partner',
  'Patient Experience Team',
  'Learning Disability Team',
  'Learning from Deaths',
  'Serious Incident Framework',
  'Never Events',
  'Never Event',
  "Martha's Rule",
  'Herbert Protocol',
  'Butterfly Scheme',
  'This Is Me',
  "John's Campaign",
  'Schwartz Round',
  'Schwartz Rounds',
  'Baby Friendly',
  'Safer Staffing',
  'Five Year Forward View',
  'Long Term Plan',
  'Fit and Proper Person',
  'Good Samaritan',
];

/** Words after a name-like word that make it an eponym, a document or a thing, not a person. */
export const EPONYM_AFTER =
  /^(?:['’]s)?\s+(?:disease|syndrome|palsy|sign|score|scale|criteria|classification|tool|test|procedure|manoeuvre|maneuver|law|chart|grade|stage|method|bundle|guidance|protocol|hospital|infirmary|house|road|street|ward|unit|centre|center|practice|surgery|school|college|report|review|inquiry|enquiry|principles?|guidelines?|guardian|competen(?:ce|t)|rule|ruling|standards?|framework|campaign|act|bill|fracture|phenomenon|reflex|ulcer|contracture|lymphoma|sarcoma|tumour|tumor|test|position|repair|manoeuvre|questions?)\b/i;

const DRUG_WORDS: ReadonlySet<string> = new Set(DRUGS.split(/\s+/).filter(Boolean));
const EPONYM_WORDS: ReadonlySet<string> = new Set(EPONYMS_AND_REPORTS.split(/\s+/).filter(Boolean));
const ROLES: ReadonlySet<string> = new Set(ROLE_WORDS.split(/\s+/).filter(Boolean));

function bare(word: string): string {
  return word.toLowerCase().replace(/['’]s$/, '');
}

/** A drug (generic or brand): never a name unless a title comes before it. */
export function isDrug(word: string): boolean {
  return DRUG_WORDS.has(bare(word));
}

/**
 * An eponym or a report, inquiry or law named after a person ("Paget", "Ockenden"): not a name when
 * it stands alone without a title; still a surname beside a first name or after a title.
 */
export function isEponym(word: string): boolean {
  return EPONYM_WORDS.has(bare(word));
}

/** A role word ("Obstetrician", "HCSW"): never part of a name span. */
export function isRoleWord(word: string): boolean {
  return ROLES.has(word.toLowerCase().replace(/\.$/, ''));
}

let phraseRe: RegExp | undefined;

/** Spans of the never-a-name phrases in `text`. */
export function neverNamePhrases(text: string): Array<{ start: number; end: number }> {
  phraseRe ??= new RegExp(
    `(?<![\\p{L}\\p{M}])(?:${PHRASES.slice()
      .sort((a, b) => b.length - a.length)
      .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+'))
      .join('|')})(?![\\p{L}\\p{M}])`,
    'giu',
  );
  const out: Array<{ start: number; end: number }> = [];
  for (const m of text.matchAll(phraseRe)) out.push({ start: m.index, end: m.index + m[0].length });
  return out;
}

/**
 * Given names that are also English words ("Dawn", "Grace", "Will"). At the start of a sentence
 * such a word is a name only beside a surname; other capitalised sentence openers that happen to
 * be in the (noisy) name list ("Later", "Then") never are.
 */
const WORD_FIRST_NAMES: ReadonlySet<string> = new Set(
  (
    'dawn grace hope faith joy summer autumn holly ivy rose lily daisy poppy violet iris jasmine ' +
    'hazel heather ruby pearl amber crystal jade opal coral ginger honey april may june august ' +
    'mark will bill jack rob sue pat penny robin constance patience prudence mercy charity ' +
    'felicity sunny sky skye river storm rain reed heath dale glen cliff gene guy ray sandy rusty ' +
    'frank earl duke prince king rich grant chase hunter mason carter cole drew dean miles ' +
    'victor major sterling hunter destiny harmony melody serenity trinity liberty justice ' +
    'precious marina olive clementine willow fern myrtle rosemary primrose bryony blossom ' +
    'scarlett angel star bunny belle bella beau rocky lance chip buck wade bud basil ' +
    'sage ash birch rowan aspen ember meadow brook lark wren hazel heath jewel goldie ' +
    'blessing gift favour honour comfort goodness marvel treasure promise happiness'
  ).split(/\s+/),
);

export function isWordFirstName(word: string): boolean {
  return WORD_FIRST_NAMES.has(word.toLowerCase());
}

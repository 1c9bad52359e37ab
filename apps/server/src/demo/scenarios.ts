import {
  ActionStrength,
  CareSetting,
  ContributoryFactor,
  EventType,
  LearningSource,
  PhysicalHarm,
  PsychologicalHarm,
} from '@lessons-network/lessons';

/**
 * Synthetic scenarios for demo data. Every one is invented: no real patient, relative, member of
 * staff, ward or organisation. Each gives the facts a lesson needs in any template.
 */
export interface Scenario {
  readonly theme: string;
  readonly extraThemes: readonly string[];
  readonly setting: CareSetting;
  readonly specialty: string;
  readonly source: LearningSource;
  readonly eventType: EventType;
  readonly physicalHarm: PhysicalHarm;
  readonly psychologicalHarm: PsychologicalHarm;
  readonly factors: readonly ContributoryFactor[];
  readonly title: string;
  readonly summary: string;
  readonly happened: string;
  readonly context: string;
  readonly expected: string;
  readonly found: string;
  readonly learning: string;
  readonly change: string;
  readonly points: readonly string[];
  readonly actions: ReadonlyArray<{
    description: string;
    ownerRole: string;
    strength: ActionStrength;
  }>;
}

const F = ContributoryFactor;

export const SCENARIOS: readonly Scenario[] = [
  {
    theme: 'falls',
    extraThemes: ['medication'],
    setting: CareSetting.ACUTE,
    specialty: 'Care of older people',
    source: LearningSource.AFTER_ACTION_REVIEW,
    eventType: EventType.INCIDENT,
    physicalHarm: PhysicalHarm.MODERATE,
    psychologicalHarm: PsychologicalHarm.LOW,
    factors: [F.TASKS, F.PERSON],
    title: 'Fall at night after a change to night sedation',
    summary:
      'A patient in their 80s fell at night two days after night sedation was started, fracturing a wrist.',
    happened:
      'A patient in their 80s got up alone at night to use the toilet and fell, fracturing a wrist. Night sedation had been started two days earlier.',
    context:
      'The falls risk assessment was completed on admission and not repeated when the medication changed. Lying and standing blood pressure was not measured.',
    expected:
      'NICE NG249 expects a multifactorial falls risk assessment to be repeated when a patient’s condition or medication changes.',
    found:
      'The assessment was treated as an admission task. The electronic prescribing system did not prompt a review when a sedative was prescribed.',
    learning:
      'A falls assessment is only as good as its last review; sedatives change the risk overnight.',
    change:
      'Prescribing a sedative to a patient at risk of falls now prompts a falls reassessment task.',
    points: [
      'Repeat the falls risk assessment whenever sedatives or antihypertensives change',
      'Measure lying and standing blood pressure for every patient at risk',
    ],
    actions: [
      {
        description:
          'Add a prescribing alert that creates a falls reassessment task when a sedative is prescribed to a patient at risk',
        ownerRole: 'Chief Pharmacist',
        strength: ActionStrength.STRONG,
      },
      {
        description:
          'Include lying and standing blood pressure in the admission bundle for patients over 65',
        ownerRole: 'Falls Lead Nurse',
        strength: ActionStrength.INTERMEDIATE,
      },
    ],
  },
  {
    theme: 'pressure_ulcers',
    extraThemes: ['documentation'],
    setting: CareSetting.COMMUNITY_NURSING,
    specialty: 'District nursing',
    source: LearningSource.SEVENTY_TWO_HOUR_REVIEW,
    eventType: EventType.INCIDENT,
    physicalHarm: PhysicalHarm.MODERATE,
    psychologicalHarm: PsychologicalHarm.LOW,
    factors: [F.ORGANISATION, F.TASKS],
    title: 'Category 3 pressure ulcer developed between district nursing visits',
    summary:
      'A housebound patient developed a category 3 heel pressure ulcer while visits were reduced during a staffing shortage.',
    happened:
      'A housebound patient’s visits were reduced from daily to twice weekly during a staffing shortage. A heel pressure ulcer progressed to category 3 between visits.',
    context:
      'Visit frequency was reduced by caseload, not by individual risk. The family had not been shown how to check heels.',
    expected:
      'Visit frequency follows the individual risk assessment, and carers are taught to check skin and report changes.',
    found:
      'Caseload prioritisation did not use the Waterlow score. Carer education was not recorded as part of the care plan.',
    learning:
      'When capacity falls, risk must decide who is seen, and families can be partners in skin checks.',
    change:
      'Prioritisation during shortages now ranks patients by pressure ulcer risk; carers get a skin-check leaflet and a number to call.',
    points: [
      'Prioritise visits by individual risk when capacity falls',
      'Teach carers to check heels and report changes',
    ],
    actions: [
      {
        description:
          'Build the Waterlow score into the caseload prioritisation tool used during staffing shortages',
        ownerRole: 'Community Nursing Service Manager',
        strength: ActionStrength.STRONG,
      },
      {
        description:
          'Give every carer of a patient at high risk a skin-check leaflet and a direct number',
        ownerRole: 'Tissue Viability Lead',
        strength: ActionStrength.WEAK,
      },
    ],
  },
  {
    theme: 'medication',
    extraThemes: ['discharge_transfer'],
    setting: CareSetting.ACUTE,
    specialty: 'General surgery',
    source: LearningSource.PSII,
    eventType: EventType.INCIDENT,
    physicalHarm: PhysicalHarm.SEVERE,
    psychologicalHarm: PsychologicalHarm.MODERATE,
    factors: [F.TOOLS_AND_TECHNOLOGY, F.TASKS, F.ORGANISATION],
    title: 'Insulin omitted during transfer from theatre recovery to the ward',
    summary:
      'A patient with type 1 diabetes missed two insulin doses after transfer and developed diabetic ketoacidosis.',
    happened:
      'A patient with type 1 diabetes was transferred from recovery to a surgical ward in the evening. The variable rate insulin infusion was stopped on transfer and no subcutaneous insulin was given until the next morning.',
    context:
      'The transfer checklist did not mention insulin. The patient’s own insulin was in their bag, unlabelled.',
    expected:
      'Insulin is a critical medicine: it is never omitted without a plan, and stopping an infusion is bridged with subcutaneous insulin.',
    found:
      'The transfer relied on memory. The electronic record showed the infusion as stopped but raised no alert about the missing basal insulin.',
    learning: 'Critical medicines need a hard stop at every transfer, not a reminder.',
    change:
      'Transfers cannot be completed in the electronic record while a critical medicine has no active prescription.',
    points: [
      'Treat insulin as a critical medicine at every transfer',
      'Never stop a variable rate insulin infusion without basal insulin prescribed',
    ],
    actions: [
      {
        description:
          'Add a hard stop to the electronic transfer form when a patient with diabetes has no active insulin prescription',
        ownerRole: 'Chief Clinical Information Officer',
        strength: ActionStrength.STRONG,
      },
      {
        description: 'Add insulin to the recovery-to-ward handover checklist',
        ownerRole: 'Theatres Matron',
        strength: ActionStrength.INTERMEDIATE,
      },
      {
        description: 'Teach the critical medicines policy at surgical ward induction',
        ownerRole: 'Practice Development Nurse',
        strength: ActionStrength.WEAK,
      },
    ],
  },
  {
    theme: 'deteriorating_patient',
    extraThemes: ['communication', 'sepsis'],
    setting: CareSetting.ACUTE,
    specialty: 'Acute medicine',
    source: LearningSource.SWARM_HUDDLE,
    eventType: EventType.INCIDENT,
    physicalHarm: PhysicalHarm.SEVERE,
    psychologicalHarm: PsychologicalHarm.LOW,
    factors: [F.ORGANISATION, F.TASKS, F.INTERNAL_ENVIRONMENT],
    title: 'Rising NEWS2 not escalated overnight on a medical ward',
    summary:
      'A patient’s NEWS2 rose from 3 to 7 over a night shift without escalation; sepsis was recognised late.',
    happened:
      'Over a night shift a patient’s NEWS2 rose from 3 to 7. Observations were recorded but not escalated until the morning ward round, when sepsis was diagnosed.',
    context:
      'The ward was one registered nurse short. Observations were on paper and the trend was not visible at a glance.',
    expected:
      'A NEWS2 of 5 or more, or 3 in one parameter, prompts an urgent review by a clinician with competence in acute illness.',
    found:
      'Escalation depended on one person noticing a trend across paper charts during a busy shift.',
    learning:
      'Trends matter more than single scores; escalation must not rely on one person noticing.',
    change: 'Electronic observations alert the outreach team automatically at a NEWS2 of 5.',
    points: [
      'Trends matter more than single scores',
      'Escalation must not depend on one person noticing',
    ],
    actions: [
      {
        description:
          'Roll out electronic observations with automatic alerts to the outreach team at NEWS2 of 5 or more',
        ownerRole: 'Deputy Director of Nursing',
        strength: ActionStrength.STRONG,
      },
      {
        description:
          'Outreach team reviews every patient with NEWS2 of 5 or more within 30 minutes',
        ownerRole: 'Critical Care Outreach Lead',
        strength: ActionStrength.INTERMEDIATE,
      },
    ],
  },
  {
    theme: 'safeguarding',
    extraThemes: ['communication'],
    setting: CareSetting.GENERAL_PRACTICE,
    specialty: 'General practice',
    source: LearningSource.MDT_REVIEW,
    eventType: EventType.RISK,
    physicalHarm: PhysicalHarm.NONE,
    psychologicalHarm: PsychologicalHarm.MODERATE,
    factors: [F.ORGANISATION, F.EXTERNAL_ENVIRONMENT],
    title: 'Safeguarding information not shared when a family moved practice',
    summary:
      'A child protection plan was not visible to the new practice for six weeks after the family re-registered.',
    happened:
      'A family with a child on a protection plan registered with a new practice. The safeguarding alert did not transfer with the records and was not visible for six weeks.',
    context:
      'Record transfer between systems does not carry local safeguarding codes. The health visitor assumed the practice had been told.',
    expected:
      'Safeguarding alerts travel with the child’s record, and the lead professional tells the new practice directly.',
    found: 'Each organisation relied on another to pass the information on.',
    learning: 'Assume nothing moves by itself between organisations: tell the new team directly.',
    change:
      'New registrations of children are checked against the child protection information sharing service on day one.',
    points: [
      'Check new child registrations against the national information sharing service',
      'The lead professional phones the new practice',
    ],
    actions: [
      {
        description:
          'Check every new child registration against the child protection information sharing service within one working day',
        ownerRole: 'Practice Manager',
        strength: ActionStrength.INTERMEDIATE,
      },
      {
        description:
          'Add a direct call to the new practice to the health visiting transfer procedure',
        ownerRole: 'Named Nurse for Safeguarding',
        strength: ActionStrength.WEAK,
      },
    ],
  },
  {
    theme: 'suicide_self_harm',
    extraThemes: ['discharge_transfer', 'communication'],
    setting: CareSetting.MENTAL_HEALTH,
    specialty: 'Adult community mental health',
    source: LearningSource.PSII,
    eventType: EventType.INCIDENT,
    physicalHarm: PhysicalHarm.SEVERE,
    psychologicalHarm: PsychologicalHarm.SEVERE,
    factors: [F.ORGANISATION, F.PERSON],
    title: 'No follow-up within 72 hours of discharge from an inpatient mental health unit',
    summary:
      'A person discharged from an inpatient unit was not contacted within 72 hours and self-harmed on day five.',
    happened:
      'A person was discharged from an inpatient unit on a Friday. The follow-up call was not made within 72 hours; they self-harmed on day five.',
    context:
      'The discharge notification reached the community team on Monday. Weekend cover did not include post-discharge follow-up.',
    expected:
      'Everyone discharged from inpatient mental health care is followed up within 72 hours, weekends included.',
    found: 'Follow-up depended on a notification that was not sent until the next working day.',
    learning:
      'The first days after discharge are the riskiest: follow-up must not depend on the day of the week.',
    change: 'The inpatient team books the 72-hour follow-up before the person leaves the ward.',
    points: [
      'Book the 72-hour follow-up before the person leaves',
      'Weekend discharges need weekend follow-up',
    ],
    actions: [
      {
        description:
          'Inpatient teams book the 72-hour follow-up appointment before discharge, recorded on the discharge summary',
        ownerRole: 'Inpatient Service Manager',
        strength: ActionStrength.STRONG,
      },
      {
        description: 'Include post-discharge follow-up in the crisis team’s weekend rota',
        ownerRole: 'Crisis Team Manager',
        strength: ActionStrength.INTERMEDIATE,
      },
    ],
  },
  {
    theme: 'maternity_neonatal',
    extraThemes: ['communication', 'deteriorating_patient'],
    setting: CareSetting.MATERNITY,
    specialty: 'Obstetrics',
    source: LearningSource.PSII,
    eventType: EventType.INCIDENT,
    physicalHarm: PhysicalHarm.SEVERE,
    psychologicalHarm: PsychologicalHarm.SEVERE,
    factors: [F.TASKS, F.ORGANISATION, F.TOOLS_AND_TECHNOLOGY],
    title: 'Delay in escalating an abnormal fetal heart rate trace',
    summary:
      'An abnormal CTG was not escalated for 50 minutes during a busy shift; the baby needed therapeutic cooling.',
    happened:
      'During labour the CTG became pathological. Escalation to the obstetric registrar took 50 minutes; the baby was born in poor condition and needed therapeutic cooling.',
    context:
      'The delivery suite was at capacity. Fresh-eyes reviews were due hourly but were missed.',
    expected: 'Hourly fresh-eyes CTG reviews, and immediate escalation of a pathological trace.',
    found:
      'Fresh-eyes reviews depended on a second midwife being free. There was no prompt when a review was missed.',
    learning: 'A second look at a CTG must be built into the shift, not fitted around it.',
    change:
      'The electronic CTG system prompts a fresh-eyes review hourly and escalates when one is missed.',
    points: [
      'Fresh-eyes reviews must be prompted, not remembered',
      'A pathological CTG is escalated at once',
    ],
    actions: [
      {
        description:
          'Configure the CTG system to prompt hourly fresh-eyes reviews and alert the coordinator when one is missed',
        ownerRole: 'Digital Midwife',
        strength: ActionStrength.STRONG,
      },
      {
        description: 'Run monthly multidisciplinary CTG training using local cases',
        ownerRole: 'Fetal Monitoring Lead Midwife',
        strength: ActionStrength.WEAK,
      },
    ],
  },
  {
    theme: 'infection',
    extraThemes: ['communication'],
    setting: CareSetting.ACUTE,
    specialty: 'Infectious diseases',
    source: LearningSource.THEMATIC_REVIEW,
    eventType: EventType.OUTCOME,
    physicalHarm: PhysicalHarm.MODERATE,
    psychologicalHarm: PsychologicalHarm.LOW,
    factors: [F.INTERNAL_ENVIRONMENT, F.ORGANISATION],
    title: 'Cluster of C. difficile cases linked to commode cleaning',
    summary:
      'Four cases of hospital-onset C. difficile on one ward in a month; shared commodes were not cleaned between patients.',
    happened:
      'Four patients on one ward developed C. difficile within a month. Typing showed the same strain.',
    context:
      'Commodes were shared between bays. Cleaning responsibility was unclear between nursing and domestic staff.',
    expected: 'Commodes are cleaned after every use and labelled clean with a dated tag.',
    found: 'No one owned commode cleaning; the dated tags had run out two months earlier.',
    learning: 'Cleaning tasks need a named owner and the supplies to show they are done.',
    change:
      'Each bay has its own commode; cleaning is assigned to the healthcare assistant on shift with a tag check at each safety huddle.',
    points: [
      'Every cleaning task needs a named owner',
      'Run out of tags and you lose the signal that something is clean',
    ],
    actions: [
      {
        description: 'Give each bay its own commode and label it with the bay number',
        ownerRole: 'Ward Manager',
        strength: ActionStrength.STRONG,
      },
      {
        description: 'Check clean tags on commodes at every safety huddle',
        ownerRole: 'Infection Prevention Nurse',
        strength: ActionStrength.INTERMEDIATE,
      },
    ],
  },
  {
    theme: 'diagnosis',
    extraThemes: ['communication'],
    setting: CareSetting.ACUTE,
    specialty: 'Emergency medicine',
    source: LearningSource.COMPLAINT,
    eventType: EventType.INCIDENT,
    physicalHarm: PhysicalHarm.MODERATE,
    psychologicalHarm: PsychologicalHarm.MODERATE,
    factors: [F.TOOLS_AND_TECHNOLOGY, F.TASKS],
    title: 'Abnormal chest X-ray report not acted on after discharge from the emergency department',
    summary:
      'A chest X-ray reported a possible mass after the patient had gone home; the report was not seen for three months.',
    happened:
      'A patient was discharged from the emergency department before the radiology report came back. The report suggested a possible lung mass; nobody acted on it for three months.',
    context:
      'Reports arriving after discharge went to the requesting clinician, a locum who had left.',
    expected:
      'Every unexpected significant finding is acknowledged and acted on by a named team, whoever requested the test.',
    found: 'Results were addressed to individuals, not to a team inbox with cover.',
    learning: 'Results must go to a team that is always there, not to a person who may not be.',
    change:
      'Unexpected significant findings are sent to a monitored team inbox and tracked until acknowledged.',
    points: [
      'Send results to teams, not individuals',
      'Track unexpected findings until someone acknowledges them',
    ],
    actions: [
      {
        description:
          'Route all emergency department results received after discharge to a monitored team inbox',
        ownerRole: 'Emergency Department Clinical Lead',
        strength: ActionStrength.STRONG,
      },
      {
        description:
          'Radiology phones the team for every unexpected significant finding and records the call',
        ownerRole: 'Clinical Director of Radiology',
        strength: ActionStrength.INTERMEDIATE,
      },
    ],
  },
  {
    theme: 'discharge_transfer',
    extraThemes: ['communication', 'medication'],
    setting: CareSetting.INTERMEDIATE_CARE,
    specialty: 'Intermediate care',
    source: LearningSource.AUDIT,
    eventType: EventType.RISK,
    physicalHarm: PhysicalHarm.LOW,
    psychologicalHarm: PsychologicalHarm.LOW,
    factors: [F.ORGANISATION, F.TOOLS_AND_TECHNOLOGY],
    title: 'Discharge summaries arriving after patients reach intermediate care',
    summary:
      'An audit found one in three discharge summaries arrived after the patient reached the intermediate care unit.',
    happened:
      'An audit of 60 transfers found that 21 discharge summaries arrived after the patient. In six, medicines were changed without the unit knowing.',
    context: 'Summaries were completed at the end of the day, after transport had left.',
    expected: 'The discharge summary travels with the patient or arrives before them.',
    found: 'The summary was written last because transport was booked first.',
    learning: 'Book transport when the summary is done, not before.',
    change: 'Transport to intermediate care is booked only once the discharge summary is signed.',
    points: [
      'The summary must arrive before or with the patient',
      'Medicine changes must be explicit on transfer',
    ],
    actions: [
      {
        description:
          'Make a signed discharge summary a condition for booking transport to intermediate care',
        ownerRole: 'Head of Patient Flow',
        strength: ActionStrength.STRONG,
      },
      {
        description: 'Re-audit 60 transfers six months on',
        ownerRole: 'Clinical Audit Lead',
        strength: ActionStrength.WEAK,
      },
    ],
  },
  {
    theme: 'equipment_devices',
    extraThemes: ['medication'],
    setting: CareSetting.ACUTE,
    specialty: 'Critical care',
    source: LearningSource.AFTER_ACTION_REVIEW,
    eventType: EventType.INCIDENT,
    physicalHarm: PhysicalHarm.LOW,
    psychologicalHarm: PsychologicalHarm.NONE,
    factors: [F.TOOLS_AND_TECHNOLOGY],
    title: 'Infusion pump programmed in mg/hour instead of micrograms/kg/minute',
    summary:
      'A noradrenaline infusion ran at the wrong rate for 20 minutes because two pump models use different default units.',
    happened:
      'A noradrenaline infusion was programmed on a borrowed pump whose default unit differed from the unit’s usual model. The rate was wrong for 20 minutes until a second nurse checked.',
    context: 'Two pump models were in use after a loan from another unit. Drug libraries differed.',
    expected:
      'Every pump uses the same drug library with dose limits, and high-risk infusions are double checked.',
    found: 'The borrowed pump had no drug library loaded.',
    learning: 'Standardise devices and their libraries; a borrowed pump is a new pump.',
    change:
      'Borrowed pumps are checked and loaded with the unit’s drug library by medical engineering before use.',
    points: [
      'One drug library for every pump in use',
      'Double check high-risk infusions at the start',
    ],
    actions: [
      {
        description:
          'Medical engineering loads the current drug library onto every pump before it enters clinical use, including loans',
        ownerRole: 'Head of Medical Engineering',
        strength: ActionStrength.STRONG,
      },
      {
        description: 'Add an independent double check to the start of every vasopressor infusion',
        ownerRole: 'Critical Care Matron',
        strength: ActionStrength.INTERMEDIATE,
      },
    ],
  },
  {
    theme: 'violence_aggression',
    extraThemes: ['communication'],
    setting: CareSetting.AMBULANCE,
    specialty: 'Paramedic practice',
    source: LearningSource.SWARM_HUDDLE,
    eventType: EventType.INCIDENT,
    physicalHarm: PhysicalHarm.LOW,
    psychologicalHarm: PsychologicalHarm.MODERATE,
    factors: [F.EXTERNAL_ENVIRONMENT, F.ORGANISATION],
    title: 'Crew assaulted at an address with a known warning marker',
    summary:
      'A crew was assaulted at an address that had a warning marker the dispatch system did not show.',
    happened:
      'A crew attended a call and was assaulted. The address had a warning marker from a previous incident, but the dispatch screen did not show it.',
    context: 'Warning markers were held in a separate system not linked to dispatch.',
    expected: 'Crews are told of warning markers before they arrive.',
    found: 'Two systems held the same information; only one was visible on dispatch.',
    learning: 'Information that protects staff must be where they see it.',
    change: 'Warning markers now display on the crew’s mobile terminal with the call.',
    points: [
      'Warning markers must reach crews before arrival',
      'Check the marker process after any system change',
    ],
    actions: [
      {
        description:
          'Link the warning marker database to dispatch so markers show on mobile terminals',
        ownerRole: 'Head of Control Room Systems',
        strength: ActionStrength.STRONG,
      },
      {
        description: 'Offer staff support and debrief after every assault, within 24 hours',
        ownerRole: 'Staff Wellbeing Lead',
        strength: ActionStrength.INTERMEDIATE,
      },
    ],
  },
  {
    theme: 'documentation',
    extraThemes: ['consent_capacity'],
    setting: CareSetting.CARE_HOME,
    specialty: 'Care of older people',
    source: LearningSource.EXTERNAL_REVIEW,
    eventType: EventType.RISK,
    physicalHarm: PhysicalHarm.NONE,
    psychologicalHarm: PsychologicalHarm.LOW,
    factors: [F.TASKS, F.ORGANISATION],
    title: 'Capacity assessments not recorded for covert medication decisions',
    summary:
      'An external review found covert medication given without a recorded capacity assessment or best interests decision.',
    happened:
      'An external review of a nursing home found three residents receiving medicines covertly without a recorded capacity assessment or best interests meeting.',
    context: 'Decisions had been discussed with families and the GP but not written down.',
    expected:
      'The Mental Capacity Act requires a recorded capacity assessment and best interests decision before covert administration.',
    found: 'Staff knew what to do but the form was not part of the medicines process.',
    learning: 'If it is not written down, the decision cannot be checked or reviewed.',
    change:
      'Covert administration cannot be set up in the medicines record without the capacity and best interests forms attached.',
    points: [
      'Record capacity and best interests before covert medication',
      'Review covert medication decisions monthly',
    ],
    actions: [
      {
        description:
          'Require attached capacity and best interests forms before covert administration can be recorded',
        ownerRole: 'Registered Manager',
        strength: ActionStrength.STRONG,
      },
      {
        description: 'Review every covert medication decision monthly with the GP and pharmacist',
        ownerRole: 'Clinical Lead Nurse',
        strength: ActionStrength.INTERMEDIATE,
      },
    ],
  },
  {
    theme: 'nutrition_hydration',
    extraThemes: ['documentation'],
    setting: CareSetting.ACUTE,
    specialty: 'Stroke medicine',
    source: LearningSource.MORTALITY_REVIEW,
    eventType: EventType.OUTCOME,
    physicalHarm: PhysicalHarm.MODERATE,
    psychologicalHarm: PsychologicalHarm.LOW,
    factors: [F.TASKS, F.ORGANISATION],
    title: 'Nil by mouth for four days while awaiting a swallow assessment',
    summary:
      'A stroke patient stayed nil by mouth for four days awaiting speech and language therapy over a bank holiday.',
    happened:
      'After a stroke, a patient failed the bedside swallow screen and was made nil by mouth. No specialist assessment was done for four days over a bank holiday; no alternative nutrition was started.',
    context:
      'Speech and language therapy did not cover bank holidays. The nutrition plan waited for the assessment.',
    expected: 'A plan for nutrition within 24 hours for anyone nil by mouth, whatever the day.',
    found: 'The plan depended on one service being available.',
    learning: 'Nil by mouth is a treatment with a time limit, not a holding state.',
    change:
      'Trained nurses can now complete level 2 swallow assessments, and dietitians review every patient nil by mouth at 24 hours.',
    points: [
      'Nil by mouth needs a nutrition plan within 24 hours',
      'Cover specialist assessments every day of the year',
    ],
    actions: [
      {
        description: 'Train stroke unit nurses to complete level 2 swallow assessments',
        ownerRole: 'Stroke Unit Lead Nurse',
        strength: ActionStrength.INTERMEDIATE,
      },
      {
        description:
          'Dietitian review of every patient nil by mouth for 24 hours, seven days a week',
        ownerRole: 'Head of Dietetics',
        strength: ActionStrength.INTERMEDIATE,
      },
    ],
  },
  {
    theme: 'communication',
    extraThemes: ['end_of_life'],
    setting: CareSetting.COMMUNITY_NURSING,
    specialty: 'Palliative care',
    source: LearningSource.GOOD_PRACTICE,
    eventType: EventType.GOOD_CARE,
    physicalHarm: PhysicalHarm.NONE,
    psychologicalHarm: PsychologicalHarm.NONE,
    factors: [F.ORGANISATION, F.PERSON],
    title: 'Shared end of life plan kept a patient at home as they wished',
    summary:
      'A shared plan agreed by the GP, district nurses and out-of-hours service let a patient die at home as they wished.',
    happened:
      'A patient wished to die at home. A shared plan with anticipatory medicines was agreed and visible to the GP, district nurses, out-of-hours and ambulance services. When symptoms worsened at night, the out-of-hours team followed the plan and the patient stayed at home.',
    context: 'The plan was recorded on the shared care record the week before.',
    expected: 'People at the end of life have a plan that every service can see.',
    found: 'Everyone could see and follow the same plan, so no one called an ambulance by default.',
    learning: 'A plan that every service can see is a plan that gets followed.',
    change:
      'Spread: all palliative patients on the caseload get a shared plan on the shared care record.',
    points: [
      'Record end of life plans where every service can see them',
      'Anticipatory medicines in the home before they are needed',
    ],
    actions: [
      {
        description:
          'Create a shared end of life plan on the shared care record for every patient on the palliative caseload',
        ownerRole: 'Palliative Care Nurse Specialist',
        strength: ActionStrength.INTERMEDIATE,
      },
    ],
  },
  {
    theme: 'sepsis',
    extraThemes: ['deteriorating_patient'],
    setting: CareSetting.NHS_111,
    specialty: 'Urgent care',
    source: LearningSource.CLAIM,
    eventType: EventType.INCIDENT,
    physicalHarm: PhysicalHarm.SEVERE,
    psychologicalHarm: PsychologicalHarm.MODERATE,
    factors: [F.TOOLS_AND_TECHNOLOGY, F.TASKS],
    title: 'Sepsis signs in a child missed in a telephone assessment',
    summary:
      'A telephone assessment of a feverish child did not ask about mottled skin; the child was admitted with sepsis the next day.',
    happened:
      'A parent called about a feverish child. The assessment did not ask about skin colour; the advice was self-care. The child was admitted the next day with sepsis.',
    context: 'The pathway asked about rash but not about mottled or pale skin.',
    expected:
      'Telephone assessment of a febrile child includes the NICE traffic light features, including skin colour.',
    found: 'The question set did not match the current guidance.',
    learning: 'Telephone pathways must be checked against the guidance they claim to follow.',
    change:
      'The pathway now asks about mottled, pale or blue skin and safety-nets every call about a febrile child.',
    points: [
      'Ask about skin colour in every febrile child',
      'Safety-net every call: say what would mean call back',
    ],
    actions: [
      {
        description: 'Update the febrile child pathway with all NICE traffic light features',
        ownerRole: 'Clinical Governance Lead',
        strength: ActionStrength.STRONG,
      },
      {
        description: 'Audit 50 febrile child calls for safety-netting each quarter',
        ownerRole: 'Clinical Audit Lead',
        strength: ActionStrength.WEAK,
      },
    ],
  },
];

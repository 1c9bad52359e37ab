import { registerEnumType } from '@nestjs/graphql';

/**
 * The classification of a lesson, aligned with the national patient safety taxonomy where one
 * exists (LFPSE: Learn from Patient Safety Events). One place for every enumeration: its values,
 * the human label, and the national code. docs/taxonomy.md is written from this file.
 */

export interface TaxonomyEntry {
  /** Label shown to people. */
  readonly label: string;
  /** National code, where the taxonomy has one (e.g. LFPSE OT001 harm codes). */
  readonly code?: string;
}

/** LFPSE CL001: what kind of event is being recorded (the values; LFPSE's own value codes are not mapped yet). */
export enum EventType {
  INCIDENT = 'incident',
  OUTCOME = 'outcome',
  RISK = 'risk',
  GOOD_CARE = 'good_care',
}

export const EVENT_TYPES: Record<EventType, TaxonomyEntry> = {
  incident: { label: 'Incident' },
  outcome: { label: 'Outcome (poor outcome without an identified incident)' },
  risk: { label: 'Risk' },
  good_care: { label: 'Good care' },
};

/** LFPSE OT001: physical harm, codes 5 (none) to 1 (fatal). */
export enum PhysicalHarm {
  NONE = 'none',
  LOW = 'low',
  MODERATE = 'moderate',
  SEVERE = 'severe',
  FATAL = 'fatal',
}

export const PHYSICAL_HARMS: Record<PhysicalHarm, TaxonomyEntry> = {
  none: { label: 'No physical harm', code: 'OT001:5' },
  low: { label: 'Low physical harm', code: 'OT001:4' },
  moderate: { label: 'Moderate physical harm', code: 'OT001:3' },
  severe: { label: 'Severe physical harm', code: 'OT001:2' },
  fatal: { label: 'Fatal', code: 'OT001:1' },
};

/** LFPSE OT002: psychological harm, codes 4 (none) to 1 (severe). */
export enum PsychologicalHarm {
  NONE = 'none',
  LOW = 'low',
  MODERATE = 'moderate',
  SEVERE = 'severe',
}

export const PSYCHOLOGICAL_HARMS: Record<PsychologicalHarm, TaxonomyEntry> = {
  none: { label: 'No psychological harm', code: 'OT002:4' },
  low: { label: 'Low psychological harm', code: 'OT002:3' },
  moderate: { label: 'Moderate psychological harm', code: 'OT002:2' },
  severe: { label: 'Severe psychological harm', code: 'OT002:1' },
};

/** Ordered severity, for "moderate harm or worse" filters. Higher is worse. */
export const PHYSICAL_HARM_SEVERITY: Record<PhysicalHarm, number> = {
  none: 0,
  low: 1,
  moderate: 2,
  severe: 3,
  fatal: 4,
};

/** The LFPSE service areas. */
export enum CareSetting {
  ACUTE = 'acute',
  MATERNITY = 'maternity',
  GENERAL_PRACTICE = 'general_practice',
  NHS_111 = 'nhs_111',
  AMBULANCE = 'ambulance',
  MENTAL_HEALTH = 'mental_health',
  COMMUNITY_THERAPY = 'community_therapy',
  COMMUNITY_NURSING = 'community_nursing',
  PRISON_HEALTHCARE = 'prison_healthcare',
  COMMUNITY_PHARMACY = 'community_pharmacy',
  OPTOMETRY = 'optometry',
  DENTISTRY = 'dentistry',
  CARE_HOME = 'care_home',
  INTERMEDIATE_CARE = 'intermediate_care',
  SOCIAL_CARE = 'social_care',
  LEARNING_DISABILITY_AUTISM = 'learning_disability_autism',
}

export const CARE_SETTINGS: Record<CareSetting, TaxonomyEntry> = {
  acute: { label: 'Acute hospital' },
  maternity: { label: 'Maternity' },
  general_practice: { label: 'General practice' },
  nhs_111: { label: 'NHS 111' },
  ambulance: { label: 'Ambulance' },
  mental_health: { label: 'Mental health' },
  community_therapy: { label: 'Community therapy' },
  community_nursing: { label: 'Community nursing' },
  prison_healthcare: { label: 'Prison healthcare' },
  community_pharmacy: { label: 'Community pharmacy' },
  optometry: { label: 'Optometry' },
  dentistry: { label: 'Dentistry' },
  care_home: { label: 'Care home' },
  intermediate_care: { label: 'Intermediate care' },
  social_care: { label: 'Social care' },
  learning_disability_autism: { label: 'Learning disability and autism' },
};

/** Where the learning came from (PSIRF learning responses and other sources). */
export enum LearningSource {
  PSII = 'psii',
  AFTER_ACTION_REVIEW = 'after_action_review',
  SWARM_HUDDLE = 'swarm_huddle',
  MDT_REVIEW = 'mdt_review',
  THEMATIC_REVIEW = 'thematic_review',
  SEVENTY_TWO_HOUR_REVIEW = 'seventy_two_hour_review',
  COMPLAINT = 'complaint',
  CLAIM = 'claim',
  INQUEST_PFD = 'inquest_pfd',
  AUDIT = 'audit',
  EXTERNAL_REVIEW = 'external_review',
  MORTALITY_REVIEW = 'mortality_review',
  GOOD_PRACTICE = 'good_practice',
}

export const LEARNING_SOURCES: Record<LearningSource, TaxonomyEntry> = {
  psii: { label: 'Patient safety incident investigation (PSII)' },
  after_action_review: { label: 'After action review' },
  swarm_huddle: { label: 'SWARM huddle' },
  mdt_review: { label: 'Multidisciplinary team (MDT) review' },
  thematic_review: { label: 'Thematic review' },
  seventy_two_hour_review: { label: '72-hour review' },
  complaint: { label: 'Complaint' },
  claim: { label: 'Claim' },
  inquest_pfd: { label: 'Inquest / prevention of future deaths report' },
  audit: { label: 'Audit' },
  external_review: { label: 'CQC or external review' },
  mortality_review: { label: 'Mortality review' },
  good_practice: { label: 'Good practice' },
};

/** SEIPS work-system components, as contributory factors. */
export enum ContributoryFactor {
  PERSON = 'person',
  TASKS = 'tasks',
  TOOLS_AND_TECHNOLOGY = 'tools_and_technology',
  ORGANISATION = 'organisation',
  INTERNAL_ENVIRONMENT = 'internal_environment',
  EXTERNAL_ENVIRONMENT = 'external_environment',
}

export const CONTRIBUTORY_FACTORS: Record<ContributoryFactor, TaxonomyEntry> = {
  person: { label: 'Person (patient and staff: needs, skills, fatigue, communication)' },
  tasks: { label: 'Tasks (workload, complexity, procedures)' },
  tools_and_technology: { label: 'Tools and technology (equipment, IT, devices)' },
  organisation: { label: 'Organisation (staffing, culture, policies, scheduling)' },
  internal_environment: { label: 'Internal environment (layout, noise, lighting)' },
  external_environment: { label: 'External environment (regulation, commissioning, society)' },
};

/** The starting list of themes. Themes are data (table `theme`) so a hub can add more. */
export const STARTING_THEMES: ReadonlyArray<{ key: string; label: string }> = [
  { key: 'falls', label: 'Falls' },
  { key: 'pressure_ulcers', label: 'Pressure ulcers' },
  { key: 'medication', label: 'Medication' },
  { key: 'deteriorating_patient', label: 'Deteriorating patient' },
  { key: 'safeguarding', label: 'Safeguarding' },
  { key: 'suicide_self_harm', label: 'Suicide and self-harm' },
  { key: 'maternity_neonatal', label: 'Maternity and neonatal' },
  { key: 'infection', label: 'Infection prevention and control' },
  { key: 'diagnosis', label: 'Diagnosis' },
  { key: 'discharge_transfer', label: 'Discharge and transfer' },
  { key: 'communication', label: 'Communication' },
  { key: 'equipment_devices', label: 'Equipment and devices' },
  { key: 'violence_aggression', label: 'Violence and aggression' },
  { key: 'documentation', label: 'Documentation' },
  { key: 'nutrition_hydration', label: 'Nutrition and hydration' },
  { key: 'sepsis', label: 'Sepsis' },
  { key: 'consent_capacity', label: 'Consent and mental capacity' },
  { key: 'end_of_life', label: 'End of life care' },
];

/** The forums a Trust typically tracks actions in; each organisation can add its own. */
export const STARTING_FORUMS: readonly string[] = [
  'Patient Safety Panel (PSP)',
  'Quality and Safety Sub-Group (QSSG)',
  'Trust forum',
];

registerEnumType(EventType, { name: 'EventType', description: 'LFPSE CL001: the kind of event.' });
registerEnumType(PhysicalHarm, {
  name: 'PhysicalHarm',
  description: 'LFPSE OT001: physical harm, none to fatal.',
});
registerEnumType(PsychologicalHarm, {
  name: 'PsychologicalHarm',
  description: 'LFPSE OT002: psychological harm, none to severe.',
});
registerEnumType(CareSetting, {
  name: 'CareSetting',
  description: 'LFPSE service area where it happened.',
});
registerEnumType(LearningSource, {
  name: 'LearningSource',
  description: 'Where the learning came from.',
});
registerEnumType(ContributoryFactor, {
  name: 'ContributoryFactor',
  description: 'SEIPS work-system component that contributed.',
});

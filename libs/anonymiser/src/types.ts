/** What kind of identifier a finding is; each has a placeholder used in redacted text. */
export enum FindingType {
  NAME = 'NAME',
  STAFF_NAME = 'STAFF_NAME',
  NHS_NUMBER = 'NHS_NUMBER',
  HOSPITAL_NUMBER = 'HOSPITAL_NUMBER',
  DATE_OF_BIRTH = 'DATE_OF_BIRTH',
  DATE = 'DATE',
  AGE = 'AGE',
  ADDRESS = 'ADDRESS',
  POSTCODE = 'POSTCODE',
  PHONE = 'PHONE',
  EMAIL = 'EMAIL',
  REGISTRATION_NUMBER = 'REGISTRATION_NUMBER',
  BED = 'BED',
  /** A named GP practice, care home, school, day centre or small team linked to the patient. */
  PLACE = 'PLACE',
  /** A term the node always redacts (a local ward, team or staff name). */
  LOCAL_TERM = 'LOCAL_TERM',
}

export const PLACEHOLDERS: Record<FindingType, string> = {
  NAME: '[NAME]',
  STAFF_NAME: '[STAFF NAME]',
  NHS_NUMBER: '[NHS NUMBER]',
  HOSPITAL_NUMBER: '[HOSPITAL NUMBER]',
  DATE_OF_BIRTH: '[DATE OF BIRTH]',
  DATE: '[DATE]',
  AGE: '[AGE]',
  ADDRESS: '[ADDRESS]',
  POSTCODE: '[POSTCODE]',
  PHONE: '[PHONE]',
  EMAIL: '[EMAIL]',
  REGISTRATION_NUMBER: '[REGISTRATION NUMBER]',
  BED: '[BED]',
  PLACE: '[PLACE]',
  LOCAL_TERM: '[REDACTED]',
};

/** One identifier found in a text. Offsets are UTF-16 code units of the original text, end exclusive. */
export interface Finding {
  readonly start: number;
  readonly end: number;
  readonly type: FindingType;
  /** 0..1: how sure the rule is. */
  readonly confidence: number;
  /** The rule that fired, for reviewers and evaluation. */
  readonly rule: string;
}

/** A candidate from one detector, in the coordinates of the scanned (cleaned) text. */
export interface Candidate {
  start: number;
  end: number;
  type: FindingType;
  confidence: number;
  rule: string;
}

export interface AnonymiserOptions {
  /** Extra hospital / MRN number shapes used by this Trust (e.g. /\bRX\d{7}\b/). */
  readonly hospitalNumberPatterns?: readonly RegExp[];
  /** Identifiers the author knows are involved: every surface form of them is found. */
  readonly knownIdentifiers?: ReadonlyArray<{ readonly type: FindingType; readonly value: string }>;
  /** Terms always redacted, whole words, any case (the node's word list). */
  readonly alwaysRedact?: readonly string[];
  /** Terms never flagged: a finding whose text is one of them (any case) is dropped. */
  readonly neverRedact?: readonly string[];
  /**
   * The margin the name tagger beside the rules needs (default `MODEL_MARGIN`); `Infinity` turns
   * it off. For measurement only (`npm run bench:anonymiser:eval -- --margin N | --rules-only`).
   */
  readonly modelMargin?: number;
}

export interface AnonymiseResult {
  readonly findings: Finding[];
  readonly redacted: string;
}

import { DomainException } from '@lessons-network/common';

/** Every expected failure of lessons, their workflow and their actions. */
export enum LessonErrorCode {
  /** No such lesson in the caller's organisation, or the caller may not see it. */
  LessonNotFound = 'LESSON_NOT_FOUND',
  /** The step is not possible from the lesson's current state. */
  TransitionNotAllowed = 'TRANSITION_NOT_ALLOWED',
  /** The caller's roles do not allow this step or change on this lesson. */
  NotAllowed = 'LESSON_NOT_ALLOWED',
  /** An author may not review their own lesson: approve it, request changes, or dismiss its findings. */
  SelfReview = 'SELF_REVIEW',
  /** The lesson cannot be changed in its current state (in review, approved, published …). */
  NotEditable = 'LESSON_NOT_EDITABLE',
  /** Submitting needs fields that are missing; `details.missing` lists them. */
  Incomplete = 'LESSON_INCOMPLETE',
  /** A section key the template does not have. */
  UnknownSection = 'UNKNOWN_SECTION',
  /** A theme key that is not in the node's list. */
  UnknownTheme = 'UNKNOWN_THEME',
  /** The month it happened is in the future. */
  MonthInFuture = 'MONTH_IN_FUTURE',
  /** No such action on a lesson the caller may see. */
  ActionNotFound = 'ACTION_NOT_FOUND',
  /** A new action's due date is in the past. */
  DueDateInPast = 'DUE_DATE_IN_PAST',
  /** Completing an action needs evidence of completion. */
  EvidenceRequired = 'EVIDENCE_REQUIRED',
  /** The status change is not allowed (e.g. verified back to planned). */
  ActionStatusNotAllowed = 'ACTION_STATUS_NOT_ALLOWED',
  /** No such forum in the caller's organisation. */
  UnknownForum = 'UNKNOWN_FORUM',
  /** Text changed since the lesson was last scanned for identifiers: scan again. */
  FindingsStale = 'FINDINGS_STALE',
  /** Possible identifiers still need a reviewer's decision before the lesson can be shared. */
  FindingsUnresolved = 'FINDINGS_UNRESOLVED',
  /** No such finding on a lesson the caller may see. */
  FindingNotFound = 'FINDING_NOT_FOUND',
}

const STATUS: Record<LessonErrorCode, number> = {
  LESSON_NOT_FOUND: 404,
  TRANSITION_NOT_ALLOWED: 409,
  LESSON_NOT_ALLOWED: 403,
  SELF_REVIEW: 403,
  LESSON_NOT_EDITABLE: 409,
  LESSON_INCOMPLETE: 400,
  UNKNOWN_SECTION: 400,
  UNKNOWN_THEME: 400,
  MONTH_IN_FUTURE: 400,
  ACTION_NOT_FOUND: 404,
  DUE_DATE_IN_PAST: 400,
  EVIDENCE_REQUIRED: 400,
  ACTION_STATUS_NOT_ALLOWED: 409,
  UNKNOWN_FORUM: 400,
  FINDINGS_STALE: 409,
  FINDINGS_UNRESOLVED: 409,
  FINDING_NOT_FOUND: 404,
};

export class LessonException extends DomainException<LessonErrorCode> {
  readonly httpStatus: number;
  constructor(code: LessonErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, message, details);
    this.httpStatus = STATUS[code];
  }
}

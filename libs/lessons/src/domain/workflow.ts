import { registerEnumType } from '@nestjs/graphql';

/** Where a lesson is in its review (PRODUCT.md, "Lifecycle"). */
export enum LessonStatus {
  DRAFT = 'draft',
  IN_REVIEW = 'in_review',
  CHANGES_REQUESTED = 'changes_requested',
  APPROVED = 'approved',
  PUBLISHED = 'published',
  RETRACTED = 'retracted',
}

/** Who may see a published lesson. Only `internal` until the anonymiser and federation exist. */
export enum Visibility {
  INTERNAL = 'internal',
  NETWORK = 'network',
  PUBLIC = 'public',
}

/** A step of the review workflow. */
export enum LessonTransition {
  SUBMIT = 'submit',
  REQUEST_CHANGES = 'request_changes',
  APPROVE = 'approve',
  PUBLISH = 'publish',
  RETRACT = 'retract',
}

registerEnumType(LessonStatus, {
  name: 'LessonStatus',
  description: 'Where a lesson is in its review.',
});
registerEnumType(Visibility, {
  name: 'Visibility',
  description: 'Who may see a published lesson: this node only, federated followers, or anyone.',
});
registerEnumType(LessonTransition, {
  name: 'LessonTransition',
  description: 'A step of the review workflow.',
});

/** Which role of the actor relative to the lesson may take a step. */
export type TransitionActor = 'author' | 'reviewer' | 'quality_lead';

interface TransitionRule {
  readonly from: readonly LessonStatus[];
  readonly to: LessonStatus;
  readonly by: TransitionActor;
}

/** The workflow as data: from which states each step goes, where to, and who takes it. */
export const TRANSITIONS: Record<LessonTransition, TransitionRule> = {
  submit: {
    from: [LessonStatus.DRAFT, LessonStatus.CHANGES_REQUESTED],
    to: LessonStatus.IN_REVIEW,
    by: 'author',
  },
  request_changes: {
    from: [LessonStatus.IN_REVIEW],
    to: LessonStatus.CHANGES_REQUESTED,
    by: 'reviewer',
  },
  approve: { from: [LessonStatus.IN_REVIEW], to: LessonStatus.APPROVED, by: 'reviewer' },
  publish: { from: [LessonStatus.APPROVED], to: LessonStatus.PUBLISHED, by: 'quality_lead' },
  retract: { from: [LessonStatus.PUBLISHED], to: LessonStatus.RETRACTED, by: 'quality_lead' },
};

/** States in which the content of a lesson (text, classification, actions list) may change. */
export const EDITABLE_STATES: readonly LessonStatus[] = [
  LessonStatus.DRAFT,
  LessonStatus.CHANGES_REQUESTED,
];

/** What the actor is, as far as one lesson is concerned. */
export interface LessonActor {
  readonly userId: string;
  readonly roles: readonly string[];
}

export type TransitionCheck =
  | { readonly ok: true; readonly to: LessonStatus }
  | { readonly ok: false; readonly reason: 'wrong_state' | 'wrong_role' | 'self_approval' };

/**
 * Whether `actor` may take `transition` on a lesson by `authorId` in `status`. Authors submit their
 * own lessons (a quality lead may submit on their behalf); reviewers request changes or approve, but
 * never their own lesson; quality leads publish and retract.
 */
export function checkTransition(
  transition: LessonTransition,
  status: LessonStatus,
  authorId: string,
  actor: LessonActor,
): TransitionCheck {
  const rule = TRANSITIONS[transition];
  if (!rule.from.includes(status)) return { ok: false, reason: 'wrong_state' };
  const isAuthor = actor.userId === authorId;
  const isQualityLead = actor.roles.includes('quality_lead');
  switch (rule.by) {
    case 'author':
      return isAuthor || isQualityLead
        ? { ok: true, to: rule.to }
        : { ok: false, reason: 'wrong_role' };
    case 'reviewer':
      if (!actor.roles.includes('reviewer') && !isQualityLead)
        return { ok: false, reason: 'wrong_role' };
      if (isAuthor) return { ok: false, reason: 'self_approval' };
      return { ok: true, to: rule.to };
    case 'quality_lead':
      return isQualityLead ? { ok: true, to: rule.to } : { ok: false, reason: 'wrong_role' };
  }
}

/** Whether the actor may read a lesson of their organisation in this state. */
export function canRead(status: LessonStatus, authorId: string, actor: LessonActor): boolean {
  if (actor.userId === authorId || actor.roles.includes('quality_lead')) return true;
  if (status === LessonStatus.DRAFT) return false;
  if (status === LessonStatus.PUBLISHED || status === LessonStatus.RETRACTED) {
    return actor.roles.some((r) => ['author', 'reviewer', 'viewer', 'moderator'].includes(r));
  }
  return actor.roles.includes('reviewer');
}

/** Whether the actor may change the content of a lesson in this state. */
export function canEdit(status: LessonStatus, authorId: string, actor: LessonActor): boolean {
  return (
    EDITABLE_STATES.includes(status) &&
    (actor.userId === authorId || actor.roles.includes('quality_lead'))
  );
}

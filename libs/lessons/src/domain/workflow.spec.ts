import { canEdit, canRead, checkTransition, LessonStatus, LessonTransition } from './workflow';

const author = { userId: 'author', roles: ['author'] };
const otherAuthor = { userId: 'someone', roles: ['author'] };
const reviewer = { userId: 'reviewer', roles: ['reviewer'] };
const authorReviewer = { userId: 'author', roles: ['author', 'reviewer'] };
const lead = { userId: 'lead', roles: ['quality_lead'] };
const viewer = { userId: 'viewer', roles: ['viewer'] };
const leadAndReviewer = { userId: 'x', roles: ['quality_lead', 'reviewer'] };

describe('review workflow', () => {
  const all = Object.values(LessonStatus);

  it('allows each step only from its states', () => {
    const allowed: Record<LessonTransition, LessonStatus[]> = {
      submit: [LessonStatus.DRAFT, LessonStatus.CHANGES_REQUESTED],
      request_changes: [LessonStatus.IN_REVIEW],
      approve: [LessonStatus.IN_REVIEW],
      publish: [LessonStatus.APPROVED],
      retract: [LessonStatus.PUBLISHED],
    };
    for (const [transition, from] of Object.entries(allowed) as [
      LessonTransition,
      LessonStatus[],
    ][]) {
      for (const status of all) {
        const result = checkTransition(transition, status, 'author', leadAndReviewer);
        expect([transition, status, result.ok]).toEqual([
          transition,
          status,
          from.includes(status),
        ]);
      }
    }
  });

  it('goes draft → in review → changes requested → in review → approved → published → retracted', () => {
    expect(checkTransition(LessonTransition.SUBMIT, LessonStatus.DRAFT, 'author', author)).toEqual({
      ok: true,
      to: LessonStatus.IN_REVIEW,
    });
    expect(
      checkTransition(LessonTransition.REQUEST_CHANGES, LessonStatus.IN_REVIEW, 'author', reviewer),
    ).toEqual({ ok: true, to: LessonStatus.CHANGES_REQUESTED });
    expect(
      checkTransition(LessonTransition.SUBMIT, LessonStatus.CHANGES_REQUESTED, 'author', author),
    ).toEqual({ ok: true, to: LessonStatus.IN_REVIEW });
    expect(
      checkTransition(LessonTransition.APPROVE, LessonStatus.IN_REVIEW, 'author', reviewer),
    ).toEqual({ ok: true, to: LessonStatus.APPROVED });
    expect(
      checkTransition(LessonTransition.PUBLISH, LessonStatus.APPROVED, 'author', lead),
    ).toEqual({ ok: true, to: LessonStatus.PUBLISHED });
    expect(
      checkTransition(LessonTransition.RETRACT, LessonStatus.PUBLISHED, 'author', lead),
    ).toEqual({ ok: true, to: LessonStatus.RETRACTED });
  });

  it('never lets an author review their own lesson, even holding the reviewer role', () => {
    expect(
      checkTransition(LessonTransition.APPROVE, LessonStatus.IN_REVIEW, 'author', authorReviewer),
    ).toEqual({ ok: false, reason: 'self_approval' });
    expect(
      checkTransition(
        LessonTransition.REQUEST_CHANGES,
        LessonStatus.IN_REVIEW,
        'author',
        authorReviewer,
      ),
    ).toEqual({ ok: false, reason: 'self_approval' });
    expect(checkTransition(LessonTransition.APPROVE, LessonStatus.IN_REVIEW, 'lead', lead)).toEqual(
      { ok: false, reason: 'self_approval' },
    );
  });

  it('keeps each step to its role', () => {
    expect(
      checkTransition(LessonTransition.SUBMIT, LessonStatus.DRAFT, 'author', otherAuthor),
    ).toEqual({ ok: false, reason: 'wrong_role' });
    expect(
      checkTransition(LessonTransition.APPROVE, LessonStatus.IN_REVIEW, 'author', otherAuthor),
    ).toEqual({ ok: false, reason: 'wrong_role' });
    expect(
      checkTransition(LessonTransition.PUBLISH, LessonStatus.APPROVED, 'author', reviewer),
    ).toEqual({ ok: false, reason: 'wrong_role' });
    expect(
      checkTransition(LessonTransition.RETRACT, LessonStatus.PUBLISHED, 'author', author),
    ).toEqual({ ok: false, reason: 'wrong_role' });
  });

  it('shows drafts to their author and quality leads, reviews to reviewers, published lessons to staff', () => {
    expect(canRead(LessonStatus.DRAFT, 'author', author)).toBe(true);
    expect(canRead(LessonStatus.DRAFT, 'author', lead)).toBe(true);
    expect(canRead(LessonStatus.DRAFT, 'author', reviewer)).toBe(false);
    expect(canRead(LessonStatus.DRAFT, 'author', otherAuthor)).toBe(false);
    expect(canRead(LessonStatus.IN_REVIEW, 'author', reviewer)).toBe(true);
    expect(canRead(LessonStatus.IN_REVIEW, 'author', otherAuthor)).toBe(false);
    expect(canRead(LessonStatus.PUBLISHED, 'author', viewer)).toBe(true);
    expect(canRead(LessonStatus.APPROVED, 'author', viewer)).toBe(false);
    expect(canRead(LessonStatus.PUBLISHED, 'author', { userId: 'c', roles: ['citizen'] })).toBe(
      false,
    );
  });

  it('lets only the author or a quality lead edit, and only drafts or lessons sent back', () => {
    expect(canEdit(LessonStatus.DRAFT, 'author', author)).toBe(true);
    expect(canEdit(LessonStatus.CHANGES_REQUESTED, 'author', lead)).toBe(true);
    expect(canEdit(LessonStatus.DRAFT, 'author', otherAuthor)).toBe(false);
    for (const status of [
      LessonStatus.IN_REVIEW,
      LessonStatus.APPROVED,
      LessonStatus.PUBLISHED,
      LessonStatus.RETRACTED,
    ]) {
      expect(canEdit(status, 'author', author)).toBe(false);
      expect(canEdit(status, 'author', lead)).toBe(false);
    }
  });
});

import { createHash } from 'node:crypto';
import { type FindingType, PLACEHOLDERS } from '@lessons-network/anonymiser';
import type { EntityManager } from 'typeorm';
import { LessonActionEntity } from '../entities/lesson-action.entity';
import { LessonFindingEntity } from '../entities/lesson-finding.entity';
import { LessonScanEntity } from '../entities/lesson-scan.entity';
import type { LessonEntity } from '../entities/lesson.entity';
import { LessonErrorCode, LessonException } from '../lessons.exception';

/** One free-text field of a lesson, as it would be shared. */
export interface SharedField {
  readonly field: string;
  readonly text: string;
}

/** Every free-text field that would leave the node with the lesson. Reviewers' comments never do. */
export function sharedFields(
  lesson: LessonEntity,
  actions: readonly LessonActionEntity[],
): SharedField[] {
  const fields: SharedField[] = [
    { field: 'title', text: lesson.title },
    { field: 'summary', text: lesson.summary },
  ];
  if (lesson.specialty) fields.push({ field: 'specialty', text: lesson.specialty });
  for (const [key, text] of Object.entries(lesson.sections).sort())
    fields.push({ field: `sections.${key}`, text });
  lesson.keyLearningPoints.forEach((text, i) =>
    fields.push({ field: `keyLearningPoints.${i}`, text }),
  );
  for (const a of actions) {
    fields.push({ field: `actions.${a.id}.description`, text: a.description });
    fields.push({ field: `actions.${a.id}.ownerRole`, text: a.ownerRole });
    if (a.ownerName) fields.push({ field: `actions.${a.id}.ownerName`, text: a.ownerName });
    if (a.evidence) fields.push({ field: `actions.${a.id}.evidence`, text: a.evidence });
  }
  return fields.filter((f) => f.text.length > 0);
}

export const hash = (text: string): string =>
  createHash('sha256').update(text, 'utf8').digest('hex');

/** The fields with accepted findings replaced by their placeholders. */
export function project(
  fields: readonly SharedField[],
  findings: readonly LessonFindingEntity[],
): SharedField[] {
  return fields.map(({ field, text }) => {
    const accepted = findings
      .filter((f) => f.field === field && f.status === 'accepted')
      .sort((a, b) => b.start - a.start);
    let out = text;
    for (const f of accepted)
      out = out.slice(0, f.start) + PLACEHOLDERS[f.type as FindingType] + out.slice(f.end);
    return { field, text: out };
  });
}

/**
 * Checks that a lesson may leave the node: every field scanned as it is now, no finding undecided.
 * Called by the lessons service under the lesson's row lock when it publishes beyond INTERNAL.
 * Returns what it checked, so a caller can build the projection without loading it again.
 */
export async function assertShareable(
  manager: EntityManager,
  lesson: LessonEntity,
): Promise<{ fields: SharedField[]; findings: LessonFindingEntity[] }> {
  const actions = await manager.find(LessonActionEntity, { where: { lessonId: lesson.id } });
  const fields = sharedFields(lesson, actions);
  const findings = await manager.find(LessonFindingEntity, { where: { lessonId: lesson.id } });
  const scanned = new Map(
    (await manager.find(LessonScanEntity, { where: { lessonId: lesson.id } })).map((x) => [
      x.field,
      x.fieldHash,
    ]),
  );
  const stale = fields.filter((f) => scanned.get(f.field) !== hash(f.text)).map((f) => f.field);
  if (stale.length > 0) {
    throw new LessonException(
      LessonErrorCode.FindingsStale,
      'Scan the lesson for identifiers again: text changed since the last scan',
      { fields: stale },
    );
  }
  const open = findings.filter(
    (f) => f.status === 'open' && fields.some((x) => x.field === f.field),
  );
  if (open.length > 0) {
    throw new LessonException(
      LessonErrorCode.FindingsUnresolved,
      `${open.length} possible identifiers still need a decision`,
      {
        open: open.length,
      },
    );
  }
  return { fields, findings };
}

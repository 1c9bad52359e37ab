import { anonymiseDocument } from '@lessons-network/anonymiser';
import type { LessonObject } from '../protocol/vocabulary';

/** Findings at least this sure hold a received lesson back (the anonymiser's own propagation bar). */
export const QUARANTINE_CONFIDENCE = 0.8;

/** A finding of the second look: where and what, never the text itself. */
export interface ScreenFinding {
  readonly field: string;
  readonly type: string;
}

/**
 * The receiver's second line of defence: every free-text field of a received lesson goes through
 * this node's anonymiser, as the origin's did before it shared. What it is sure of (names, NHS
 * numbers, dates …) holds the lesson in quarantine for this node's quality lead, who releases or
 * rejects it; the sender is told the fields and types, never the text.
 */
export function screenLesson(lesson: LessonObject): ScreenFinding[] {
  const fields: [string, string][] = [
    ['name', lesson.name],
    ['summary', lesson.summary],
    ...lesson.sections.map((s): [string, string] => [`sections.${s.key}`, s.text]),
    ...lesson.keyLearningPoints.map((t, i): [string, string] => [`keyLearningPoints.${i}`, t]),
    ...(lesson.specialty ? [['specialty', lesson.specialty] as [string, string]] : []),
    ...lesson.actions.flatMap((a, i): [string, string][] => [
      [`actions.${i}.description`, a.description],
      [`actions.${i}.ownerRole`, a.ownerRole],
      ...(a.evidence ? [[`actions.${i}.evidence`, a.evidence] as [string, string]] : []),
    ]),
  ];
  const { results } = anonymiseDocument(fields.map(([, text]) => text));
  const found = new Map<string, ScreenFinding>();
  results.forEach((result, i) => {
    for (const finding of result.findings)
      if (finding.confidence >= QUARANTINE_CONFIDENCE) {
        const entry = { field: fields[i][0], type: finding.type };
        found.set(`${entry.field} ${entry.type}`, entry);
      }
  });
  return [...found.values()];
}

import { isOverdue } from './actions';
import { LessonTemplate, missingSections, TEMPLATES, unknownSections } from './templates';

describe('templates', () => {
  it('gives every template named sections, at least one required, keys unique', () => {
    for (const template of Object.values(LessonTemplate)) {
      const keys = TEMPLATES[template].sections.map((s) => s.key);
      expect(new Set(keys).size).toBe(keys.length);
      expect(TEMPLATES[template].sections.some((s) => s.required)).toBe(true);
    }
    expect(TEMPLATES.sbar.sections.map((s) => s.key)).toEqual([
      'situation',
      'background',
      'assessment',
      'recommendations',
    ]);
  });

  it('names unknown and missing sections', () => {
    expect(unknownSections(LessonTemplate.SBAR, ['situation', 'expected'])).toEqual(['expected']);
    expect(missingSections(LessonTemplate.SBAR, { situation: 'x', background: '  ' })).toEqual([
      'background',
      'assessment',
      'recommendations',
    ]);
    expect(
      missingSections(LessonTemplate.LESSONS_LEARNED_BRIEFING, {
        what_happened: 'a',
        what_we_found: 'b',
      }),
    ).toEqual([]);
  });
});

describe('actions', () => {
  it('derives overdue from the due date and status', () => {
    expect(isOverdue('planned' as never, '2026-01-01', '2026-01-02')).toBe(true);
    expect(isOverdue('in_progress' as never, '2026-01-01', '2026-01-02')).toBe(true);
    expect(isOverdue('planned' as never, '2026-01-02', '2026-01-02')).toBe(false);
    expect(isOverdue('completed' as never, '2026-01-01', '2026-01-02')).toBe(false);
    expect(isOverdue('verified' as never, '2026-01-01', '2026-01-02')).toBe(false);
  });
});

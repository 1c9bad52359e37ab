import { registerEnumType } from '@nestjs/graphql';

/** The standard templates a lesson is written with (PRODUCT.md, "What a lesson is"). */
export enum LessonTemplate {
  LESSONS_LEARNED_BRIEFING = 'lessons_learned_briefing',
  SBAR = 'sbar',
  AFTER_ACTION_REVIEW = 'after_action_review',
  EXPECTED_PRACTICE_REVIEW = 'expected_practice_review',
  PSII_SUMMARY = 'psii_summary',
  THEMATIC_REVIEW_SUMMARY = 'thematic_review_summary',
}

registerEnumType(LessonTemplate, {
  name: 'LessonTemplate',
  description: 'The template a lesson is written with.',
});

export interface SectionDefinition {
  /** Stable key stored with the lesson. */
  readonly key: string;
  /** Heading shown to people. */
  readonly label: string;
  /** Prompt for the writer. */
  readonly help: string;
  /** Needed before the lesson can be submitted for review. */
  readonly required: boolean;
}

export interface TemplateDefinition {
  readonly template: LessonTemplate;
  readonly label: string;
  readonly description: string;
  readonly sections: readonly SectionDefinition[];
}

/** Longest text of one section, in characters. */
export const SECTION_MAX_LENGTH = 5000;

const s = (key: string, label: string, help: string, required = true): SectionDefinition => ({
  key,
  label,
  help,
  required,
});

/** Every template with its named sections, in the order they are shown. */
export const TEMPLATES: Record<LessonTemplate, TemplateDefinition> = {
  lessons_learned_briefing: {
    template: LessonTemplate.LESSONS_LEARNED_BRIEFING,
    label: 'Lessons learned briefing',
    description:
      'A short briefing to circulate: what happened, what we found, what we are changing.',
    sections: [
      s(
        'what_happened',
        'What happened',
        'A summary of the event, with nothing that identifies anyone.',
      ),
      s('what_we_found', 'What we found', 'The causes and contributory factors the review found.'),
      s(
        'what_we_are_changing',
        'What we are changing',
        'How practice changes, beyond the actions listed.',
        false,
      ),
    ],
  },
  sbar: {
    template: LessonTemplate.SBAR,
    label: 'SBAR',
    description: 'Situation, background, assessment, recommendations.',
    sections: [
      s('situation', 'Situation', 'What happened, briefly.'),
      s('background', 'Background', 'The context that matters.'),
      s('assessment', 'Assessment', 'What the review concluded and why.'),
      s('recommendations', 'Recommendations', 'What should change.'),
    ],
  },
  after_action_review: {
    template: LessonTemplate.AFTER_ACTION_REVIEW,
    label: 'After Action Review',
    description:
      'What was expected, what actually happened, why there was a difference, what we learned.',
    sections: [
      s('expected', 'What was expected to happen', 'The plan or the expected course of care.'),
      s('actual', 'What actually happened', 'The facts, in order.'),
      s('difference', 'Why there was a difference', 'The reasons, without blame.'),
      s('learned', 'What we learned', 'What we will keep doing and what we will do differently.'),
    ],
  },
  expected_practice_review: {
    template: LessonTemplate.EXPECTED_PRACTICE_REVIEW,
    label: 'Expected practice review',
    description: 'Expected practice, actual practice, the gap, the learning.',
    sections: [
      s(
        'expected_practice',
        'Expected practice',
        'The policy, guideline or standard (e.g. NICE NG89).',
      ),
      s('actual_practice', 'Actual practice', 'What was done.'),
      s('gap', 'Gap', 'Where and why practice differed.'),
      s('learning', 'Learning', 'What changes as a result.'),
    ],
  },
  psii_summary: {
    template: LessonTemplate.PSII_SUMMARY,
    label: 'Patient safety incident investigation summary',
    description: 'The learning from a PSIRF patient safety incident investigation.',
    sections: [
      s('incident_summary', 'Summary of the incident', 'What happened and its impact.'),
      s(
        'investigation_approach',
        'How it was investigated',
        'Methods, who was involved, family engagement.',
        false,
      ),
      s('findings', 'Findings', 'The system factors that contributed (SEIPS).'),
      s('areas_for_improvement', 'Areas for improvement', 'What the safety actions address.'),
    ],
  },
  thematic_review_summary: {
    template: LessonTemplate.THEMATIC_REVIEW_SUMMARY,
    label: 'Thematic review summary',
    description: 'Themes found across several events, and what should change.',
    sections: [
      s('scope', 'Scope', 'Which events, period and services were reviewed.'),
      s('method', 'Method', 'How the events were reviewed.', false),
      s('themes_identified', 'Themes identified', 'The recurring themes and their system causes.'),
      s('recommendations', 'Recommendations', 'What should change across the organisation.'),
    ],
  },
};

/** Section keys the template does not have. */
export function unknownSections(template: LessonTemplate, keys: readonly string[]): string[] {
  const known = new Set(TEMPLATES[template].sections.map((section) => section.key));
  return keys.filter((key) => !known.has(key));
}

/** Required sections that are missing or blank. */
export function missingSections(
  template: LessonTemplate,
  sections: Readonly<Record<string, string>>,
): string[] {
  return TEMPLATES[template].sections
    .filter((section) => section.required && !(sections[section.key] ?? '').trim())
    .map((section) => section.key);
}

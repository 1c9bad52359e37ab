import {
  CARE_SETTINGS,
  CONTRIBUTORY_FACTORS,
  EVENT_TYPES,
  LEARNING_SOURCES,
  PHYSICAL_HARMS,
  PSYCHOLOGICAL_HARMS,
  STARTING_FORUMS,
  STARTING_THEMES,
  type TaxonomyEntry,
} from './taxonomy';
import { TEMPLATES } from './templates';

function table(title: string, note: string, entries: Record<string, TaxonomyEntry>): string {
  const rows = Object.entries(entries).map(
    ([value, entry]) => `| \`${value.toUpperCase()}\` | ${entry.label} | ${entry.code ?? ''} |`,
  );
  return [
    `## ${title}`,
    '',
    note,
    '',
    '| GraphQL value | label | national code |',
    '| --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}

/** docs/taxonomy.md, written from the code so the two cannot disagree (a unit test checks). */
export function renderTaxonomyMarkdown(): string {
  return [
    '# Classification of lessons',
    '',
    '<!-- Generated from libs/lessons/src/domain/taxonomy.ts and templates.ts: run `UPDATE_DOCS=1 npx jest taxonomy-doc` after changing them. -->',
    '',
    'Every value a lesson is classified with, in one place. Aligned with the national patient safety',
    'taxonomy (LFPSE, Learn from Patient Safety Events) where one exists. The GraphQL query `taxonomy`',
    'serves the same lists with labels and codes.',
    '',
    table(
      'Event type',
      'LFPSE CL001 (question). The per-value LFPSE codes are not mapped yet.',
      EVENT_TYPES,
    ),
    table('Physical harm', 'LFPSE OT001, codes 5 (no harm) to 1 (fatal).', PHYSICAL_HARMS),
    table(
      'Psychological harm',
      'LFPSE OT002, codes 4 (no harm) to 1 (severe).',
      PSYCHOLOGICAL_HARMS,
    ),
    table('Care setting', 'The LFPSE service areas.', CARE_SETTINGS),
    table('Source of learning', 'PSIRF learning responses and other sources.', LEARNING_SOURCES),
    table(
      'Contributory factors',
      'SEIPS (Systems Engineering Initiative for Patient Safety) work-system components.',
      CONTRIBUTORY_FACTORS,
    ),
    '## Themes',
    '',
    'Themes are data (table `theme`), so a hub can add more (`addTheme`). The starting list:',
    '',
    '| key | label |',
    '| --- | --- |',
    ...STARTING_THEMES.map((t) => `| \`${t.key}\` | ${t.label} |`),
    '',
    '## Action forums',
    '',
    'Each organisation starts with these forums and can add its own (`addActionForum`):',
    '',
    ...STARTING_FORUMS.map((f) => `- ${f}`),
    '',
    '## Templates',
    '',
    ...Object.values(TEMPLATES).flatMap((t) => [
      `### ${t.label} (\`${t.template.toUpperCase()}\`)`,
      '',
      t.description,
      '',
      '| section key | heading | required to submit | prompt |',
      '| --- | --- | --- | --- |',
      ...t.sections.map(
        (s) => `| \`${s.key}\` | ${s.label} | ${s.required ? 'yes' : 'no'} | ${s.help} |`,
      ),
      '',
    ]),
  ].join('\n');
}

import escapeHtml from 'escape-html';
import { isOverdue, todayIso } from '../domain/actions';
import {
  CARE_SETTINGS,
  CONTRIBUTORY_FACTORS,
  EVENT_TYPES,
  LEARNING_SOURCES,
  PHYSICAL_HARMS,
  PSYCHOLOGICAL_HARMS,
} from '../domain/taxonomy';
import { TEMPLATES } from '../domain/templates';
import { LessonStatus, Visibility } from '../domain/workflow';
import type { LessonActionEntity } from '../entities/lesson-action.entity';
import type { LessonEntity } from '../entities/lesson.entity';

export interface BriefingInput {
  readonly lesson: LessonEntity;
  readonly actions: readonly LessonActionEntity[];
  readonly organisationName: string;
  readonly themeLabels: ReadonlyMap<string, string>;
  readonly forumNames: ReadonlyMap<string, string>;
}

const e = (text: string | null | undefined): string => escapeHtml(text ?? '');
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function month(iso: string | null): string {
  if (!iso) return 'Not given';
  return `${MONTHS[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)}`;
}

function date(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${Number(d)} ${MONTHS[Number(m) - 1].slice(0, 3)} ${y}`;
}

/**
 * A lesson as a one-page lessons learned briefing, the kind a Trust circulates: HTML with print
 * styles (A4). Every value is escaped; the page loads nothing from elsewhere.
 */
export function renderBriefing(input: BriefingInput): string {
  const { lesson, actions } = input;
  const template = TEMPLATES[lesson.template];
  const today = todayIso();
  const meta: Array<[string, string]> = [
    ['Happened', month(lesson.occurredMonth)],
    ['Setting', lesson.careSetting ? CARE_SETTINGS[lesson.careSetting].label : 'Not given'],
    ['Specialty', lesson.specialty ?? 'Not given'],
    ['Source', lesson.learningSource ? LEARNING_SOURCES[lesson.learningSource].label : 'Not given'],
    ['Event', lesson.eventType ? EVENT_TYPES[lesson.eventType].label : 'Not given'],
    [
      'Harm',
      [
        lesson.physicalHarm && PHYSICAL_HARMS[lesson.physicalHarm].label,
        lesson.psychologicalHarm && PSYCHOLOGICAL_HARMS[lesson.psychologicalHarm].label,
      ]
        .filter(Boolean)
        .join('; ') || 'Not given',
    ],
  ];
  const sections = template.sections
    .filter((s) => lesson.sections[s.key])
    .map(
      (s) =>
        `<section class="part"><h3>${e(s.label)}</h3><p>${e(lesson.sections[s.key])}</p></section>`,
    )
    .join('\n');
  const rows = actions
    .map((a) => {
      const overdue = isOverdue(a.status, a.dueDate, today);
      return `<tr${overdue ? ' class="overdue"' : ''}>
        <td>${e(a.description)}${a.evidence ? `<div class="evidence">Evidence: ${e(a.evidence)}</div>` : ''}</td>
        <td>${e(a.ownerRole)}${a.ownerName ? `<br><span class="muted">${e(a.ownerName)}</span>` : ''}</td>
        <td>${e(date(a.dueDate))}${overdue ? '<br><strong>Overdue</strong>' : ''}</td>
        <td><span class="strength ${e(a.strength)}">${e(a.strength)}</span></td>
        <td>${e(a.status.replace('_', ' '))}${a.forumId && input.forumNames.get(a.forumId) ? `<br><span class="muted">${e(input.forumNames.get(a.forumId))}</span>` : ''}</td>
      </tr>`;
    })
    .join('\n');
  const themes = lesson.themes
    .map((t) => `<span class="tag">${e(input.themeLabels.get(t) ?? t)}</span>`)
    .join(' ');
  const factors = lesson.contributoryFactors
    .map((f) => e(CONTRIBUTORY_FACTORS[f].label.split(' (')[0]))
    .join(', ');
  const status =
    lesson.status === LessonStatus.PUBLISHED
      ? `Published ${lesson.publishedAt ? e(date(lesson.publishedAt.toISOString().slice(0, 10))) : ''}`
      : lesson.status === LessonStatus.RETRACTED
        ? `RETRACTED: ${e(lesson.retractionReason)}`
        : `${e(lesson.status.replace('_', ' ').toUpperCase())}: not yet approved for circulation`;
  const audience =
    lesson.visibility === Visibility.INTERNAL
      ? `For staff of ${e(input.organisationName)} only`
      : 'Anonymised for sharing';
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(lesson.title)} · Lessons learned briefing</title>
<style>
  @page { size: A4; margin: 12mm; }
  * { box-sizing: border-box; }
  body { font-family: Arial, "Helvetica Neue", sans-serif; color: #212b32; font-size: 10.5pt; line-height: 1.35; margin: 0; }
  .page { max-width: 186mm; margin: 0 auto; padding: 6mm 0; }
  header { background: #005eb8; color: #fff; padding: 4mm 5mm; display: flex; justify-content: space-between; align-items: baseline; }
  header .org { font-weight: bold; font-size: 11pt; }
  header .kind { text-transform: uppercase; letter-spacing: .08em; font-size: 9pt; }
  h1 { font-size: 17pt; margin: 4mm 0 2mm; color: #003087; }
  h2 { font-size: 11.5pt; margin: 4mm 0 1.5mm; color: #005eb8; border-bottom: 1px solid #d8dde0; padding-bottom: 1mm; }
  h3 { font-size: 10.5pt; margin: 0 0 .8mm; }
  p { margin: 0 0 2mm; }
  .meta { display: grid; grid-template-columns: repeat(3, 1fr); gap: 1.2mm 4mm; font-size: 9pt; margin-bottom: 2mm; }
  .meta dt { color: #4c6272; } .meta dd { margin: 0 0 1mm; font-weight: bold; }
  .tag { display: inline-block; background: #e8edee; border-radius: 2mm; padding: .3mm 2mm; font-size: 8.5pt; margin: 0 1mm 1mm 0; }
  .summary { background: #f0f4f5; border-left: 2mm solid #005eb8; padding: 2.5mm 4mm; margin: 3mm 0; }
  .learning { background: #fff9c4; border-left: 2mm solid #ffb81c; padding: 2.5mm 4mm 2.5mm 9mm; margin: 2mm 0; }
  .learning li { margin-bottom: 1mm; font-weight: bold; }
  .parts { columns: 2; column-gap: 6mm; }
  .part { break-inside: avoid; margin-bottom: 2.5mm; }
  table { width: 100%; border-collapse: collapse; font-size: 8.8pt; }
  th { text-align: left; background: #e8edee; padding: 1.2mm 1.5mm; }
  td { border-bottom: 1px solid #d8dde0; padding: 1.2mm 1.5mm; vertical-align: top; }
  tr.overdue td { background: #fde8e8; }
  .strength { text-transform: capitalize; font-weight: bold; }
  .strength.strong { color: #007f3b; } .strength.intermediate { color: #ae6800; } .strength.weak { color: #d5281b; }
  .evidence, .muted { color: #4c6272; font-size: 8.5pt; }
  footer { margin-top: 4mm; border-top: 1px solid #d8dde0; padding-top: 2mm; font-size: 8.5pt; color: #4c6272; display: flex; justify-content: space-between; }
  @media print { .page { padding: 0; } header, .summary, .learning, th, tr.overdue td, .tag { -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
</style>
</head>
<body>
<div class="page">
  <header><span class="org">${e(input.organisationName)}</span><span class="kind">Lessons learned · ${e(template.label)}</span></header>
  <h1>${e(lesson.title)}</h1>
  <dl class="meta">${meta.map(([k, v]) => `<div><dt>${e(k)}</dt><dd>${e(v)}</dd></div>`).join('')}</dl>
  <div>${themes}</div>
  ${lesson.summary ? `<div class="summary"><p>${e(lesson.summary)}</p></div>` : ''}
  ${lesson.keyLearningPoints.length ? `<h2>Key learning</h2><ul class="learning">${lesson.keyLearningPoints.map((p) => `<li>${e(p)}</li>`).join('')}</ul>` : ''}
  ${sections ? `<h2>${e(template.label)}</h2><div class="parts">${sections}</div>` : ''}
  ${factors ? `<p class="muted">Contributory factors (SEIPS): ${factors}</p>` : ''}
  <h2>Actions</h2>
  ${actions.length ? `<table><thead><tr><th>Action</th><th>Owner</th><th>Due</th><th>Strength</th><th>Status</th></tr></thead><tbody>${rows}</tbody></table>` : '<p>No actions recorded.</p>'}
  <footer><span>${status}</span><span>${audience}</span><span>Printed ${e(date(today))}</span></footer>
</div>
</body>
</html>
`;
}

import type { LessonStatus } from '../graphql/operations';

type TagColour = 'grey' | 'blue' | 'orange' | 'green' | 'purple' | 'red';

/** A lesson's status in plain English, and the NHS tag colour it is shown in. */
export function statusTag(status: LessonStatus): { label: string; colour: TagColour } {
  switch (status) {
    case 'DRAFT':
      return { label: 'Draft', colour: 'grey' };
    case 'IN_REVIEW':
      return { label: 'In review', colour: 'blue' };
    case 'CHANGES_REQUESTED':
      return { label: 'Changes requested', colour: 'orange' };
    case 'APPROVED':
      return { label: 'Approved', colour: 'purple' };
    case 'PUBLISHED':
      return { label: 'Published', colour: 'green' };
    case 'RETRACTED':
      return { label: 'Retracted', colour: 'red' };
  }
}

/** Visibility in plain English. */
export function visibilityLabel(visibility: string): string {
  switch (visibility) {
    case 'INTERNAL':
      return 'This organisation only';
    case 'NETWORK':
      return 'Organisations that follow us';
    case 'PUBLIC':
      return 'Anyone, including the public';
    default:
      return visibility;
  }
}

/** A date as people in the NHS write it: 4 December 2026. */
export function ukDate(iso: string): string {
  return new Date(iso).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/London',
  });
}

/** Text split into paragraphs at blank lines or line breaks. */
export function paragraphs(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}

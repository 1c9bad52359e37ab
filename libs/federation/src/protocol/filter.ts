import type { FollowFilter } from './vocabulary';

/** Physical harm levels on the wire (LFPSE OT001), least to worst. */
export const HARM_ORDER = ['none', 'low', 'moderate', 'severe', 'fatal'] as const;

/** The fields of a lesson a filter looks at. */
export interface FilterableLesson {
  readonly themes: readonly string[];
  readonly careSetting: string | null;
  readonly physicalHarm: string | null;
  readonly learningSource: string | null;
  readonly originOdsCode: string;
}

/**
 * Whether a lesson matches a follower's filter: every criterion given must hold; within one
 * criterion any listed value will do. An empty filter matches everything. A lesson without a harm
 * level does not meet a minimum harm.
 */
export function matchesFilter(filter: FollowFilter, lesson: FilterableLesson): boolean {
  if (filter.themes?.length && !filter.themes.some((t) => lesson.themes.includes(t))) return false;
  if (
    filter.careSettings?.length &&
    !(filter.careSettings as readonly string[]).includes(lesson.careSetting ?? '')
  )
    return false;
  if (filter.organisations?.length && !filter.organisations.includes(lesson.originOdsCode))
    return false;
  if (
    filter.learningSources?.length &&
    !(filter.learningSources as readonly string[]).includes(lesson.learningSource ?? '')
  )
    return false;
  if (filter.minimumHarm) {
    const minimum = HARM_ORDER.indexOf(filter.minimumHarm);
    const actual = HARM_ORDER.indexOf(lesson.physicalHarm as (typeof HARM_ORDER)[number]);
    if (minimum < 0 || actual < minimum) return false;
  }
  return true;
}

/**
 * Whether a hub may fetch the actor document of a node asking to join (it is a URL a stranger
 * chose). With an allow-list: its host must be listed (`host` or `*.suffix`). Without: https to
 * any host, or http on loopback only (a development network), so that a Join cannot make the hub
 * call plain-http services inside its own network.
 */
export function mayFetchJoiningActor(url: string, allow: readonly string[]): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  const host = parsed.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return false;
  if (allow.length > 0)
    return allow.some((entry) =>
      entry.startsWith('*.') ? host.endsWith(entry.slice(1)) : host === entry,
    );
  if (parsed.protocol === 'https:') return true;
  return host === '127.0.0.1' || host === 'localhost' || host === '::1';
}

import { FederationRefusal, RefusalReason } from './refusal';
import {
  type Activity,
  ACTIVITY_TYPES,
  type DirectoryObject,
  type FollowFilter,
  type LessonObject,
  type TombstoneObject,
} from './vocabulary';

/**
 * Shape checks for what arrives from other nodes: every field typed and bounded before anything
 * reads it. Hand-written because the shapes are ours and small; each failure names the field.
 */
function fail(message: string): never {
  throw new FederationRefusal(RefusalReason.MALFORMED, message);
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(o: Json, field: string, max = 2048): string {
  const v = o[field];
  if (typeof v !== 'string' || v.length === 0 || v.length > max)
    fail(`${field} must be a string of 1 to ${max} characters`);
  return v;
}

function optStr(o: Json, field: string, max = 2048): string | null {
  return o[field] === undefined || o[field] === null ? null : str(o, field, max);
}

function url(o: Json, field: string): string {
  const v = str(o, field);
  if (!/^https?:\/\/[^\s]+$/.test(v)) fail(`${field} must be an http(s) URL`);
  return v;
}

function strings(o: Json, field: string, maxItems = 50, max = 200): string[] {
  const v = o[field] ?? [];
  if (!Array.isArray(v) || v.length > maxItems)
    fail(`${field} must be a list of at most ${maxItems}`);
  return v.map((item, i) => {
    if (typeof item !== 'string' || item.length > max) fail(`${field}[${i}] must be a string`);
    return item;
  });
}

function int(o: Json, field: string): number {
  const v = o[field];
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 1)
    fail(`${field} must be a positive integer`);
  return v;
}

/** A follow filter: known keys only, lists of short strings. */
export function parseFilter(value: unknown): FollowFilter {
  if (value === undefined || value === null) return {};
  if (!isObject(value)) fail('filter must be an object');
  const known = ['themes', 'careSettings', 'minimumHarm', 'organisations', 'learningSources'];
  const extra = Object.keys(value).filter((k) => !known.includes(k));
  if (extra.length > 0) fail(`filter has unknown fields: ${extra.join(', ')}`);
  const filter: {
    themes?: string[];
    careSettings?: string[];
    minimumHarm?: string;
    organisations?: string[];
    learningSources?: string[];
  } = {};
  if (value.themes !== undefined) filter.themes = strings(value, 'themes');
  if (value.careSettings !== undefined) filter.careSettings = strings(value, 'careSettings');
  if (value.organisations !== undefined) filter.organisations = strings(value, 'organisations');
  if (value.learningSources !== undefined)
    filter.learningSources = strings(value, 'learningSources');
  if (value.minimumHarm !== undefined && value.minimumHarm !== null)
    filter.minimumHarm = str(value, 'minimumHarm', 50);
  return filter;
}

/** An activity of a known type with the fields its type needs. */
export function parseActivity(json: unknown): Activity {
  if (!isObject(json)) fail('an activity must be a JSON object');
  const type = str(json, 'type', 20);
  if (!(ACTIVITY_TYPES as readonly string[]).includes(type)) fail(`unknown activity type ${type}`);
  const activity: Activity = {
    '@context': Array.isArray(json['@context']) ? (json['@context'] as string[]) : [],
    id: url(json, 'id'),
    type: type as Activity['type'],
    actor: url(json, 'actor'),
    published: str(json, 'published', 40),
    object: str(json, 'object'),
    ...(json.signedObject !== undefined
      ? { signedObject: str(json, 'signedObject', 1024 * 1024) }
      : {}),
    ...(type === 'Follow' ? { filter: parseFilter(json.filter) } : {}),
  };
  if (['Create', 'Update', 'Delete', 'Announce'].includes(type) && !activity.signedObject)
    fail(`${type} must carry signedObject`);
  if (type === 'Join') {
    const member = json.member;
    if (!isObject(member)) fail('Join must say who is joining (member)');
    const role = str(member, 'role', 20);
    if (!['trust', 'commissioner', 'regulator', 'hub'].includes(role)) fail('unknown member role');
    return {
      ...activity,
      member: {
        odsCode: str(member, 'odsCode', 10),
        name: str(member, 'name', 200),
        role: role as 'trust',
      },
    };
  }
  return activity;
}

/** A verified lesson is still checked for shape before it is stored. */
export function parseLesson(value: unknown): LessonObject {
  if (!isObject(value) || value.type !== 'Lesson') fail('not a Lesson');
  const origin = value.origin;
  if (!isObject(origin)) fail('origin must be an object');
  const sections = value.sections;
  if (!Array.isArray(sections) || sections.length > 20) fail('sections must be a list');
  const actions = value.actions ?? [];
  if (!Array.isArray(actions) || actions.length > 100) fail('actions must be a list');
  const audience = value.audience;
  if (audience !== 'network' && audience !== 'public') fail('audience must be network or public');
  return {
    '@context': Array.isArray(value['@context']) ? (value['@context'] as string[]) : [],
    id: url(value, 'id'),
    type: 'Lesson',
    attributedTo: url(value, 'attributedTo'),
    origin: { odsCode: str(origin, 'odsCode', 10), name: str(origin, 'name', 200) },
    version: int(value, 'version'),
    published: str(value, 'published', 40),
    updated: str(value, 'updated', 40),
    audience,
    name: str(value, 'name', 300),
    summary: str(value, 'summary', 4000),
    template: str(value, 'template', 50),
    sections: sections.map((s, i) => {
      if (!isObject(s)) fail(`sections[${i}] must be an object`);
      return { key: str(s, 'key', 50), text: str(s, 'text', 20_000) };
    }),
    keyLearningPoints: strings(value, 'keyLearningPoints', 20, 1000),
    learningSource: optStr(value, 'learningSource', 50),
    eventType: optStr(value, 'eventType', 50),
    themes: strings(value, 'themes'),
    careSetting: optStr(value, 'careSetting', 50),
    specialty: optStr(value, 'specialty', 200),
    physicalHarm: optStr(value, 'physicalHarm', 50),
    psychologicalHarm: optStr(value, 'psychologicalHarm', 50),
    contributoryFactors: strings(value, 'contributoryFactors'),
    occurredMonth: optStr(value, 'occurredMonth', 7),
    actions: actions.map((a, i) => {
      if (!isObject(a)) fail(`actions[${i}] must be an object`);
      return {
        description: str(a, 'description', 4000),
        ownerRole: str(a, 'ownerRole', 200),
        strength: str(a, 'strength', 20),
        status: str(a, 'status', 20),
        dueMonth: optStr(a, 'dueMonth', 7),
        evidence: optStr(a, 'evidence', 4000),
      };
    }),
  };
}

export function parseTombstone(value: unknown): TombstoneObject {
  if (!isObject(value) || value.type !== 'Tombstone') fail('not a Tombstone');
  return {
    '@context': [],
    id: url(value, 'id'),
    type: 'Tombstone',
    formerType: 'Lesson',
    attributedTo: url(value, 'attributedTo'),
    version: int(value, 'version'),
    deleted: str(value, 'deleted', 40),
  };
}

export function parseDirectory(value: unknown): DirectoryObject {
  if (!isObject(value) || value.type !== 'Directory') fail('not a Directory');
  const members = value.members;
  if (!Array.isArray(members) || members.length > 10_000) fail('members must be a list');
  return {
    '@context': [],
    id: url(value, 'id'),
    type: 'Directory',
    attributedTo: url(value, 'attributedTo'),
    version: int(value, 'version'),
    issued: str(value, 'issued', 40),
    members: members.map((m, i) => {
      if (!isObject(m)) fail(`members[${i}] must be an object`);
      const keys = m.keys;
      if (!Array.isArray(keys) || keys.length > 50) fail(`members[${i}].keys must be a list`);
      return {
        odsCode: str(m, 'odsCode', 10),
        name: str(m, 'name', 200),
        role: str(m, 'role', 20) as 'trust',
        actor: url(m, 'actor'),
        inbox: url(m, 'inbox'),
        baseUrl: url(m, 'baseUrl'),
        keys: keys.map((k, j) => {
          if (!isObject(k) || k.kty !== 'OKP' || k.crv !== 'Ed25519')
            fail(`members[${i}].keys[${j}] must be an Ed25519 JWK`);
          const status = k.status ?? 'active';
          if (status !== 'active' && status !== 'retired' && status !== 'revoked')
            fail(`members[${i}].keys[${j}].status is unknown`);
          return {
            kty: 'OKP' as const,
            crv: 'Ed25519' as const,
            x: str(k, 'x', 100),
            kid: str(k, 'kid', 200),
            alg: 'EdDSA' as const,
            use: 'sig' as const,
            status,
            ...(typeof k.revokedAt === 'string' ? { revokedAt: k.revokedAt } : {}),
          };
        }),
      };
    }),
  };
}

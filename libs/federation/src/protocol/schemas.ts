import {
  ActionStatus,
  ActionStrength,
  CareSetting,
  ContributoryFactor,
  EventType,
  LearningSource,
  LessonTemplate,
  PhysicalHarm,
  PsychologicalHarm,
  TEMPLATES,
} from '@lessons-network/lessons';
import { z } from 'zod';
import { FederationRefusal, RefusalReason } from './refusal';

/**
 * The wire objects, declared once: the sender builds every object through these schemas before it
 * signs it, and the receiver checks every object it verified through the same schemas before it
 * reads a field. Code lists come from the lessons taxonomy (docs/taxonomy.md), so a node never
 * stores a code it would not accept from its own staff. docs/federation-protocol.md, section 5,
 * states the same rules.
 */

/** An http(s) URL without spaces, at most 2,048 characters. */
const url = z
  .string()
  .max(2048)
  .regex(/^https?:\/\/[^\s]+$/, 'must be an http(s) URL');
const text = (max: number) => z.string().min(1).max(max);
/** Text that may be empty (a section left blank is still a section). */
const anyText = (max: number) => z.string().max(max);
/** ISO 8601 date and time with a zone (Z or an offset). */
const instant = z.iso.datetime({ offset: true });
const positive = z.int().min(1);
/** YYYY-MM, a real month: never an exact date. */
const month = z.string().regex(/^(19|20|21)\d\d-(0[1-9]|1[0-2])$/, 'must be a month, YYYY-MM');
/** ODS codes: 3 to 10 capital letters or digits. */
export const ODS_CODE = /^[A-Z0-9]{3,10}$/;
const odsCode = z.string().regex(ODS_CODE, 'must be an ODS code (3 to 10 capitals or digits)');
/** A theme key: themes are data (a hub may add more), so any key of this shape travels. */
const themeKey = z.string().regex(/^[a-z0-9_]{1,50}$/, 'must be a theme key (a-z, 0-9, _)');
const context = z.array(z.string().max(200)).max(10).readonly();
/** The values of a taxonomy enum, as plain string codes on the wire. */
const codes = <T extends Record<string, string>>(values: T) =>
  z.enum(Object.values(values) as [`${T[keyof T]}`, ...`${T[keyof T]}`[]]);
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
/** `<base>/federation/lessons/<uuid>`. */
const LESSON_ID = new RegExp(`^https?://[^\\s]+/federation/lessons/${UUID}$`);
/** The id of a lesson or of its tombstone. */
const lessonId = url.regex(LESSON_ID, 'must be <base>/federation/lessons/<uuid>');

export const nodeRoleSchema = z.enum(['trust', 'commissioner', 'regulator', 'hub']);
export type NodeRoleName = z.infer<typeof nodeRoleSchema>;
/** The roles a node that joins may be given: only the hub that signs the directory is a hub. */
export const MEMBER_ROLES = ['trust', 'commissioner', 'regulator'] as const;

export const harmSchema = codes(PhysicalHarm);

/** What a follower wants: every criterion given must match; within one, any value matches. */
export const followFilterSchema = z
  .strictObject({
    themes: z.array(themeKey).max(50).readonly().optional(),
    careSettings: z.array(codes(CareSetting)).max(50).readonly().optional(),
    /** Lessons with physical harm at this level or worse. */
    minimumHarm: harmSchema.optional(),
    /** ODS codes of origin organisations (for a follower of the hub). */
    organisations: z.array(odsCode).max(50).readonly().optional(),
    learningSources: z.array(codes(LearningSource)).max(50).readonly().optional(),
  })
  .readonly();
export type FollowFilter = z.infer<typeof followFilterSchema>;

/** One action of a shared lesson: anonymised text only, no owner names, no dates beyond a month. */
export const sharedActionSchema = z
  .strictObject({
    description: text(4000),
    ownerRole: text(200),
    strength: codes(ActionStrength),
    status: codes(ActionStatus),
    dueMonth: month.nullable(),
    evidence: text(4000).nullable(),
  })
  .readonly();
export type SharedAction = z.infer<typeof sharedActionSchema>;

/** A lesson as it travels: built only from the anonymised projection and coded fields. */
export const lessonObjectSchema = z
  .strictObject({
    '@context': context,
    id: lessonId,
    type: z.literal('Lesson'),
    /** The origin organisation's actor. The signing key must belong to it. */
    attributedTo: url,
    /** Must name the organisation whose key signed the lesson (receivers check it). */
    origin: z.strictObject({ odsCode, name: text(200) }).readonly(),
    /** Increases with every shared revision; receivers ignore anything not newer than they hold. */
    version: positive,
    published: instant,
    updated: instant,
    audience: z.enum(['network', 'public']),
    name: text(300),
    summary: text(4000),
    template: codes(LessonTemplate),
    sections: z
      .array(z.strictObject({ key: text(50), text: anyText(20_000) }).readonly())
      .max(20)
      .readonly(),
    keyLearningPoints: z.array(text(1000)).max(20).readonly(),
    learningSource: codes(LearningSource).nullable(),
    eventType: codes(EventType).nullable(),
    themes: z.array(themeKey).max(50).readonly(),
    careSetting: codes(CareSetting).nullable(),
    specialty: text(200).nullable(),
    physicalHarm: codes(PhysicalHarm).nullable(),
    psychologicalHarm: codes(PsychologicalHarm).nullable(),
    contributoryFactors: z.array(codes(ContributoryFactor)).max(50).readonly(),
    /** YYYY-MM: never an exact date. */
    occurredMonth: month.nullable(),
    actions: z.array(sharedActionSchema).max(100).readonly(),
  })
  .superRefine((lesson, ctx) => {
    const known = new Set(TEMPLATES[lesson.template].sections.map((s) => s.key));
    lesson.sections.forEach((section, i) => {
      if (!known.has(section.key))
        ctx.addIssue({
          code: 'custom',
          path: ['sections', i, 'key'],
          message: `is not a section of the ${lesson.template} template`,
        });
    });
    const seen = new Set<string>();
    lesson.sections.forEach((section, i) => {
      if (seen.has(section.key))
        ctx.addIssue({ code: 'custom', path: ['sections', i, 'key'], message: 'is repeated' });
      seen.add(section.key);
    });
  })
  .readonly();
export type LessonObject = z.infer<typeof lessonObjectSchema>;

/** What is left of a retracted lesson everywhere it went. */
export const tombstoneObjectSchema = z
  .strictObject({
    '@context': context,
    id: lessonId,
    type: z.literal('Tombstone'),
    formerType: z.literal('Lesson'),
    attributedTo: url,
    version: positive,
    deleted: instant,
  })
  .readonly();
export type TombstoneObject = z.infer<typeof tombstoneObjectSchema>;

/** A public Ed25519 key as published (a JWK with our status fields). */
export const publishedKeySchema = z
  .object({
    kty: z.literal('OKP'),
    crv: z.literal('Ed25519'),
    x: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'must be a base64url Ed25519 public key'),
    kid: text(200),
    alg: z.literal('EdDSA').default('EdDSA'),
    use: z.literal('sig').default('sig'),
    /** `revoked` keys verify nothing; `retired` keys no longer sign but still verify. */
    status: z.enum(['active', 'retired', 'revoked']).default('active'),
    revokedAt: instant.optional(),
  })
  .readonly();
export type PublishedKey = z.infer<typeof publishedKeySchema>;

/** One member of the network as the hub lists it. */
export const directoryMemberSchema = z
  .strictObject({
    odsCode,
    name: text(200),
    role: nodeRoleSchema,
    actor: url,
    inbox: url,
    baseUrl: url,
    keys: z.array(publishedKeySchema).max(50).readonly(),
  })
  .readonly();
export type DirectoryMember = z.infer<typeof directoryMemberSchema>;

/** The hub's list of members, signed by the hub; a higher version replaces a lower one. */
export const directoryObjectSchema = z
  .strictObject({
    '@context': context,
    id: url,
    type: z.literal('Directory'),
    attributedTo: url,
    version: positive,
    issued: instant,
    members: z.array(directoryMemberSchema).max(10_000).readonly(),
  })
  .superRefine((directory, ctx) => {
    const hubs = directory.members.filter((m) => m.role === 'hub');
    if (hubs.some((m) => m.actor !== directory.attributedTo))
      ctx.addIssue({
        code: 'custom',
        path: ['members'],
        message: 'only the hub that signs the directory may be listed with the role hub',
      });
  })
  .readonly();
export type DirectoryObject = z.infer<typeof directoryObjectSchema>;

export const ACTIVITY_TYPES = [
  'Create',
  'Update',
  'Delete',
  'Announce',
  'Follow',
  'Accept',
  'Reject',
  'Undo',
  'Join',
] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

/**
 * Every activity POSTed between nodes. Fields of ActivityStreams this protocol does not use (`to`,
 * `cc`, …) are ignored, never stored: content comes only from the signed object.
 */
export const activitySchema = z
  .object({
    '@context': context.default([]),
    id: url,
    type: z.enum(ACTIVITY_TYPES),
    actor: url,
    published: text(40),
    /** A URL (lesson, actor, directory) or, for Accept/Reject/Undo, the id of the Follow. */
    object: text(2048),
    /** Create, Update, Delete, Announce: the origin's compact JWS of the object, never re-signed. */
    signedObject: z
      .string()
      .min(1)
      .max(1024 * 1024)
      .optional(),
    /** Follow only. */
    filter: followFilterSchema.optional(),
    /**
     * Join only, informative: who is asking. The hub takes the ODS code, name and role from the
     * joining node's actor document and its quality lead's decision, never from here.
     */
    member: z
      .object({ odsCode: text(10), name: text(200), role: text(20) })
      .readonly()
      .optional(),
  })
  .superRefine((activity, ctx) => {
    const signed = ['Create', 'Update', 'Delete', 'Announce'].includes(activity.type);
    if (signed && !activity.signedObject)
      ctx.addIssue({
        code: 'custom',
        path: ['signedObject'],
        message: `${activity.type} must carry signedObject`,
      });
  })
  .readonly();
export type Activity = z.infer<typeof activitySchema>;

/** The first problem of a failed check, as "field: message". */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
  return `${path.replace(/^\./, '') || 'value'}: ${issue.message}`;
}

/** Checks `value` with `schema`, refusing with MALFORMED and the first problem found. */
export function checkWire<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success)
    throw new FederationRefusal(RefusalReason.MALFORMED, `${what}: ${describeIssue(result.error)}`);
  return result.data;
}

/** Builds a wire object through its schema: a node never sends what it would refuse. */
export function buildWire<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success)
    throw new Error(`this node built an invalid ${what}: ${describeIssue(result.error)}`);
  return result.data;
}

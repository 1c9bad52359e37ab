import { z } from 'zod';
import {
  type Activity,
  activitySchema,
  checkWire,
  type DirectoryObject,
  directoryObjectSchema,
  type FollowFilter,
  followFilterSchema,
  type LessonObject,
  lessonObjectSchema,
  type PublishedKey,
  publishedKeySchema,
  type TombstoneObject,
  tombstoneObjectSchema,
} from './schemas';

/**
 * Checks for what arrives from other nodes, through the schemas the sender builds with
 * (`schemas.ts`): every field typed, bounded and, for codes, one of the taxonomy's values before
 * anything reads it. Each failure is MALFORMED and names the field.
 */

/** A follow filter: known keys only, known codes only. */
export function parseFilter(value: unknown): FollowFilter {
  return checkWire(followFilterSchema, value ?? {}, 'filter');
}

/**
 * A filter given at this node's own doors (the `follow` mutation, feed query parameters): criteria
 * left out or null are absent, then the same check as a filter received.
 */
export function parseFilterInput(input: Record<string, unknown> | null | undefined): FollowFilter {
  return parseFilter(
    Object.fromEntries(
      Object.entries(input ?? {}).filter(([, value]) => value !== undefined && value !== null),
    ),
  );
}

/** An activity of a known type with the fields its type needs. */
export function parseActivity(json: unknown): Activity {
  return checkWire(activitySchema, json, 'activity');
}

/** A verified lesson is still checked for shape and codes before it is stored. */
export function parseLesson(value: unknown): LessonObject {
  return checkWire(lessonObjectSchema, value, 'lesson');
}

export function parseTombstone(value: unknown): TombstoneObject {
  return checkWire(tombstoneObjectSchema, value, 'tombstone');
}

export function parseDirectory(value: unknown): DirectoryObject {
  return checkWire(directoryObjectSchema, value, 'directory');
}

const keyListSchema = z.array(publishedKeySchema).max(50);

/** Keys from an actor document (`publicKeys`) or a JWKS (`keys`), checked for shape. */
export function parseKeys(document: unknown): PublishedKey[] {
  const keys = (document as { keys?: unknown; publicKeys?: unknown } | null) ?? {};
  const list = Array.isArray(keys.keys)
    ? keys.keys
    : Array.isArray(keys.publicKeys)
      ? keys.publicKeys
      : [];
  return checkWire(keyListSchema, list, 'keys');
}

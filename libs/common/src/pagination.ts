import { CommonErrorCode, CommonException } from './domain.exception';

/** A keyset position: the sort timestamp and id of the last row seen. */
export interface CursorPosition {
  readonly at: Date;
  readonly id: string;
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** Encodes a keyset position as an opaque cursor. */
export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(`${position.at.toISOString()}|${position.id}`, 'utf8').toString('base64url');
}

/** Decodes a cursor made by {@link encodeCursor}; a malformed one is bad input. */
export function decodeCursor(cursor: string): CursorPosition {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const [iso, id] = text.split('|');
  const at = new Date(iso ?? '');
  if (!id || Number.isNaN(at.getTime()) || !/^[0-9a-f-]{36}$/i.test(id)) {
    throw new CommonException(CommonErrorCode.BadUserInput, 'The cursor is not valid', {
      field: 'after',
    });
  }
  return { at, id };
}

/** Clamps a requested page size to 1..MAX_PAGE_SIZE. */
export function pageSize(first: number | undefined): number {
  if (first === undefined || first === null) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw new CommonException(
      CommonErrorCode.BadUserInput,
      `first must be between 1 and ${MAX_PAGE_SIZE}`,
      {
        field: 'first',
      },
    );
  }
  return first;
}

/** One page of results in the shape GraphQL connections need. */
export interface Page<T> {
  readonly items: T[];
  readonly hasNextPage: boolean;
  readonly endCursor: string | null;
  readonly totalCount: number;
}

/**
 * Turns `limit + 1` rows fetched in keyset order into a page: the extra row only tells whether a
 * next page exists.
 */
export function toPage<T>(
  rows: T[],
  limit: number,
  totalCount: number,
  position: (row: T) => CursorPosition,
): Page<T> {
  const hasNextPage = rows.length > limit;
  const items = hasNextPage ? rows.slice(0, limit) : rows;
  const last = items[items.length - 1];
  return { items, hasNextPage, endCursor: last ? encodeCursor(position(last)) : null, totalCount };
}

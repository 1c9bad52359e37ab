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
  /** How many match in all: counted only when called. */
  readonly totalCount: () => Promise<number>;
  /** The cursor of an item of this page. */
  readonly cursorOf: (item: T) => string;
}

/**
 * Turns `limit + 1` rows fetched in keyset order into a page: the extra row only tells whether a
 * next page exists.
 */
export function toPage<T>(
  rows: T[],
  limit: number,
  totalCount: () => Promise<number>,
  position: (row: T) => CursorPosition,
): Page<T> {
  const hasNextPage = rows.length > limit;
  const items = hasNextPage ? rows.slice(0, limit) : rows;
  const last = items[items.length - 1];
  const cursorOf = (item: T) => encodeCursor(position(item));
  return { items, hasNextPage, endCursor: last ? cursorOf(last) : null, totalCount, cursorOf };
}

/** A GraphQL cursor connection of a page. */
export interface Connection<N> {
  readonly edges: { cursor: string; node: N }[];
  readonly pageInfo: { hasNextPage: boolean; endCursor: string | null };
  /** A promise, created only when the field is read: the count query runs only if asked for. */
  readonly totalCount: Promise<number>;
}

/**
 * Turns a page into a connection. `totalCount` is a lazy getter, so the (costly, at scale) count
 * runs only when a client selects it.
 */
export function toConnection<T, N>(page: Page<T>, node: (item: T) => N): Connection<N> {
  const connection = {
    edges: page.items.map((item) => ({ cursor: page.cursorOf(item), node: node(item) })),
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
  };
  Object.defineProperty(connection, 'totalCount', {
    enumerable: true,
    get: () => page.totalCount(),
  });
  return connection as Connection<N>;
}

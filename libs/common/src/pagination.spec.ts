import { CommonException } from './domain.exception';
import { decodeCursor, encodeCursor, pageSize, toPage } from './pagination';

describe('pagination', () => {
  const id = '0b8f7e2c-1d3a-4c5b-9e6f-7a8b9c0d1e2f';

  it('round-trips a cursor', () => {
    const at = new Date('2026-11-22T08:00:00.123Z');
    expect(decodeCursor(encodeCursor({ at, id }))).toEqual({ at, id });
  });

  it('refuses a malformed cursor as bad input', () => {
    for (const bad of [
      '',
      'garbage',
      Buffer.from('2026-01-01|not-a-uuid').toString('base64url'),
      Buffer.from(`nope|${id}`).toString('base64url'),
    ]) {
      expect(() => decodeCursor(bad)).toThrow(CommonException);
    }
  });

  it('bounds page sizes', () => {
    expect(pageSize(undefined)).toBe(20);
    expect(pageSize(100)).toBe(100);
    expect(() => pageSize(0)).toThrow(CommonException);
    expect(() => pageSize(101)).toThrow(CommonException);
    expect(() => pageSize(1.5)).toThrow(CommonException);
  });

  it('uses the extra row only to tell whether another page follows', () => {
    const rows = [1, 2, 3].map((n) => ({ at: new Date(n * 1000), id }));
    const page = toPage(
      rows,
      2,
      () => Promise.resolve(10),
      (r) => r,
    );
    expect(page.items).toHaveLength(2);
    expect(page.hasNextPage).toBe(true);
    expect(decodeCursor(page.endCursor!).at).toEqual(new Date(2000));
    expect(
      toPage(
        rows.slice(0, 2),
        2,
        () => Promise.resolve(2),
        (r) => r,
      ).hasNextPage,
    ).toBe(false);
    expect(
      toPage(
        [],
        2,
        () => Promise.resolve(0),
        (r: { at: Date; id: string }) => r,
      ).endCursor,
    ).toBeNull();
  });
});

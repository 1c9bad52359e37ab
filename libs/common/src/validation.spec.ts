import { findForbiddenCharacter } from './text';
import { isCalendarDate, isMonth } from './validation';

describe('input rules shared by every door', () => {
  it('finds NUL and the bidirectional controls, and nothing in ordinary or right-to-left text', () => {
    expect(findForbiddenCharacter('ab\u0000c')).toMatchObject({ index: 2, codePoint: 'U+0000' });
    for (const c of ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2069'])
      expect(findForbiddenCharacter(`x${c}`)?.index).toBe(1);
    for (const fine of ['Ward 7, bed 3', 'مرحبا', 'שלום\u200F', 'tab\tand\nnewline', '😀'])
      expect(findForbiddenCharacter(fine)).toBeUndefined();
  });

  it('takes months as YYYY-MM and dates as YYYY-MM-DD only, with years PostgreSQL can hold', () => {
    expect(['2026-09', '1900-01', '9999-12'].every(isMonth)).toBe(true);
    for (const bad of ['0000-01', '1899-12', '2026-13', '2026-00', '2026-9', '2026-09-01', 202609])
      expect(isMonth(bad)).toBe(false);
    expect(['2026-09-30', '2024-02-29', '1900-01-01'].every(isCalendarDate)).toBe(true);
    for (const bad of [
      '2026-02-29',
      '2026-09-31',
      '0000-01-01',
      '2030-01-01T00:00:00Z',
      '2030-01-01T00:00',
      '20300101',
      ' 2030-01-01',
      null,
    ])
      expect(isCalendarDate(bad)).toBe(false);
  });
});

import { type ValidationOptions, ValidateBy } from 'class-validator';

/**
 * Years a month or date given by a client may have. PostgreSQL has no year 0 ("0000-01" failed
 * as an internal error), and nothing this node records happened before 1900.
 */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 9999;

const MONTH = /^(\d{4})-(\d{2})$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `value` is a month `YYYY-MM` with a year from MIN_YEAR to MAX_YEAR. */
export function isMonth(value: unknown): boolean {
  const m = typeof value === 'string' ? MONTH.exec(value) : null;
  if (!m) return false;
  const [year, month] = [Number(m[1]), Number(m[2])];
  return year >= MIN_YEAR && year <= MAX_YEAR && month >= 1 && month <= 12;
}

/** Whether `value` is a calendar date `YYYY-MM-DD` (no time, no zone) from year MIN_YEAR to MAX_YEAR. */
export function isCalendarDate(value: unknown): boolean {
  const m = typeof value === 'string' ? DATE.exec(value) : null;
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < MIN_YEAR || year > MAX_YEAR) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A month as `YYYY-MM` (e.g. 2026-09), years MIN_YEAR to MAX_YEAR. */
export function IsMonth(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isMonth',
      validator: {
        validate: isMonth,
        defaultMessage: (args) =>
          `${args?.property ?? 'the value'} must be a month as YYYY-MM, e.g. 2026-09, with a year from ${MIN_YEAR} to ${MAX_YEAR}`,
      },
    },
    options,
  );
}

/** A calendar date as `YYYY-MM-DD` (a datetime is refused), years MIN_YEAR to MAX_YEAR. */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: isCalendarDate,
        defaultMessage: (args) =>
          `${args?.property ?? 'the value'} must be a date as YYYY-MM-DD, e.g. 2026-09-30 (no time), with a year from ${MIN_YEAR} to ${MAX_YEAR}`,
      },
    },
    options,
  );
}

/** Text with at least `min` characters that are not white space (a title of spaces is no title). */
export function HasText(min = 1, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'hasText',
      constraints: [min],
      validator: {
        validate: (value: unknown) => typeof value === 'string' && value.trim().length >= min,
        defaultMessage: (args) =>
          `${args?.property ?? 'the value'} must have at least ${min} character${min === 1 ? '' : 's'} other than spaces`,
      },
    },
    options,
  );
}

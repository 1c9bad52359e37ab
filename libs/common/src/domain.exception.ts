/**
 * The base of every expected failure. Each domain extends it with its own string enum of codes
 * (CONTRIBUTING.md, "One exception type per domain"); one filter maps them to GraphQL `extensions.code`.
 */
export abstract class DomainException<Code extends string = string> extends Error {
  /** The HTTP status that best matches the failure, for REST routes. */
  abstract readonly httpStatus: number;

  protected constructor(
    readonly code: Code,
    message: string,
    /** Extra machine-readable facts safe to show to the caller. */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Codes shared by every domain. */
export enum CommonErrorCode {
  BadUserInput = 'BAD_USER_INPUT',
  NotFound = 'NOT_FOUND',
  Conflict = 'CONFLICT',
  StaleWrite = 'STALE_WRITE',
}

/** A failure that belongs to no particular domain: bad input, a missing record, a conflict. */
export class CommonException extends DomainException<CommonErrorCode> {
  readonly httpStatus: number;
  constructor(code: CommonErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, message, details);
    this.httpStatus = { BAD_USER_INPUT: 400, NOT_FOUND: 404, CONFLICT: 409, STALE_WRITE: 409 }[
      code
    ];
  }
}

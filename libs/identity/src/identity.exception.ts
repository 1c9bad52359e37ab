import { DomainException } from '@lessons-network/common';

/** Every expected failure of sign-in, tokens and user management. */
export enum IdentityErrorCode {
  /** No access token was given for an operation that needs one. */
  Unauthenticated = 'UNAUTHENTICATED',
  /** Wrong e-mail or password; deliberately does not say which. */
  InvalidCredentials = 'INVALID_CREDENTIALS',
  /** Too many failed sign-ins for this address or from this client; try later. */
  TooManyAttempts = 'TOO_MANY_ATTEMPTS',
  /** The token's signature, algorithm, type, issuer or audience is wrong, or it is malformed. */
  TokenInvalid = 'TOKEN_INVALID',
  /** The token was valid once but has expired. */
  TokenExpired = 'TOKEN_EXPIRED',
  /** A refresh token was presented a second time; the whole session has been revoked. */
  RefreshTokenReused = 'REFRESH_TOKEN_REUSED',
  /** The session was signed out or revoked. */
  SessionRevoked = 'SESSION_REVOKED',
  /** The account is disabled. */
  AccountDisabled = 'ACCOUNT_DISABLED',
  /** Signed in, but none of the user's roles may do this. */
  Forbidden = 'FORBIDDEN',
  /** No such user in the caller's organisation. */
  UserNotFound = 'USER_NOT_FOUND',
  /** Another user already has this e-mail address. */
  EmailTaken = 'EMAIL_TAKEN',
  /** The role cannot be given on this kind of node, or in this combination. */
  RoleNotAllowed = 'ROLE_NOT_ALLOWED',
  /** The change would leave the organisation without an active quality lead. */
  LastQualityLead = 'LAST_QUALITY_LEAD',
  /** The invitation link is unknown, used, superseded or expired. */
  InvitationInvalid = 'INVITATION_INVALID',
  /** The password does not meet the policy. */
  WeakPassword = 'WEAK_PASSWORD',
  /** The operation is not allowed on the caller's own account (e.g. disabling yourself). */
  SelfModification = 'SELF_MODIFICATION',
}

const STATUS: Record<IdentityErrorCode, number> = {
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  TOO_MANY_ATTEMPTS: 429,
  TOKEN_INVALID: 401,
  TOKEN_EXPIRED: 401,
  REFRESH_TOKEN_REUSED: 401,
  SESSION_REVOKED: 401,
  ACCOUNT_DISABLED: 403,
  FORBIDDEN: 403,
  USER_NOT_FOUND: 404,
  EMAIL_TAKEN: 409,
  ROLE_NOT_ALLOWED: 400,
  LAST_QUALITY_LEAD: 409,
  INVITATION_INVALID: 400,
  WEAK_PASSWORD: 400,
  SELF_MODIFICATION: 409,
};

export class IdentityException extends DomainException<IdentityErrorCode> {
  readonly httpStatus: number;
  constructor(code: IdentityErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, message, details);
    this.httpStatus = STATUS[code];
  }
}

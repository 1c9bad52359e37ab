import { PASSWORD_MIN_LENGTH } from '@lessons-network/identity';
import type { ApiError } from '../graphql/web-api.service';

/** One entry of an NHS error summary: the message, and the field it links to (if any). */
export interface ErrorItem {
  readonly text: string;
  readonly href?: string;
}

/** A form's errors: the summary at the top, and the message beside each field. */
export interface FormErrors {
  readonly summary: ErrorItem[];
  readonly fields: Record<string, string>;
}

export function noErrors(): FormErrors {
  return { summary: [], fields: {} };
}

/** Adds an error to a field (and to the summary, linking to it). */
export function fieldError(errors: FormErrors, field: string, id: string, text: string): void {
  errors.summary.push({ text, href: `#${id}` });
  errors.fields[field] = text;
}

/** The password policy (decision 0003), as hint text. */
export const PASSWORD_HINT =
  `Your password must have at least ${PASSWORD_MIN_LENGTH} characters, at least 5 different ` +
  'characters, and must not include the first part of your email address.';

/** "30 seconds", "1 minute", "15 minutes". */
export function waitText(seconds: number): string {
  if (seconds < 60) return seconds === 1 ? '1 second' : `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

function retryAfter(error: ApiError): number {
  const value = error.details?.retryAfterSeconds;
  return typeof value === 'number' && value > 0 ? Math.ceil(value) : 60;
}

/** What a failed `signIn` means for the person, in plain English. */
export function signInErrors(error: ApiError): FormErrors {
  const errors = noErrors();
  switch (error.code) {
    case 'INVALID_CREDENTIALS':
      fieldError(errors, 'email', 'email', 'The email address or password is not correct');
      break;
    case 'TOO_MANY_ATTEMPTS':
      errors.summary.push({
        text: `There have been too many attempts to sign in. Wait ${waitText(retryAfter(error))}, then try again.`,
      });
      break;
    case 'ACCOUNT_DISABLED':
      errors.summary.push({
        text: 'Your account has been closed. Ask your quality lead if you need it again.',
      });
      break;
    case 'BAD_USER_INPUT':
      fieldError(
        errors,
        'email',
        'email',
        'Enter an email address in the correct format, like name@example.nhs.uk',
      );
      break;
    default:
      errors.summary.push({ text: 'Sorry, you cannot sign in at the moment. Try again later.' });
  }
  return errors;
}

/** What a failed `acceptInvitation` means for the person, in plain English. */
export function invitationErrors(error: ApiError): FormErrors {
  const errors = noErrors();
  switch (error.code) {
    case 'WEAK_PASSWORD': {
      const rules = Array.isArray(error.details?.rules)
        ? (error.details.rules as unknown[]).filter((r): r is string => typeof r === 'string')
        : [];
      const needs = rules.length ? rules.join(', ') : 'to follow the rules below its label';
      fieldError(errors, 'password', 'password', `Your password needs ${needs}`);
      break;
    }
    case 'INVITATION_INVALID':
    case 'BAD_USER_INPUT':
      errors.summary.push({
        text: 'This link has expired or has already been used. Ask your quality lead for a new link.',
      });
      break;
    case 'TOO_MANY_ATTEMPTS':
      errors.summary.push({
        text: `There have been too many attempts. Wait ${waitText(retryAfter(error))}, then try again.`,
      });
      break;
    default:
      errors.summary.push({
        text: 'Sorry, your password could not be set at the moment. Try again later.',
      });
  }
  return errors;
}

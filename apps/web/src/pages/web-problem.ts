import type { ApiError } from '../graphql/web-api.service';

/**
 * A page that cannot be shown because the API refused or failed: rendered by the web error filter
 * as an NHS-style error page with the right status (404, 403, 429 or 500).
 */
export class WebProblem extends Error {
  readonly status: number;
  constructor(readonly error: ApiError) {
    super(error.message);
    this.status = statusOf(error.code);
  }
}

function statusOf(code: string): number {
  if (code.endsWith('NOT_FOUND') || code === 'BAD_USER_INPUT') return 404;
  if (code === 'FORBIDDEN') return 403;
  if (code === 'TOO_MANY_ATTEMPTS') return 429;
  return 500;
}

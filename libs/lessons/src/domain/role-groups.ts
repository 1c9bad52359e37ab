import { Role } from '@lessons-network/identity';

/** Everyone on the staff of the organisation: may read published lessons. */
export const STAFF = [
  Role.AUTHOR,
  Role.REVIEWER,
  Role.QUALITY_LEAD,
  Role.VIEWER,
  Role.MODERATOR,
] as const;

/** Who writes lessons. */
export const WRITERS = [Role.AUTHOR, Role.QUALITY_LEAD] as const;

/** Who works on a lesson before it is shared: its author, reviewers and quality leads. */
export const WORKERS = [Role.AUTHOR, Role.REVIEWER, Role.QUALITY_LEAD] as const;

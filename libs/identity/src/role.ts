import { registerEnumType } from '@nestjs/graphql';

/** What a user may do on their node. A user holds one or more roles. */
export enum Role {
  AUTHOR = 'author',
  REVIEWER = 'reviewer',
  QUALITY_LEAD = 'quality_lead',
  VIEWER = 'viewer',
  MODERATOR = 'moderator',
  CITIZEN = 'citizen',
}

export const ROLES: readonly Role[] = Object.values(Role);

registerEnumType(Role, {
  name: 'Role',
  description: 'What a user may do on their node.',
  valuesMap: {
    AUTHOR: { description: 'Any member of staff: writes lessons and their actions.' },
    REVIEWER: {
      description: 'Reviews lessons (matron, Head of Quality, ACD): approves or requests changes.',
    },
    QUALITY_LEAD: {
      description: "The node's administrator: manages users, publishes and retracts lessons.",
    },
    VIEWER: {
      description: 'Commissioner or regulator staff: reads lessons, feeds and scorecards.',
    },
    MODERATOR: { description: 'Moderates community discussion threads.' },
    CITIZEN: { description: 'A registered member of the public (hub nodes only).' },
  },
});

/** Whether a user is allowed to sign in, and why not. */
export enum UserStatus {
  INVITED = 'invited',
  ACTIVE = 'active',
  DISABLED = 'disabled',
}

registerEnumType(UserStatus, {
  name: 'UserStatus',
  description: 'Whether a user can sign in.',
  valuesMap: {
    INVITED: { description: 'Created, but has not yet set a password through their invitation.' },
    ACTIVE: { description: 'Can sign in.' },
    DISABLED: {
      description: 'Disabled by a quality lead: cannot sign in; every session is revoked.',
    },
  },
});

import { registerEnumType } from '@nestjs/graphql';

/** What a user may do on their node. A user holds one or more roles. */
export enum Role {
  Author = 'author',
  Reviewer = 'reviewer',
  QualityLead = 'quality_lead',
  Viewer = 'viewer',
  Moderator = 'moderator',
  Citizen = 'citizen',
}

export const ROLES: readonly Role[] = Object.values(Role);

registerEnumType(Role, {
  name: 'Role',
  description: 'What a user may do on their node.',
  valuesMap: {
    Author: { description: 'Any member of staff: writes lessons and their actions.' },
    Reviewer: { description: 'Reviews lessons (matron, Head of Quality, ACD): approves or requests changes.' },
    QualityLead: { description: "The node's administrator: manages users, publishes and retracts lessons." },
    Viewer: { description: 'Commissioner or regulator staff: reads lessons, feeds and scorecards.' },
    Moderator: { description: 'Moderates community discussion threads.' },
    Citizen: { description: 'A registered member of the public (hub nodes only).' },
  },
});

/** Whether a user is allowed to sign in, and why not. */
export enum UserStatus {
  Invited = 'invited',
  Active = 'active',
  Disabled = 'disabled',
}

registerEnumType(UserStatus, {
  name: 'UserStatus',
  description: 'Whether a user can sign in.',
  valuesMap: {
    Invited: { description: 'Created, but has not yet set a password through their invitation.' },
    Active: { description: 'Can sign in.' },
    Disabled: { description: 'Disabled by a quality lead: cannot sign in; every session is revoked.' },
  },
});

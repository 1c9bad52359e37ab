/**
 * Every GraphQL operation the web UI sends: the pages read and write only through these, with the
 * signed-in person's access token, exactly as any other client of the node's API would.
 * `operations.spec.ts` validates each against the committed `schema.gql`, so a schema change that
 * breaks a page fails the unit tests (the drift check a code generator would give).
 */

/** A GraphQL operation document with the TypeScript shape of its result and variables. */
export interface Operation<
  TData,
  TVariables extends Record<string, unknown> = Record<string, never>,
> {
  readonly name: string;
  readonly document: string;
  /** Phantom fields: never set, they carry the types. */
  readonly _data?: TData;
  readonly _variables?: TVariables;
}

function operation<TData, TVariables extends Record<string, unknown> = Record<string, never>>(
  name: string,
  document: string,
): Operation<TData, TVariables> {
  return { name, document };
}

export type LessonStatus =
  'DRAFT' | 'IN_REVIEW' | 'CHANGES_REQUESTED' | 'APPROVED' | 'PUBLISHED' | 'RETRACTED';

export interface NodeInfo {
  organisationName: string;
  odsCode: string;
}

export interface Me {
  id: string;
  displayName: string;
  email: string;
  roles: string[];
}

export interface TokenPair {
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
  refreshTokenExpiresAt: string;
}

export interface LessonSummary {
  id: string;
  title: string;
  status: LessonStatus;
  updatedAt: string;
  author: { displayName: string };
}

export interface LessonDetail extends LessonSummary {
  summary: string;
  template: string;
  visibility: string;
  version: number;
  sections: { key: string; label: string; text: string }[];
  keyLearningPoints: string[];
  themes: { key: string; label: string }[];
}

const TOKEN_PAIR = `accessToken accessTokenExpiresAt refreshToken refreshTokenExpiresAt`;

export const NODE_INFO = operation<{ nodeInfo: NodeInfo }>(
  'WebNodeInfo',
  `query WebNodeInfo { nodeInfo { organisationName odsCode } }`,
);

export const SIGN_IN = operation<{ signIn: TokenPair }, { email: string; password: string }>(
  'WebSignIn',
  `mutation WebSignIn($email: String!, $password: String!) {
    signIn(input: { email: $email, password: $password }) { ${TOKEN_PAIR} }
  }`,
);

export const REFRESH_SESSION = operation<{ refreshSession: TokenPair }, { refreshToken: string }>(
  'WebRefreshSession',
  `mutation WebRefreshSession($refreshToken: String!) {
    refreshSession(input: { refreshToken: $refreshToken }) { ${TOKEN_PAIR} }
  }`,
);

export const SIGN_OUT = operation<{ signOut: boolean }>(
  'WebSignOut',
  `mutation WebSignOut { signOut }`,
);

export const ACCEPT_INVITATION = operation<
  { acceptInvitation: { email: string } },
  { token: string; password: string }
>(
  'WebAcceptInvitation',
  `mutation WebAcceptInvitation($token: String!, $password: String!) {
    acceptInvitation(input: { token: $token, password: $password }) { email }
  }`,
);

const LESSON_SUMMARY = `id title status updatedAt author { displayName }`;

/** The layout's facts (organisation, who is signed in) and the home page's two lists. */
export const HOME = operation<{
  nodeInfo: NodeInfo;
  me: Me;
  drafts: { totalCount: number; edges: { node: LessonSummary }[] };
}>(
  'WebHome',
  `query WebHome {
    nodeInfo { organisationName odsCode }
    me { id displayName email roles }
    drafts: lessons(first: 50, filter: { mine: true, statuses: [DRAFT, CHANGES_REQUESTED] }) {
      totalCount
      edges { node { ${LESSON_SUMMARY} } }
    }
  }`,
);

/** Lessons in review (asked only of reviewers and quality leads: others may not review). */
export const REVIEW_QUEUE = operation<{
  inReview: { edges: { node: LessonSummary & { author: { id: string } } }[] };
}>(
  'WebReviewQueue',
  `query WebReviewQueue {
    inReview: lessons(first: 50, filter: { statuses: [IN_REVIEW] }) {
      edges { node { ${LESSON_SUMMARY} author { id displayName } } }
    }
  }`,
);

export const LESSON = operation<
  {
    nodeInfo: NodeInfo;
    me: Me;
    lesson: LessonDetail;
    lessonTemplates: { template: string; label: string }[];
  },
  { id: string }
>(
  'WebLesson',
  `query WebLesson($id: ID!) {
    nodeInfo { organisationName odsCode }
    me { id displayName email roles }
    lesson(id: $id) {
      ${LESSON_SUMMARY}
      summary template visibility version keyLearningPoints
      sections { key label text }
      themes { key label }
    }
    lessonTemplates { template label }
  }`,
);

/** The layout's facts for a signed-in page that needs nothing else (error pages). */
export const LAYOUT = operation<{ nodeInfo: NodeInfo; me: Me }>(
  'WebLayout',
  `query WebLayout { nodeInfo { organisationName odsCode } me { id displayName email roles } }`,
);

/** Every operation, for the schema check. */
export const ALL_OPERATIONS: readonly Operation<unknown, Record<string, unknown>>[] = [
  NODE_INFO,
  SIGN_IN,
  REFRESH_SESSION,
  SIGN_OUT,
  ACCEPT_INVITATION,
  HOME,
  REVIEW_QUEUE,
  LESSON,
  LAYOUT,
] as readonly Operation<unknown, Record<string, unknown>>[];

import { NodeRole } from '@lessons-network/config';
import { RequestContext } from '@lessons-network/common';
import { OrganisationEntity, UsersService } from '@lessons-network/identity';
import { DataSource } from 'typeorm';
import {
  createQualityLead,
  createUserAndSignIn,
  errorCode,
  SIGN_IN,
  signIn,
  startTestNode,
  TEST_PASSWORD,
  type SignedIn,
  type TestNode,
} from '../support/test-node';

const CREATE_USER = `mutation($input: CreateUserInput!) { createUser(input: $input) { token url expiresAt user { id email roles status } } }`;
const USERS = `query($first: Int, $after: String, $role: Role, $status: UserStatus, $search: String) {
  users(first: $first, after: $after, role: $role, status: $status, search: $search) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id email roles status } }
  }
}`;
const SET_ROLES = `mutation($input: SetUserRolesInput!) { setUserRoles(input: $input) { id roles } }`;
const DISABLE = `mutation($id: ID!) { disableUser(id: $id) { id status } }`;
const ENABLE = `mutation($id: ID!) { enableUser(id: $id) { id status } }`;
const ACCEPT = `mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { id status } }`;

describe('user management by quality leads', () => {
  let node: TestNode;
  let ql: SignedIn;
  let reviewer: SignedIn & { email: string };
  let author: SignedIn & { email: string };

  beforeAll(async () => {
    node = await startTestNode({ SIGN_IN_RATE_LIMIT_PER_MINUTE: '1000' });
    ql = await signIn(node, await createQualityLead(node, 'lead@test.nhs.uk'));
    reviewer = await createUserAndSignIn(node, ql.accessToken, ['REVIEWER'], 'matron@test.nhs.uk');
    author = await createUserAndSignIn(node, ql.accessToken, ['AUTHOR'], 'nurse@test.nhs.uk');
  });
  afterAll(() => node.close());

  it('creates a user who is invited until they set a password through the link', async () => {
    const created = await node.gql<{
      createUser: {
        token: string;
        url: string;
        user: { id: string; status: string; email: string };
      };
    }>(
      CREATE_USER,
      {
        input: {
          email: '  New.Person@Test.NHS.uk ',
          displayName: 'New Person',
          roles: ['AUTHOR', 'REVIEWER'],
        },
      },
      ql.accessToken,
    );
    expect(created.errors).toBeUndefined();
    const { token, url, user } = created.data!.createUser;
    expect(user).toMatchObject({ status: 'INVITED', email: 'new.person@test.nhs.uk' });
    expect(url).toBe(`http://node.test/invitations/${token}`);
    // No password yet: sign-in fails like any wrong password.
    expect(errorCode(await node.gql(SIGN_IN, { email: user.email, password: TEST_PASSWORD }))).toBe(
      'INVALID_CREDENTIALS',
    );

    const weak = await node.gql(ACCEPT, { input: { token, password: 'short' } });
    expect(errorCode(weak)).toBe('WEAK_PASSWORD');
    const accepted = await node.gql(ACCEPT, { input: { token, password: TEST_PASSWORD } });
    expect(accepted.data).toEqual({ acceptInvitation: { id: user.id, status: 'ACTIVE' } });
    expect(errorCode(await node.gql(ACCEPT, { input: { token, password: TEST_PASSWORD } }))).toBe(
      'INVITATION_INVALID',
    );
    await signIn(node, user.email);
  });

  it('refuses a second user with the same e-mail, in any case', async () => {
    const again = await node.gql(
      CREATE_USER,
      { input: { email: 'MATRON@test.nhs.uk', displayName: 'Dup', roles: ['AUTHOR'] } },
      ql.accessToken,
    );
    expect(errorCode(again)).toBe('EMAIL_TAKEN');
  });

  it('validates input at the edge with a clear error', async () => {
    const bad = await node.gql(
      CREATE_USER,
      { input: { email: 'not-an-email', displayName: '', roles: [] } },
      ql.accessToken,
    );
    expect(errorCode(bad)).toBe('BAD_USER_INPUT');
    const problems = bad.errors![0].extensions.details!.problems as string[];
    expect(problems.join(' ')).toMatch(/email/);
    expect(problems.join(' ')).toMatch(/roles/);
    const wrongEnum = await node.gql(
      CREATE_USER,
      { input: { email: 'a@b.nhs.uk', displayName: 'A', roles: ['KING'] } },
      ql.accessToken,
    );
    expect(errorCode(wrongEnum)).toBe('BAD_USER_INPUT');
  });

  it('refuses the citizen role on a trust node', async () => {
    const citizen = await node.gql(
      CREATE_USER,
      { input: { email: 'cit@example.org', displayName: 'C', roles: ['CITIZEN'] } },
      ql.accessToken,
    );
    expect(errorCode(citizen)).toBe('ROLE_NOT_ALLOWED');
  });

  it('lets each role do only what it allows', async () => {
    for (const who of [reviewer, author]) {
      expect(errorCode(await node.gql(USERS, {}, who.accessToken))).toBe('FORBIDDEN');
      const attempt = await node.gql(
        CREATE_USER,
        { input: { email: 'x@test.nhs.uk', displayName: 'X', roles: ['QUALITY_LEAD'] } },
        who.accessToken,
      );
      expect(errorCode(attempt)).toBe('FORBIDDEN');
      expect(
        errorCode(
          await node.gql(
            SET_ROLES,
            { input: { userId: who.userId, roles: ['QUALITY_LEAD'] } },
            who.accessToken,
          ),
        ),
      ).toBe('FORBIDDEN');
      const me = await node.gql<{ me: { email: string } }>(`{ me { email } }`, {}, who.accessToken);
      expect(me.data?.me.email).toBe(who.email);
    }
    const list = await node.gql<{ users: { totalCount: number } }>(USERS, {}, ql.accessToken);
    expect(list.data?.users.totalCount).toBeGreaterThanOrEqual(3);
  });

  it('changes roles, and the change applies to tokens already issued', async () => {
    const changed = await node.gql(
      SET_ROLES,
      { input: { userId: author.userId, roles: ['AUTHOR', 'QUALITY_LEAD'] } },
      ql.accessToken,
    );
    expect(changed.data).toEqual({
      setUserRoles: { id: author.userId, roles: ['AUTHOR', 'QUALITY_LEAD'] },
    });
    expect((await node.gql(USERS, {}, author.accessToken)).errors).toBeUndefined();
    await node.gql(
      SET_ROLES,
      { input: { userId: author.userId, roles: ['AUTHOR'] } },
      ql.accessToken,
    );
    expect(errorCode(await node.gql(USERS, {}, author.accessToken))).toBe('FORBIDDEN');
  });

  it('never leaves the organisation without an active quality lead', async () => {
    const demote = await node.gql(
      SET_ROLES,
      { input: { userId: ql.userId, roles: ['AUTHOR'] } },
      ql.accessToken,
    );
    expect(errorCode(demote)).toBe('LAST_QUALITY_LEAD');
    expect(errorCode(await node.gql(DISABLE, { id: ql.userId }, ql.accessToken))).toBe(
      'SELF_MODIFICATION',
    );
  });

  it('disables a user: their sessions end and they cannot sign in; enabling restores access', async () => {
    const victim = await createUserAndSignIn(node, ql.accessToken, ['AUTHOR']);
    const disabled = await node.gql(DISABLE, { id: victim.userId }, ql.accessToken);
    expect(disabled.data).toEqual({ disableUser: { id: victim.userId, status: 'DISABLED' } });
    const meAfter = await node.gql(`{ me { id } }`, {}, victim.accessToken);
    expect(['SESSION_REVOKED', 'ACCOUNT_DISABLED']).toContain(errorCode(meAfter));
    expect(
      errorCode(await node.gql(SIGN_IN, { email: victim.email, password: TEST_PASSWORD })),
    ).toBe('ACCOUNT_DISABLED');
    const refreshed = await node.gql(
      `mutation($t: String!) { refreshSession(input: { refreshToken: $t }) { accessToken } }`,
      { t: victim.refreshToken },
    );
    expect(errorCode(refreshed)).toBe('SESSION_REVOKED');
    expect((await node.gql(ENABLE, { id: victim.userId }, ql.accessToken)).data).toEqual({
      enableUser: { id: victim.userId, status: 'ACTIVE' },
    });
    await signIn(node, victim.email);
  });

  it('reissues an invitation as a password reset; the old link stops working', async () => {
    const created = await node.gql<{ createUser: { token: string; user: { id: string } } }>(
      CREATE_USER,
      { input: { email: 'lost.link@test.nhs.uk', displayName: 'Lost Link', roles: ['VIEWER'] } },
      ql.accessToken,
    );
    const first = created.data!.createUser;
    const again = await node.gql<{ reissueInvitation: { token: string } }>(
      `mutation($id: ID!) { reissueInvitation(id: $id) { token } }`,
      { id: first.user.id },
      ql.accessToken,
    );
    expect(
      errorCode(await node.gql(ACCEPT, { input: { token: first.token, password: TEST_PASSWORD } })),
    ).toBe('INVITATION_INVALID');
    expect(
      (
        await node.gql(ACCEPT, {
          input: { token: again.data!.reissueInvitation.token, password: TEST_PASSWORD },
        })
      ).errors,
    ).toBeUndefined();
  });

  it('pages through users with cursors, newest first, and filters them', async () => {
    for (let i = 0; i < 5; i++) {
      await node.gql(
        CREATE_USER,
        { input: { email: `page${i}@test.nhs.uk`, displayName: `Pager ${i}`, roles: ['VIEWER'] } },
        ql.accessToken,
      );
    }
    type Users = {
      users: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string };
        edges: { node: { email: string } }[];
      };
    };
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await node.gql<Users>(
        USERS,
        { first: 2, after, search: 'page' },
        ql.accessToken,
      );
      expect(page.errors).toBeUndefined();
      expect(page.data!.users.totalCount).toBe(5);
      seen.push(...page.data!.users.edges.map((e) => e.node.email));
      if (!page.data!.users.pageInfo.hasNextPage) break;
      after = page.data!.users.pageInfo.endCursor;
    }
    expect(seen).toEqual([
      'page4@test.nhs.uk',
      'page3@test.nhs.uk',
      'page2@test.nhs.uk',
      'page1@test.nhs.uk',
      'page0@test.nhs.uk',
    ]);
    const viewers = await node.gql<Users>(
      USERS,
      { role: 'VIEWER', status: 'INVITED', first: 100 },
      ql.accessToken,
    );
    expect(viewers.data!.users.edges.every((e) => e.node.email.startsWith('page'))).toBe(true);
    expect(errorCode(await node.gql(USERS, { first: 0 }, ql.accessToken))).toBe('BAD_USER_INPUT');
    expect(errorCode(await node.gql(USERS, { first: 1000 }, ql.accessToken))).toBe(
      'QUERY_TOO_COSTLY',
    );
    expect(errorCode(await node.gql(USERS, { after: 'garbage' }, ql.accessToken))).toBe(
      'BAD_USER_INPUT',
    );
  });

  it('keeps organisations apart: a quality lead of another organisation sees and changes none of ours', async () => {
    const dataSource = node.app.get(DataSource);
    const other = await dataSource
      .getRepository(OrganisationEntity)
      .save({ odsCode: 'ROTHER', name: 'Other Trust', role: NodeRole.Trust, isLocal: false });
    const users = node.app.get(UsersService);
    const otherLead = await users.createQualityLead(RequestContext.system('test'), {
      email: 'lead@other.nhs.uk',
      displayName: 'Other Lead',
      password: TEST_PASSWORD,
    });
    await dataSource.query(`UPDATE app_user SET organisation_id = $1 WHERE id = $2`, [
      other.id,
      otherLead.user.id,
    ]);
    const outsider = await signIn(node, 'lead@other.nhs.uk');

    const list = await node.gql<{
      users: { totalCount: number; edges: { node: { email: string } }[] };
    }>(USERS, { first: 100 }, outsider.accessToken);
    expect(list.data!.users.edges.map((e) => e.node.email)).toEqual(['lead@other.nhs.uk']);
    expect(
      errorCode(
        await node.gql(
          `query($id: ID!) { user(id: $id) { id } }`,
          { id: author.userId },
          outsider.accessToken,
        ),
      ),
    ).toBe('USER_NOT_FOUND');
    expect(errorCode(await node.gql(DISABLE, { id: author.userId }, outsider.accessToken))).toBe(
      'USER_NOT_FOUND',
    );
    expect(
      errorCode(
        await node.gql(
          SET_ROLES,
          { input: { userId: author.userId, roles: ['QUALITY_LEAD'] } },
          outsider.accessToken,
        ),
      ),
    ).toBe('USER_NOT_FOUND');
    // And ours cannot see theirs.
    expect(
      errorCode(
        await node.gql(
          `query($id: ID!) { user(id: $id) { id } }`,
          { id: otherLead.user.id },
          ql.accessToken,
        ),
      ),
    ).toBe('USER_NOT_FOUND');
  });

  it('records every change in the audit trail', async () => {
    const rows = (await node.app
      .get(DataSource)
      .query(
        `SELECT action, actor_user_id, details FROM audit_event WHERE subject_id = $1 ORDER BY occurred_at`,
        [author.userId],
      )) as { action: string; actor_user_id: string | null; details: Record<string, unknown> }[];
    const actions = rows.map((r) => r.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'user.created',
        'user.invitation_issued',
        'user.password_set',
        'user.signed_in',
        'user.roles_changed',
      ]),
    );
    const roleChange = rows.find((r) => r.action === 'user.roles_changed')!;
    expect(roleChange.actor_user_id).toBe(ql.userId);
    expect(roleChange.details).toEqual({ before: ['author'], after: ['author', 'quality_lead'] });
    expect(JSON.stringify(rows)).not.toContain(TEST_PASSWORD);
  });
});

describe('citizens on a hub', () => {
  let node: TestNode;
  beforeAll(async () => {
    node = await startTestNode({ NODE_ROLE: 'hub', ODS_CODE: 'HUB01' });
  });
  afterAll(() => node.close());

  it('allows the citizen role at a hub, but never combined with staff roles', async () => {
    const ql = await signIn(node, await createQualityLead(node));
    const ok = await node.gql(
      CREATE_USER,
      { input: { email: 'c@example.org', displayName: 'Citizen', roles: ['CITIZEN'] } },
      ql.accessToken,
    );
    expect(ok.errors).toBeUndefined();
    const mixed = await node.gql(
      CREATE_USER,
      { input: { email: 'c2@example.org', displayName: 'Mixed', roles: ['CITIZEN', 'MODERATOR'] } },
      ql.accessToken,
    );
    expect(errorCode(mixed)).toBe('ROLE_NOT_ALLOWED');
  });
});

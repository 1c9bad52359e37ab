import { AccessTokenService } from '@lessons-network/identity';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { freePort } from '@lessons-network/persistence';
import { axeViolations, launchBrowser, newContext, scrollsSideways } from '../support/browser';
import { addAction, createLesson, step } from '../support/lesson-factory';
import {
  errorCode,
  signIn,
  startNodeWithStaff,
  type Staff,
  TEST_PASSWORD,
  type TestNode,
} from '../support/test-node';

/**
 * The web UI in real Chromium (Debian's, through playwright-core) against a real node on the
 * embedded database: one node and one browser for the file, a fresh browser profile per test.
 */
describe('web UI', () => {
  let node: TestNode;
  let staff: Staff;
  let browser: Browser;
  let base: string;
  let draft: { id: string; title: string };
  let inReview: { id: string; title: string };
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    [{ node, staff }, browser] = await Promise.all([
      startNodeWithStaff({ BASE_URL: base }),
      launchBrowser(),
    ]);
    await node.app.listen(port, '127.0.0.1');
    const created = await createLesson(node, staff.author, {
      template: 'SBAR',
      title: 'Falls on the stroke unit at night',
    });
    draft = { id: created.id, title: 'Falls on the stroke unit at night' };
    const submitted = await createLesson(node, staff.author);
    await addAction(node, staff.author, submitted.id);
    expect(errorCode(await step(node, staff.author, 'submitLesson', submitted.id))).toBeUndefined();
    inReview = { id: submitted.id, title: submitted.title as string };
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await node?.close();
  });

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });

  async function newPage(width = 1024, javaScriptEnabled = true): Promise<Page> {
    const context = await newContext(browser, base, width, javaScriptEnabled);
    contexts.push(context);
    const page = await context.newPage();
    return page;
  }

  async function signInAs(page: Page, email: string, password = TEST_PASSWORD): Promise<void> {
    await page.goto('/sign-in');
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  async function sessionCookie(page: Page) {
    const cookies = await page.context().cookies();
    return cookies.find((c) => c.name === 'ln-session');
  }

  function tokensOf(value: string): { accessToken: string; refreshToken: string } {
    const [accessToken, refreshToken] = value.split('~');
    return { accessToken, refreshToken };
  }

  it('signs in, shows my draft on Home, opens the lesson, and signs out', async () => {
    const page = await newPage();
    await page.goto('/');
    await page.waitForURL(/\/sign-in$/);
    await signInAs(page, staff.author.email);
    await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();

    const header = page.getByRole('banner');
    await header.getByText('Test Hospitals NHS Foundation Trust').waitFor();
    await header.getByText(`User ${staff.author.email}`).waitFor();

    await page.getByRole('link', { name: draft.title }).click();
    await page.waitForURL(`**/lessons/${draft.id}`);
    await page.getByRole('heading', { level: 1, name: draft.title }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Situation' }).waitFor();
    expect(await page.locator('.nhsuk-tag').first().textContent()).toContain('Draft');

    const before = await sessionCookie(page);
    expect(before).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/sign-in\?signedOut=1$/);
    await page.getByText('You have signed out.').waitFor();
    expect(await sessionCookie(page)).toBeUndefined();
    // The session ended at the node too, not only in the browser.
    const me = await node.gql('{ me { id } }', {}, tokensOf(before!.value).accessToken);
    expect(errorCode(me)).toBe('SESSION_REVOKED');
    await page.goto(`/lessons/${draft.id}`);
    await page.waitForURL(/\/sign-in\?next=/);
  });

  it('shows lessons waiting for review to a reviewer, and keeps nothing in web storage', async () => {
    const page = await newPage();
    await signInAs(page, staff.reviewer.email);
    await page.getByRole('heading', { level: 2, name: 'Waiting for your review' }).waitFor();
    await page.getByRole('link', { name: inReview.title }).waitFor();
    expect(await page.evaluate<number>('localStorage.length + sessionStorage.length')).toBe(0);
  });

  it('shows a wrong password in an NHS error summary', async () => {
    const page = await newPage();
    await signInAs(page, staff.author.email, 'not the right password at all');
    const summary = page.locator('.nhsuk-error-summary');
    await summary.getByText('There is a problem').waitFor();
    await summary
      .getByRole('link', { name: 'The email address or password is not correct' })
      .waitFor();
    expect(await page.title()).toMatch(/^Error: Sign in/);
    await page.locator('#email-error').waitFor();
    // The error summary takes focus (NHS.UK frontend's script), so screen readers announce it.
    await expect(
      page.evaluate<boolean>("document.activeElement.classList.contains('nhsuk-error-summary')"),
    ).resolves.toBe(true);
  });

  it('explains a lock-out in plain English', async () => {
    const email = `locked-${Date.now()}@test.nhs.uk`;
    // Five failures are free; the sixth locks the address (decision 0003).
    for (let i = 0; i < 6; i++) {
      const failed = await node.gql(
        'mutation($e: String!) { signIn(input: { email: $e, password: "wrong password 123" }) { accessToken } }',
        { e: email },
      );
      expect(errorCode(failed)).toBe('INVALID_CREDENTIALS');
    }
    const page = await newPage();
    await signInAs(page, email, 'wrong password 123');
    await page
      .locator('.nhsuk-error-summary')
      .getByText(
        /There have been too many attempts to sign in\. Wait \d+ seconds?, then try again\./,
      )
      .waitFor();
  });

  it('accepts an invitation: the link opens a page to set a password, then the person is signed in', async () => {
    const email = `invited-${Date.now()}@test.nhs.uk`;
    const created = await node.gql<{ createUser: { url: string; user: { id: string } } }>(
      `mutation($i: CreateUserInput!) { createUser(input: $i) { url user { id } } }`,
      { i: { email, displayName: 'Nurse Invited', roles: ['AUTHOR'] } },
      staff.lead.accessToken,
    );
    const url = created.data!.createUser.url;
    expect(url.startsWith(`${base}/invitations/`)).toBe(true);

    const page = await newPage();
    await page.goto(url);
    await page.getByRole('heading', { level: 1, name: 'Set your password' }).waitFor();
    await page.getByText(/at least 12 characters, at least 5 different characters/).waitFor();

    // Per-field errors, in the NHS pattern.
    await page.getByLabel('Create a password').fill('short');
    await page.getByLabel('Confirm your password').fill('different');
    await page.getByRole('button', { name: 'Set password and sign in' }).click();
    await page
      .locator('#confirm-password-error')
      .getByText('Enter the same password in both fields')
      .waitFor();
    await page.getByLabel('Create a password').fill('aaaaaaaaaaaaaa');
    await page.getByLabel('Confirm your password').fill('aaaaaaaaaaaaaa');
    await page.getByRole('button', { name: 'Set password and sign in' }).click();
    await page
      .locator('#password-error')
      .getByText(/needs at least 5 different characters/)
      .waitFor();
    await page
      .locator('.nhsuk-error-summary')
      .getByRole('link', { name: /needs at least 5/ })
      .waitFor();

    const password = 'a new long passphrase 77';
    await page.getByLabel('Create a password').fill(password);
    await page.getByLabel('Confirm your password').fill(password);
    await page.getByRole('button', { name: 'Set password and sign in' }).click();
    await page.getByText('Your password is set and you are signed in.').waitFor();
    await page.getByRole('banner').getByText('Nurse Invited').waitFor();

    // The same link works once only.
    await page.goto(url);
    await page.getByLabel('Create a password').fill('another long passphrase 8');
    await page.getByLabel('Confirm your password').fill('another long passphrase 8');
    await page.getByRole('button', { name: 'Set password and sign in' }).click();
    await page.getByText(/This link has expired or has already been used/).waitFor();

    // A reissued link resets a forgotten password through the same page.
    const reissued = await node.gql<{ reissueInvitation: { url: string } }>(
      `mutation($id: ID!) { reissueInvitation(id: $id) { url } }`,
      { id: created.data!.createUser.user.id },
      staff.lead.accessToken,
    );
    const reset = await newPage();
    await reset.goto(reissued.data!.reissueInvitation.url);
    await reset.getByLabel('Create a password').fill('a reset long passphrase 9');
    await reset.getByLabel('Confirm your password').fill('a reset long passphrase 9');
    await reset.getByRole('button', { name: 'Set password and sign in' }).click();
    await reset.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
    await signIn(node, email, 'a reset long passphrase 9');
  });

  it('refuses a form POST without a valid CSRF token', async () => {
    const page = await newPage();
    await page.goto('/sign-in');
    const form = { email: staff.author.email, password: TEST_PASSWORD };
    const missing = await page.request.post('/sign-in', { form, maxRedirects: 0 });
    expect(missing.status()).toBe(403);
    expect(await missing.text()).toContain('Your form could not be sent');
    const wrong = await page.request.post('/sign-in', {
      form: { ...form, _csrf: 'a'.repeat(64) + '.' + 'b'.repeat(64) },
      maxRedirects: 0,
    });
    expect(wrong.status()).toBe(403);

    // Signed in, sign-out without the token does not sign out.
    await signInAs(page, staff.author.email);
    await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
    const signOut = await page.request.post('/sign-out', { form: {}, maxRedirects: 0 });
    expect(signOut.status()).toBe(403);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
  });

  it('stays signed in after the access token expires: a reload and a second tab at once', async () => {
    const page = await newPage();
    await signInAs(page, staff.author.email);
    await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
    const cookie = (await sessionCookie(page))!;
    const { accessToken, refreshToken } = tokensOf(cookie.value);

    // ACCESS_TOKEN_TTL_SECONDS is at least 60, so rather than wait, the node issues a token for
    // this same session that expired two minutes ago (the refresh token is the real one).
    const claims = JSON.parse(Buffer.from(accessToken.split('.')[1], 'base64url').toString()) as {
      sub: string;
      sid: string;
      org: string;
    };
    const clock = jest.spyOn(Date, 'now').mockReturnValue(Date.now() - 20 * 60_000);
    const expired = await node.app
      .get(AccessTokenService)
      .issue({ userId: claims.sub, sessionId: claims.sid, organisationId: claims.org })
      .finally(() => clock.mockRestore());
    expect(errorCode(await node.gql('{ me { id } }', {}, expired.token))).toBe('TOKEN_EXPIRED');
    await page.context().addCookies([{ ...cookie, value: `${expired.token}~${refreshToken}` }]);

    // A reload and a second tab at the same moment present the same refresh token: both stay
    // signed in (the node would revoke the whole session if it saw the used token again).
    const second = await page.context().newPage();
    await Promise.all([page.reload(), second.goto(`/lessons/${draft.id}`)]);
    await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
    await second.getByRole('heading', { level: 1, name: draft.title }).waitFor();
    const renewed = tokensOf((await sessionCookie(page))!.value);
    expect(renewed.refreshToken).not.toBe(refreshToken);
    expect(errorCode(await node.gql('{ me { id } }', {}, renewed.accessToken))).toBeUndefined();
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
  });

  it('signs in with the keyboard only: Tab through the form, Enter to submit', async () => {
    const page = await newPage();
    await page.goto('/sign-in');
    const focused = () =>
      page.evaluate<string>(
        `(() => { const el = document.activeElement;
           return el.id || el.textContent.trim() || el.tagName; })()`,
      );
    const order: string[] = [];
    for (let i = 0; i < 20 && !order.includes('email'); i++) {
      await page.keyboard.press('Tab');
      order.push(await focused());
    }
    expect(order[0]).toBe('Skip to main content');
    expect(order).toContain('email');
    await page.keyboard.type(staff.author.email);
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('password');
    await page.keyboard.type(TEST_PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
  });

  it('works without JavaScript: sign in, open a lesson, sign out', async () => {
    const page = await newPage(1024, false);
    await signInAs(page, staff.author.email);
    await page.getByRole('link', { name: draft.title }).click();
    await page.getByRole('heading', { level: 1, name: draft.title }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByText('You have signed out.').waitFor();
  });

  it('has no axe-core WCAG 2.2 AA violation and no sideways scroll at 320 px, on every page', async () => {
    const page = await newPage(320);
    const cspErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text()))
        cspErrors.push(m.text());
    });
    const check = async (name: string) => {
      expect({ name, violations: await axeViolations(page) }).toEqual({ name, violations: [] });
      expect({ name, sideways: await scrollsSideways(page) }).toEqual({ name, sideways: false });
    };

    await page.goto('/sign-in');
    await check('sign in');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('.nhsuk-error-summary').waitFor();
    await check('sign in with errors');

    const created = await node.gql<{ createUser: { url: string } }>(
      `mutation($i: CreateUserInput!) { createUser(input: $i) { url } }`,
      {
        i: { email: `axe-${Date.now()}@test.nhs.uk`, displayName: 'Axe Check', roles: ['AUTHOR'] },
      },
      staff.lead.accessToken,
    );
    await page.goto(created.data!.createUser.url);
    await check('set your password');
    await page.getByRole('button', { name: 'Set password and sign in' }).click();
    await page.locator('.nhsuk-error-summary').waitFor();
    await check('set your password with errors');

    await page.goto('/no-such-page');
    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    await check('page not found');

    // A form whose token was lost: the refusal page, as the browser gets it.
    await page.goto('/sign-in');
    await page.evaluate("document.querySelector('main input[name=_csrf]').remove()");
    const [refused] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/sign-in') && r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Sign in' }).click(),
    ]);
    expect(refused.status()).toBe(403);
    await page.getByRole('heading', { level: 1, name: 'Your form could not be sent' }).waitFor();
    await check('form refused');

    await signInAs(page, staff.reviewer.email);
    await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
    await check('home');
    await page.goto(`/lessons/${inReview.id}`);
    await page.getByRole('heading', { level: 1, name: inReview.title }).waitFor();
    await check('lesson');
    await page.goto('/lessons/00000000-0000-4000-8000-000000000000');
    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    await check('lesson not found, signed in');

    expect(cspErrors).toEqual([]);
  });

  it('sends security headers and caches assets', async () => {
    const page = await newPage();
    const response = await page.goto('/sign-in');
    const headers = response!.headers();
    expect(headers['content-security-policy']).toMatch(/script-src 'self' 'nonce-[^']+'/);
    expect(headers['content-security-policy']).toMatch(/style-src 'self'(;|$)/);
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['cache-control']).toBe('no-store');

    const css = await page.request.get(
      (await page.locator('link[rel=stylesheet]').getAttribute('href'))!,
    );
    expect(css.status()).toBe(200);
    expect(css.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
    const icon = await page.request.get('/assets/images/favicon.svg');
    expect(icon.headers()['cache-control']).toBe('public, max-age=86400');
    expect((await page.request.get('/assets/../package.json')).status()).toBe(404);

    // API clients keep their JSON 404.
    const api = await node.http().get('/no-such-page');
    expect(api.status).toBe(404);
    expect(api.headers['content-type']).toMatch(/json/);
  });
});

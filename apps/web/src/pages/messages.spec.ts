import { invitationErrors, signInErrors, waitText } from './messages';

describe('messages', () => {
  it('says how long to wait', () => {
    expect(waitText(1)).toBe('1 second');
    expect(waitText(30)).toBe('30 seconds');
    expect(waitText(60)).toBe('1 minute');
    expect(waitText(61)).toBe('2 minutes');
  });

  it('explains a lock-out in plain English', () => {
    const errors = signInErrors({
      code: 'TOO_MANY_ATTEMPTS',
      message: 'x',
      details: { retryAfterSeconds: 120 },
    });
    expect(errors.summary[0].text).toBe(
      'There have been too many attempts to sign in. Wait 2 minutes, then try again.',
    );
  });

  it('puts a wrong password on the email field and in the summary', () => {
    const errors = signInErrors({ code: 'INVALID_CREDENTIALS', message: 'x' });
    expect(errors.summary).toEqual([
      { text: 'The email address or password is not correct', href: '#email' },
    ]);
    expect(errors.fields.email).toBe('The email address or password is not correct');
  });

  it('lists what a weak password lacks', () => {
    const errors = invitationErrors({
      code: 'WEAK_PASSWORD',
      message: 'x',
      details: { rules: ['at least 12 characters', 'at least 5 different characters'] },
    });
    expect(errors.fields.password).toBe(
      'Your password needs at least 12 characters, at least 5 different characters',
    );
  });
});

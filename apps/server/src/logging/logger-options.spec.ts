import { loggableUrl } from './logger-options';

describe('loggableUrl', () => {
  it('masks the one-time token of an invitation link', () => {
    expect(loggableUrl('/invitations/abcDEF123_-xyzabcdefghijk')).toBe('/invitations/[redacted]');
    expect(loggableUrl('/invitations/abcDEF123?x=1')).toBe('/invitations/[redacted]?x=1');
  });

  it('leaves other paths alone', () => {
    expect(loggableUrl('/invitations')).toBe('/invitations');
    expect(loggableUrl('/lessons/1?next=/invitations/x')).toBe('/lessons/1?next=/invitations/x');
  });
});

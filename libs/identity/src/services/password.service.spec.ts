import { IdentityException } from '../identity.exception';
import { PasswordService } from './password.service';

describe('PasswordService', () => {
  const service = new PasswordService();
  beforeAll(() => service.onModuleInit());

  it('accepts a long passphrase and refuses weak ones with the rules broken', () => {
    expect(() => service.assertAcceptable('correct horse battery staple')).not.toThrow();
    for (const weak of ['short', 'aaaaaaaaaaaaaaaa', 'jane.doe-is-great-2026']) {
      expect(() => service.assertAcceptable(weak, 'jane.doe@trust.nhs.uk')).toThrow(
        IdentityException,
      );
    }
  });

  it('hashes with argon2id and verifies only the right password', async () => {
    const hash = await service.hash('correct horse battery staple');
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(await service.verify(hash, 'correct horse battery staple')).toBe(true);
    expect(await service.verify(hash, 'wrong horse battery staple')).toBe(false);
    expect(await service.verify(null, 'anything')).toBe(false);
    expect(await service.verify('not a hash', 'anything')).toBe(false);
  });
});

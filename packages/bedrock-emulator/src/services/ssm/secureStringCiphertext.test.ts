import { secureStringCiphertext } from './secureStringCiphertext';

const scope = {
  accountId: '123456789012',
  region: 'us-east-1',
  keyId: 'alias/aws/ssm',
};

describe('secureStringCiphertext', () => {
  it('looks like a KMS ciphertext blob and does not contain the value', () => {
    const text = secureStringCiphertext(scope, '/db/password', 1, 'hunter2');
    expect(text).toMatch(/^AQICAH[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(text, 'base64').toString('latin1')).not.toContain(
      'hunter2',
    );
  });

  it('is stable for one version and differs across versions, values, Regions and accounts', () => {
    const base = secureStringCiphertext(scope, '/p', 1, 'v');
    expect(secureStringCiphertext(scope, '/p', 1, 'v')).toBe(base);
    expect(secureStringCiphertext(scope, '/p', 2, 'v')).not.toBe(base);
    expect(secureStringCiphertext(scope, '/p', 1, 'w')).not.toBe(base);
    expect(
      secureStringCiphertext({ ...scope, region: 'eu-west-1' }, '/p', 1, 'v'),
    ).not.toBe(base);
    expect(
      secureStringCiphertext(
        { ...scope, accountId: '210987654321' },
        '/p',
        1,
        'v',
      ),
    ).not.toBe(base);
  });

  it('grows with the value, within bounds for the largest values', () => {
    const short = secureStringCiphertext(scope, '/p', 1, 'v');
    const long = secureStringCiphertext(scope, '/p', 1, 'v'.repeat(1000));
    expect(long.length).toBeGreaterThan(short.length + 1000);
    expect(() =>
      secureStringCiphertext(scope, '/p', 1, 'ü'.repeat(8192)),
    ).not.toThrow();
  });
});

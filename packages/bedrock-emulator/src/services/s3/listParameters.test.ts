import { readMaxCount, urlEncodeKey } from './listParameters';
import { S3Error } from './s3Errors';

describe('readMaxCount', () => {
  const read = (query: string) =>
    readMaxCount(new URLSearchParams(query), 'max-keys', 1000, 1000);

  it('defaults, caps and reads whole numbers', () => {
    expect(read('')).toBe(1000);
    expect(read('max-keys=5')).toBe(5);
    expect(read('max-keys=0')).toBe(0);
    expect(read('max-keys=5000')).toBe(1000);
  });

  it.each([
    'max-keys=abc',
    'max-keys=-1',
    'max-keys=1.5',
    'max-keys=',
    'max-keys=99999999999',
  ])('refuses %p with InvalidArgument', query => {
    expect(() => read(query)).toThrow(S3Error);
    expect(() => read(query)).toThrow(
      'Provided max-keys not an integer or within integer range',
    );
  });
});

describe('urlEncodeKey', () => {
  it('encodes like a form, leaving slashes readable', () => {
    expect(urlEncodeKey('dir/a b&c<d>.txt')).toBe('dir/a+b%26c%3Cd%3E.txt');
    expect(urlEncodeKey("it's (1)*!")).toBe('it%27s+%281%29%2A%21');
    expect(urlEncodeKey('ü+\n')).toBe('%C3%BC%2B%0A');
  });

  it('decodes back with a form-style decoder', () => {
    const key = "odd/ü +&'()*!\r\n.txt";
    expect(decodeURIComponent(urlEncodeKey(key).replace(/\+/g, ' '))).toBe(key);
  });
});

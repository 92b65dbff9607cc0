import { decodeHistoryToken, encodeHistoryToken } from './historyToken';

describe('history tokens', () => {
  it('round-trip the last version for the same parameter only', () => {
    const token = encodeHistoryToken('/a/b', 7);
    expect(decodeHistoryToken(token, '/a/b')).toBe(7);
    expect(decodeHistoryToken(token, '/a/c')).toBeUndefined();
  });

  it('refuse edited and made-up tokens', () => {
    const bytes = Buffer.from(encodeHistoryToken('/a/b', 7), 'base64');
    bytes[bytes.length - 2] ^= 1;
    expect(
      decodeHistoryToken(bytes.toString('base64'), '/a/b'),
    ).toBeUndefined();
    expect(decodeHistoryToken('bogus', '/a/b')).toBeUndefined();
    expect(decodeHistoryToken('', '/a/b')).toBeUndefined();
    expect(decodeHistoryToken('!!', '/a/b')).toBeUndefined();
  });
});

import {
  decodeContinuationToken,
  encodeContinuationToken,
} from './continuationToken';

describe('continuation tokens', () => {
  const position = {
    scope: 'bucket:data',
    marker: 'logs/ü x&y',
    markerIsPrefix: true,
  };

  it('round-trip a position as an opaque base64 text', () => {
    const token = encodeContinuationToken(position);
    expect(token).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(token).not.toContain('logs');
    expect(decodeContinuationToken(token, 'bucket:data')).toEqual(position);
  });

  it('refuse a token of another listing', () => {
    const token = encodeContinuationToken(position);
    expect(decodeContinuationToken(token, 'bucket:other')).toBeUndefined();
  });

  it('refuse edited, truncated and made-up tokens', () => {
    const token = encodeContinuationToken(position);
    const edited = Buffer.from(token, 'base64');
    edited[edited.length - 3] ^= 1;
    expect(
      decodeContinuationToken(edited.toString('base64'), 'bucket:data'),
    ).toBeUndefined();
    expect(
      decodeContinuationToken(token.slice(0, 12), 'bucket:data'),
    ).toBeUndefined();
    expect(
      decodeContinuationToken('bm90LWEtdG9rZW4=', 'bucket:data'),
    ).toBeUndefined();
    expect(
      decodeContinuationToken('not base64!', 'bucket:data'),
    ).toBeUndefined();
    expect(decodeContinuationToken('', 'bucket:data')).toBeUndefined();
  });
});

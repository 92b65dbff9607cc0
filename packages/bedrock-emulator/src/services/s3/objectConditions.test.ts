import {
  evaluateReadConditions,
  evaluateWriteConditions,
} from './objectConditions';
import { S3Error } from './s3Errors';

const object = {
  etag: '"abc"',
  lastModified: Date.parse('2026-01-02T03:04:05.678Z'),
};
const at = (iso: string) => new Date(iso).toUTCString();

function code(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return (error as S3Error).type;
  }
  return undefined;
}

describe('evaluateReadConditions', () => {
  it('proceeds without conditions', () => {
    expect(evaluateReadConditions({}, object)).toBe('proceed');
  });

  it('compares ETags with or without quotes, in lists and with *', () => {
    expect(evaluateReadConditions({ 'if-match': 'abc' }, object)).toBe(
      'proceed',
    );
    expect(evaluateReadConditions({ 'if-match': '"x", "abc"' }, object)).toBe(
      'proceed',
    );
    expect(evaluateReadConditions({ 'if-none-match': '*' }, object)).toBe(
      'not-modified',
    );
    expect(
      code(() => evaluateReadConditions({ 'if-match': '"x"' }, object)),
    ).toBe('PreconditionFailed');
  });

  it('answers not-modified for a matching If-None-Match or an old If-Modified-Since', () => {
    expect(evaluateReadConditions({ 'if-none-match': '"abc"' }, object)).toBe(
      'not-modified',
    );
    expect(evaluateReadConditions({ 'if-none-match': '"other"' }, object)).toBe(
      'proceed',
    );
    expect(
      evaluateReadConditions(
        { 'if-modified-since': at('2026-01-02T03:04:05Z') },
        object,
      ),
    ).toBe('not-modified');
    expect(
      evaluateReadConditions(
        { 'if-modified-since': at('2026-01-02T03:04:04Z') },
        object,
      ),
    ).toBe('proceed');
  });

  it('lets If-None-Match decide over If-Modified-Since and If-Match over If-Unmodified-Since', () => {
    expect(
      evaluateReadConditions(
        {
          'if-none-match': '"other"',
          'if-modified-since': at('2027-01-01T00:00:00Z'),
        },
        object,
      ),
    ).toBe('proceed');
    expect(
      evaluateReadConditions(
        {
          'if-match': '"abc"',
          'if-unmodified-since': at('2020-01-01T00:00:00Z'),
        },
        object,
      ),
    ).toBe('proceed');
    expect(
      code(() =>
        evaluateReadConditions(
          { 'if-unmodified-since': at('2020-01-01T00:00:00Z') },
          object,
        ),
      ),
    ).toBe('PreconditionFailed');
  });

  it('ignores dates it cannot read', () => {
    expect(
      evaluateReadConditions({ 'if-modified-since': 'yesterday' }, object),
    ).toBe('proceed');
  });
});

describe('evaluateWriteConditions', () => {
  it('refuses to overwrite with If-None-Match: * and allows creating', () => {
    expect(
      code(() =>
        evaluateWriteConditions({ 'if-none-match': '*' }, 'k', object),
      ),
    ).toBe('PreconditionFailed');
    expect(
      code(() =>
        evaluateWriteConditions({ 'if-none-match': '*' }, 'k', undefined),
      ),
    ).toBe(undefined);
  });

  it('requires the current ETag with If-Match', () => {
    expect(
      code(() => evaluateWriteConditions({ 'if-match': '"abc"' }, 'k', object)),
    ).toBe(undefined);
    expect(
      code(() => evaluateWriteConditions({ 'if-match': '"x"' }, 'k', object)),
    ).toBe('PreconditionFailed');
    expect(
      code(() =>
        evaluateWriteConditions({ 'if-match': '"x"' }, 'k', undefined),
      ),
    ).toBe('NoSuchKey');
  });

  it('refuses other If-None-Match values on writes as not implemented', () => {
    expect(
      code(() =>
        evaluateWriteConditions({ 'if-none-match': '"abc"' }, 'k', object),
      ),
    ).toBe('NotImplemented');
  });
});

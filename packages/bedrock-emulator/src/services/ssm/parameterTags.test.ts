import { AwsError } from '../../core/AwsError';
import { mergeTags, readTags } from './parameterTags';

function errorOf(fn: () => unknown): AwsError {
  try {
    fn();
  } catch (error) {
    return error as AwsError;
  }
  throw new Error('expected an error');
}

describe('readTags', () => {
  it('reads a list of Key/Value pairs, unicode letters and spaces included', () => {
    expect(
      readTags({ Tags: [{ Key: 'Équipe', Value: 'plate forme' }] }, 'Tags'),
    ).toEqual([{ Key: 'Équipe', Value: 'plate forme' }]);
    expect(readTags({}, 'Tags')).toBeUndefined();
  });

  it('names the offending member as AWS does', () => {
    expect(
      errorOf(() =>
        readTags(
          {
            Tags: [
              { Key: 'ok', Value: 'v' },
              { Key: 'bad*', Value: 'v' },
            ],
          },
          'Tags',
        ),
      ).message,
    ).toMatch(
      /^1 validation error detected: Value 'bad\*' at 'tags\.2\.member\.key' failed to satisfy constraint: Member must satisfy regular expression pattern/,
    );
    expect(
      errorOf(() => readTags({ Tags: [{ Key: '', Value: 'v' }] }, 'Tags')).type,
    ).toBe('ValidationException');
    expect(
      errorOf(() =>
        readTags({ Tags: [{ Key: 'k', Value: 'v'.repeat(257) }] }, 'Tags'),
      ).type,
    ).toBe('ValidationException');
    expect(
      errorOf(() => readTags({ Tags: [{ Key: 'k' }] }, 'Tags')).message,
    ).toContain(
      "at 'tags.1.member.value' failed to satisfy constraint: Member must not be null",
    );
  });

  it('refuses values of the wrong type', () => {
    expect(errorOf(() => readTags({ Tags: 'team=ml' }, 'Tags')).type).toBe(
      'SerializationException',
    );
    expect(
      errorOf(() => readTags({ Tags: [{ Key: 1, Value: 'v' }] }, 'Tags')).type,
    ).toBe('SerializationException');
  });
});

describe('mergeTags', () => {
  it('replaces values by key and limits a resource to 50 tags', () => {
    expect(
      mergeTags(
        [{ Key: 'a', Value: '1' }],
        [
          { Key: 'a', Value: '2' },
          { Key: 'b', Value: '3' },
        ],
      ),
    ).toEqual([
      { Key: 'a', Value: '2' },
      { Key: 'b', Value: '3' },
    ]);
    const fifty = Array.from({ length: 50 }, (_, i) => ({
      Key: `k${i}`,
      Value: '',
    }));
    expect(mergeTags([], fifty)).toHaveLength(50);
    expect(
      errorOf(() => mergeTags(fifty, [{ Key: 'one-more', Value: '' }])).type,
    ).toBe('TooManyTagsError');
  });
});

import { AwsError } from '../../core/AwsError';
import {
  checkLength,
  optionalBoolean,
  optionalEnum,
  optionalInteger,
  requiredString,
  requiredStringList,
} from './ssmInput';

function errorOf(fn: () => unknown): AwsError {
  try {
    fn();
  } catch (error) {
    return error as AwsError;
  }
  throw new Error('expected an error');
}

describe('SSM input readers', () => {
  it('read members of the right type', () => {
    expect(requiredString({ Name: 'n' }, 'Name')).toBe('n');
    expect(optionalBoolean({ Overwrite: true }, 'Overwrite')).toBe(true);
    expect(optionalInteger({ MaxResults: 5 }, 'MaxResults', 1, 50)).toBe(5);
    expect(
      optionalEnum({ Type: 'String' }, 'Type', ['String', 'SecureString']),
    ).toBe('String');
    expect(requiredStringList({ Names: ['a'] }, 'Names', 1, 10)).toEqual(['a']);
  });

  it('word missing and out-of-range members as AWS does', () => {
    expect(errorOf(() => requiredString({}, 'Name')).message).toBe(
      "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null",
    );
    expect(
      errorOf(() => optionalInteger({ MaxResults: 0 }, 'MaxResults', 1, 50))
        .message,
    ).toBe(
      "1 validation error detected: Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1",
    );
    expect(
      errorOf(() =>
        optionalEnum({ Type: 'Int' }, 'Type', ['String', 'SecureString']),
      ).message,
    ).toBe(
      "1 validation error detected: Value 'Int' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [String, SecureString]",
    );
    expect(
      errorOf(() => requiredStringList({ Names: [] }, 'Names', 1, 10)).message,
    ).toBe(
      "1 validation error detected: Value '[]' at 'names' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
    expect(
      errorOf(() => checkLength('Value', 'secret', 10, 20, { sensitive: true }))
        .message,
    ).toBe(
      "1 validation error detected: Value at 'value' failed to satisfy constraint: Member must have length greater than or equal to 10",
    );
  });

  it('refuse members of the wrong type as a SerializationException', () => {
    expect(errorOf(() => requiredString({ Name: 1 }, 'Name')).type).toBe(
      'SerializationException',
    );
    expect(
      errorOf(() => optionalBoolean({ Overwrite: 'yes' }, 'Overwrite')).type,
    ).toBe('SerializationException');
    expect(
      errorOf(() => optionalInteger({ MaxResults: 1.5 }, 'MaxResults', 1, 50))
        .type,
    ).toBe('SerializationException');
    expect(
      errorOf(() => requiredStringList({ Names: [1] }, 'Names', 1, 10)).type,
    ).toBe('SerializationException');
  });
});

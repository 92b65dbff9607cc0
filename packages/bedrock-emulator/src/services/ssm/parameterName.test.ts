import { AwsError } from '../../core/AwsError';
import {
  checkNewParameterName,
  parameterArn,
  parseParameterReference,
} from './parameterName';

function typeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return (error as AwsError).type;
  }
  return undefined;
}

describe('checkNewParameterName', () => {
  it.each(['name', 'My_Param.v1-2', '/a', '/app/db/host', 'myaws', '/x/aws'])(
    'accepts %p',
    name => {
      expect(() => checkNewParameterName(name)).not.toThrow();
    },
  );

  it.each([
    ['', 'ValidationException'],
    ['x'.repeat(2049), 'ValidationException'],
    ['has space', 'ValidationException'],
    ['/app/db#1', 'ValidationException'],
    ['app/db', 'ValidationException'],
    ['/app//db', 'ValidationException'],
    ['/app/', 'ValidationException'],
    ['aws-thing', 'ValidationException'],
    ['AWS', 'ValidationException'],
    ['/ssm/x', 'ValidationException'],
    ['/Ssmx', 'ValidationException'],
  ])('refuses %p with %s', (name, type) => {
    expect(typeOf(() => checkNewParameterName(name))).toBe(type);
  });

  it('allows 15 levels and refuses 16', () => {
    const levels = (n: number) =>
      `/${Array.from({ length: n }, () => 'l').join('/')}`;
    expect(typeOf(() => checkNewParameterName(levels(15)))).toBeUndefined();
    expect(typeOf(() => checkNewParameterName(levels(16)))).toBe(
      'HierarchyLevelLimitExceededException',
    );
  });

  it("words the length violation as AWS's validation does", () => {
    expect(() => checkNewParameterName('')).toThrow(
      "1 validation error detected: Value '' at 'name' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
  });
});

describe('parseParameterReference', () => {
  it('splits a version or label selector off the name', () => {
    expect(parseParameterReference('/a/b')).toEqual({ name: '/a/b' });
    expect(parseParameterReference('/a/b:3')).toEqual({
      name: '/a/b',
      selector: '3',
    });
    expect(parseParameterReference('name:prod')).toEqual({
      name: 'name',
      selector: 'prod',
    });
  });

  it.each([
    '/a/b:',
    '/a/b:1:2',
    'arn:aws:ssm:us-east-1:123456789012:parameter/a',
  ])('refuses %p', reference => {
    expect(typeOf(() => parseParameterReference(reference))).toBe(
      'ValidationException',
    );
  });
});

describe('parameterArn', () => {
  it('drops the leading slash of a hierarchy and uses the Region partition', () => {
    expect(parameterArn('eu-west-1', '123456789012', '/a/b')).toBe(
      'arn:aws:ssm:eu-west-1:123456789012:parameter/a/b',
    );
    expect(parameterArn('us-east-1', '123456789012', 'flat')).toBe(
      'arn:aws:ssm:us-east-1:123456789012:parameter/flat',
    );
    expect(parameterArn('cn-north-1', '123456789012', 'x')).toMatch(
      /^arn:aws-cn:/,
    );
    expect(parameterArn('us-gov-west-1', '123456789012', 'x')).toMatch(
      /^arn:aws-us-gov:/,
    );
  });
});

import { bucketNameProblem } from './bucketName';

describe('bucketNameProblem', () => {
  it.each(['abc', 'my-bucket', 'my.bucket.2026', 'a'.repeat(63), '0-models'])(
    'accepts %p',
    name => {
      expect(bucketNameProblem(name)).toBeUndefined();
    },
  );

  it.each([
    ['ab', /between 3 and 63/],
    ['a'.repeat(64), /between 3 and 63/],
    ['My-Bucket', /lowercase/],
    ['my_bucket', /lowercase/],
    ['-bucket', /begin and end/],
    ['bucket.', /begin and end/],
    ['my..bucket', /adjacent periods/],
    ['192.168.1.10', /IP address/],
    ['xn--bucket', /reserved prefix xn--/],
    ['sthree-bucket', /reserved prefix/],
    ['amzn-s3-demo-bucket', /reserved prefix/],
    ['bucket-s3alias', /reserved suffix/],
    ['bucket--ol-s3', /reserved suffix/],
    ['bucket.mrap', /reserved suffix/],
    ['bucket--x-s3', /reserved suffix/],
    ['bucket--table-s3', /reserved suffix/],
  ])('refuses %p', (name, problem) => {
    expect(bucketNameProblem(name)).toMatch(problem);
  });
});

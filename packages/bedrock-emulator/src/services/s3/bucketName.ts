const RESERVED_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'];
const RESERVED_SUFFIXES = [
  '-s3alias',
  '--ol-s3',
  '.mrap',
  '--x-s3',
  '--table-s3',
];

/**
 * Why a name is not a valid general purpose bucket name, or undefined when it is valid
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html).
 */
export function bucketNameProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > 63) {
    return 'must be between 3 and 63 characters long';
  }
  if (!/^[a-z0-9.-]+$/.test(name)) {
    return 'may contain only lowercase letters, numbers, dots and hyphens';
  }
  if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name)) {
    return 'must begin and end with a letter or number';
  }
  if (name.includes('..')) {
    return 'must not contain two adjacent periods';
  }
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) {
    return 'must not be formatted as an IP address';
  }
  const prefix = RESERVED_PREFIXES.find(p => name.startsWith(p));
  if (prefix) {
    return `must not start with the reserved prefix ${prefix}`;
  }
  const suffix = RESERVED_SUFFIXES.find(s => name.endsWith(s));
  if (suffix) {
    return `must not end with the reserved suffix ${suffix}`;
  }
  return undefined;
}

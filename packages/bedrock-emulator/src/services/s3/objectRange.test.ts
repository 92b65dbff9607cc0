import { parseByteRange, UnsatisfiableRangeError } from './objectRange';

describe('parseByteRange', () => {
  it.each([
    ['bytes=0-4', { start: 0, end: 4 }],
    ['bytes=5-', { start: 5, end: 9 }],
    ['bytes=-3', { start: 7, end: 9 }],
    ['bytes=-30', { start: 0, end: 9 }],
    ['bytes=8-100', { start: 8, end: 9 }],
  ])('reads %p of a 10-byte object', (header, range) => {
    expect(parseByteRange(header, 10)).toEqual(range);
  });

  it.each([
    undefined,
    '',
    'items=0-1',
    'bytes=0-1,3-4',
    'bytes=5-2',
    'bytes=-',
  ])('serves the whole object for %p', header => {
    expect(parseByteRange(header, 10)).toBeUndefined();
  });

  it.each([
    ['bytes=10-', 10],
    ['bytes=-0', 10],
    ['bytes=0-', 0],
  ])('refuses %p of a %i-byte object', (header, size) => {
    expect(() => parseByteRange(header, size)).toThrow(UnsatisfiableRangeError);
  });
});

import { formatShare } from './formatShare';

describe('formatShare', () => {
  it.each([
    [0.7712, '77%'],
    [0.051, '5.1%'],
    [0.05, '5%'],
    [0.0004, 'less than 0.1%'],
    [0, '0%'],
    [1, '100%'],
  ])('%s is %s', (share, text) => {
    expect(formatShare(share)).toBe(text);
  });
});

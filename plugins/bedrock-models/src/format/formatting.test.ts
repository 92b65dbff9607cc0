import { entityRefKind, entityRefName } from './formatEntityRef';
import { formatAge, formatDateTime } from './formatDateTime';
import { formatMoney, formatUnitPrice } from './formatMoney';

describe('formatDateTime', () => {
  it('shows minutes in UTC, and a dash when there is no time', () => {
    expect(formatDateTime('2026-11-20T14:03:59.000Z')).toBe(
      '2026-11-20 14:03 UTC',
    );
    expect(formatDateTime(undefined)).toBe('—');
    expect(formatDateTime('not a time')).toBe('not a time');
  });
});

describe('formatAge', () => {
  const now = new Date('2026-11-20T12:00:00Z');
  it.each([
    ['2026-11-20T12:00:00Z', 'just now'],
    ['2026-11-20T11:15:00Z', '45 min ago'],
    ['2026-11-19T12:00:00Z', '24 h ago'],
    ['2026-11-10T12:00:00Z', '10 days ago'],
  ])('%s is %s', (iso, text) => {
    expect(formatAge(iso, now)).toBe(text);
  });
});

describe('formatMoney', () => {
  it('formats currency with cents, and a dash when unknown', () => {
    expect(formatMoney(1234.5)).toBe('$1,234.50');
    expect(formatMoney(3, 'EUR')).toBe('€3.00');
    expect(formatMoney(undefined)).toBe('—');
  });

  it('keeps four decimals of a unit price', () => {
    expect(formatUnitPrice(0.0785)).toBe('$0.0785');
    expect(formatUnitPrice(21.5)).toBe('$21.50');
  });
});

describe('entity refs in tight cells', () => {
  it('shows the name and kind of a ref', () => {
    expect(entityRefName('group:default/support-ml')).toBe('support-ml');
    expect(entityRefName('user:ana')).toBe('ana');
    expect(entityRefName('bedrock-models-portal')).toBe(
      'bedrock-models-portal',
    );
    expect(entityRefName(undefined)).toBe('—');
    expect(entityRefKind('group:default/support-ml')).toBe('group');
    expect(entityRefKind('plain')).toBeUndefined();
  });
});

/** An amount as currency (`$1,234.56`); a dash when it is unknown. */
export function formatMoney(
  amount: number | undefined,
  currency: string = 'USD',
): string {
  if (amount === undefined || !Number.isFinite(amount)) return '—';
  return new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency,
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }).format(amount);
}

/** A unit price (per CMU minute, per hour) with up to four decimals, so small rates are not rounded away. */
export function formatUnitPrice(
  amount: number,
  currency: string = 'USD',
): string {
  return new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency,
    minimumFractionDigits: 2,
    maximumFractionDigits: 4,
  }).format(amount);
}

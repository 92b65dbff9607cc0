/** A share of a whole (0-1) as a percentage people read: `77%`, `0.4%`, `less than 0.1%`. */
export function formatShare(share: number): string {
  if (!Number.isFinite(share) || share <= 0) return '0%';
  const percent = share * 100;
  if (percent < 0.1) return 'less than 0.1%';
  if (percent < 10) return `${Number(percent.toFixed(1))}%`;
  return `${Math.round(percent)}%`;
}

/**
 * The money axis of a chart whose largest value is `max`: zero and evenly spaced round amounts (1, 2, 2.5
 * or 5 times a power of ten) up to the first at or above `max`, about four steps.
 */
export function chartTicks(max: number, steps = 4): number[] {
  if (!(max > 0) || !Number.isFinite(max)) return [0];
  const rough = max / steps;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step =
    [1, 2, 2.5, 5, 10].map(f => f * power).find(s => s >= rough) ?? 10 * power;
  const ticks: number[] = [];
  for (let i = 0; i * step < max + step / 1e9; i++) {
    ticks.push(Number((i * step).toPrecision(12)));
  }
  const last = ticks[ticks.length - 1];
  if (last < max) ticks.push(Number((last + step).toPrecision(12)));
  return ticks;
}

import { useId, useState } from 'react';
import { Box, Flex, Text } from '@backstage/ui';
import { formatMoney } from '../../format/formatMoney';
import type { CostSeries } from './dailyCostByVersion';
import { chartTicks } from './chartTicks';

// Okabe-Ito: told apart by people with the common colour-vision deficiencies.
const PALETTE = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#CC79A7',
  '#56B4E9',
  '#D55E00',
  '#F0E442',
  '#000000',
];

const HEIGHT = 160;
const BAR_WIDTH = 14;
const BAR_GAP = 2;
/** About how many dates the x axis names (the first, the last, and evenly between). */
const X_LABELS = 6;

/** Keeps the first and last dates inside the chart; the others sit centred under their bar. */
function labelShift(i: number, count: number): string {
  if (i === 0) return 'none';
  return i === count - 1 ? 'translateX(-100%)' : 'translateX(-50%)';
}

/** One day's figures, as the tooltip and the screen-reader line say them. */
function dayText(
  day: string,
  series: CostSeries[],
  i: number,
  currency: string,
): { total: string; lines: string[] } {
  const total = series.reduce((sum, s) => sum + s.values[i], 0);
  return {
    total: `${day}: ${formatMoney(total, currency)}`,
    lines: series
      .filter(s => s.values[i] > 0)
      .map(s => `${s.label}: ${formatMoney(s.values[i], currency)}`),
  };
}

/**
 * Daily cost stacked by version, as SVG bars with a money axis and dates under them. Hovering a day, or
 * moving to it with the arrow keys once the chart has focus, shows its total and each version's part.
 */
export const CostChart = (props: {
  days: string[];
  series: CostSeries[];
  maxDayTotal: number;
  currency: string;
}) => {
  const { days, series, maxDayTotal, currency } = props;
  const [active, setActive] = useState<number>();
  const keysId = useId();
  const ticks = chartTicks(maxDayTotal);
  const top = ticks[ticks.length - 1] || 1;
  const width = days.length * (BAR_WIDTH + BAR_GAP);
  const scale = HEIGHT / top;
  const step = Math.max(1, Math.ceil(days.length / X_LABELS));
  const labelled = days
    .map((day, i) => ({ day, i }))
    .filter(({ i }) => i % step === 0 || i === days.length - 1)
    // The last date and one right before it would overlap.
    .filter(
      ({ i }, k, all) =>
        i === days.length - 1 ||
        k === all.length - 1 ||
        days.length - 1 - i >= step / 2,
    );
  const shown =
    active === undefined
      ? undefined
      : dayText(days[active], series, active, currency);

  return (
    <Flex direction="column" gap="2">
      <div
        style={{
          display: 'grid',
          gridTemplateColumns: 'auto 1fr',
          columnGap: 'var(--bui-space-2, 8px)',
        }}
      >
        <div
          aria-hidden
          style={{ position: 'relative', height: HEIGHT, minWidth: 56 }}
        >
          {ticks.map(tick => (
            <span
              key={tick}
              style={{
                position: 'absolute',
                right: 0,
                top: HEIGHT - tick * scale,
                transform: 'translateY(-50%)',
                fontSize: 'var(--bui-font-size-1, 11px)',
                color: 'var(--bui-fg-secondary, #666)',
                whiteSpace: 'nowrap',
              }}
            >
              {formatMoney(tick, currency)}
            </span>
          ))}
        </div>
        <div style={{ position: 'relative' }}>
          <svg
            role="img"
            tabIndex={0}
            aria-label={`Daily cost by version over ${
              days.length
            } days, highest day ${formatMoney(maxDayTotal, currency)}`}
            aria-describedby={keysId}
            viewBox={`0 0 ${Math.max(width, 1)} ${HEIGHT}`}
            preserveAspectRatio="none"
            style={{ width: '100%', height: HEIGHT, display: 'block' }}
            onMouseLeave={() => setActive(undefined)}
            onBlur={() => setActive(undefined)}
            onKeyDown={e => {
              if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
                e.preventDefault();
                const from =
                  active ?? (e.key === 'ArrowRight' ? -1 : days.length);
                const next = from + (e.key === 'ArrowRight' ? 1 : -1);
                setActive(Math.min(days.length - 1, Math.max(0, next)));
              } else if (e.key === 'Escape') {
                setActive(undefined);
              }
            }}
          >
            {ticks.map(tick => (
              <line
                key={tick}
                x1={0}
                x2={Math.max(width, 1)}
                y1={HEIGHT - tick * scale}
                y2={HEIGHT - tick * scale}
                stroke="var(--bui-border-1, #e0e0e0)"
                strokeWidth={1}
                vectorEffect="non-scaling-stroke"
              />
            ))}
            {days.map((day, i) => {
              let y = HEIGHT;
              const text = dayText(day, series, i, currency);
              return (
                <g
                  key={day}
                  onMouseEnter={() => setActive(i)}
                  opacity={active === undefined || active === i ? 1 : 0.55}
                >
                  <title>{[text.total, ...text.lines].join('\n')}</title>
                  {/* The whole column answers the pointer, not only the bar's height. */}
                  <rect
                    x={i * (BAR_WIDTH + BAR_GAP)}
                    y={0}
                    width={BAR_WIDTH + BAR_GAP}
                    height={HEIGHT}
                    fill="transparent"
                  />
                  {series.map((s, j) => {
                    const h = s.values[i] * scale;
                    y -= h;
                    return (
                      <rect
                        key={s.label}
                        x={i * (BAR_WIDTH + BAR_GAP)}
                        y={y}
                        width={BAR_WIDTH}
                        height={h}
                        fill={PALETTE[j % PALETTE.length]}
                      />
                    );
                  })}
                </g>
              );
            })}
          </svg>
          {shown && active !== undefined && (
            <Box
              role="status"
              p="2"
              style={{
                position: 'absolute',
                top: 0,
                // Beside the day, on the side with room.
                ...(active < days.length / 2
                  ? { left: `${((active + 1) / days.length) * 100}%` }
                  : {
                      right: `${((days.length - active) / days.length) * 100}%`,
                    }),
                background: 'var(--bui-bg-neutral-1, #fff)',
                border: '1px solid var(--bui-border-2, #ccc)',
                borderRadius: 'var(--bui-radius-2, 4px)',
                boxShadow: '0 2px 6px rgba(0,0,0,0.15)',
                pointerEvents: 'none',
                whiteSpace: 'nowrap',
                zIndex: 1,
              }}
            >
              <Text as="p" variant="body-small" weight="bold">
                {shown.total}
              </Text>
              {shown.lines.map(line => (
                <Text as="p" key={line} variant="body-x-small">
                  {line}
                </Text>
              ))}
            </Box>
          )}
        </div>
        <div />
        <div
          aria-hidden
          style={{ position: 'relative', height: '1.2em', marginTop: 4 }}
        >
          {labelled.map(({ day, i }) => (
            <span
              key={day}
              style={{
                position: 'absolute',
                left: `${((i + 0.5) / days.length) * 100}%`,
                transform: labelShift(i, days.length),
                fontSize: 'var(--bui-font-size-1, 11px)',
                color: 'var(--bui-fg-secondary, #666)',
                whiteSpace: 'nowrap',
              }}
            >
              {day.slice(5)}
            </span>
          ))}
        </div>
      </div>
      <Text id={keysId} variant="body-x-small" color="secondary">
        Point at a day, or focus the chart and use the arrow keys, for its
        figures.
      </Text>
      <Flex gap="3" style={{ flexWrap: 'wrap' }} aria-label="Legend">
        {series.map((s, j) => (
          <Flex key={s.label} gap="1" align="center">
            <span
              aria-hidden
              style={{
                width: 10,
                height: 10,
                display: 'inline-block',
                background: PALETTE[j % PALETTE.length],
              }}
            />
            <Text variant="body-x-small">{s.label}</Text>
          </Flex>
        ))}
      </Flex>
    </Flex>
  );
};

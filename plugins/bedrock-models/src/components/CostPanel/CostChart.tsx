import { Flex, Text } from '@backstage/ui';
import { formatMoney } from '../../format/formatMoney';
import type { CostSeries } from './dailyCostByVersion';

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
const BAR_GAP = 2;

/** Daily cost stacked by version, as SVG bars; each bar's title gives the day's figures. */
export const CostChart = (props: {
  days: string[];
  series: CostSeries[];
  maxDayTotal: number;
  currency: string;
}) => {
  const { days, series, maxDayTotal, currency } = props;
  const barWidth = 14;
  const width = days.length * (barWidth + BAR_GAP);
  const scale = maxDayTotal > 0 ? HEIGHT / maxDayTotal : 0;
  return (
    <Flex direction="column" gap="2">
      <svg
        role="img"
        aria-label={`Daily cost by version over ${
          days.length
        } days, highest day ${formatMoney(maxDayTotal, currency)}`}
        viewBox={`0 0 ${Math.max(width, 1)} ${HEIGHT}`}
        preserveAspectRatio="none"
        style={{ width: '100%', height: HEIGHT }}
      >
        {days.map((day, i) => {
          let y = HEIGHT;
          const total = series.reduce((sum, s) => sum + s.values[i], 0);
          return (
            <g key={day}>
              <title>
                {`${day}: ${formatMoney(total, currency)}${series
                  .filter(s => s.values[i] > 0)
                  .map(
                    s => `\n${s.label}: ${formatMoney(s.values[i], currency)}`,
                  )
                  .join('')}`}
              </title>
              {series.map((s, j) => {
                const h = s.values[i] * scale;
                y -= h;
                return (
                  <rect
                    key={s.label}
                    x={i * (barWidth + BAR_GAP)}
                    y={y}
                    width={barWidth}
                    height={h}
                    fill={PALETTE[j % PALETTE.length]}
                  />
                );
              })}
            </g>
          );
        })}
      </svg>
      <Flex justify="between">
        <Text variant="body-x-small" color="secondary">
          {days[0]}
        </Text>
        <Text variant="body-x-small" color="secondary">
          {days[days.length - 1]}
        </Text>
      </Flex>
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

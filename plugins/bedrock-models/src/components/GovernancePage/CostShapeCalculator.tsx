import { useState } from 'react';
import { Alert, Flex, Grid, NumberField, Select, Text } from '@backstage/ui';
import {
  compareCostShapes,
  PortalSettings,
  ReportTotals,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { formatMoney, formatUnitPrice } from '../../format/formatMoney';

/** Keep one copy warm with heartbeats: not at all, through the active hours, or around the clock. */
type KeepWarmChoice = 'off' | 'active-hours' | 'always';

const KEEP_WARM_CHOICES: Array<{ id: KeepWarmChoice; label: string }> = [
  { id: 'off', label: 'Off' },
  { id: 'active-hours', label: 'Through the active hours' },
  { id: 'always', label: 'Around the clock' },
];

const Result = (props: { label: string; value: string }) => (
  <Flex direction="column" gap="0.5">
    <Text variant="body-x-small" color="secondary">
      {props.label}
    </Text>
    <Text variant="title-x-small" aria-label={props.label}>
      {props.value}
    </Text>
  </Flex>
);

/**
 * The Regions to compare in, for the versions the filters let through: the filtered Region, else the
 * Regions those versions run in, costliest first (all priced Regions when they run in none with a price).
 */
export function costShapeRegions(
  prices: PortalSettings['prices'],
  totals: Pick<ReportTotals, 'byRegion'> | undefined,
  regionFilter: string | undefined,
): string[] {
  const priced = Object.keys(prices.cmuMinute).sort();
  if (regionFilter) return priced.filter(r => r === regionFilter);
  const byRegion = totals?.byRegion ?? {};
  const used = priced
    .filter(r => r in byRegion)
    .sort((a, b) => byRegion[b] - byRegion[a] || a.localeCompare(b));
  return used.length > 0 ? used : priced;
}

/**
 * For a traffic pattern, what on-demand CMUs cost a month against an always-on alternative, and where
 * they break even, in the Regions of the versions the filters let through, beside what those cost now.
 */
export const CostShapeCalculator = (props: {
  prices: PortalSettings['prices'];
  /** How keep-warm heartbeats are timed; without it the keep-warm choice is not offered. */
  keepWarm?: PortalSettings['keepWarm'];
  /** The backend's totals of the versions the filters let through (while being read, none). */
  totals?: ReportTotals;
  /** The Region the filters name, if any. */
  regionFilter?: string;
}) => {
  const { prices, totals } = props;
  const regions = costShapeRegions(prices, totals, props.regionFilter);
  const [chosen, setRegion] = useState<string>();
  const region = chosen && regions.includes(chosen) ? chosen : regions[0];
  const [activeHoursPerDay, setHours] = useState(10);
  const [activeDaysPerMonth, setDays] = useState(22);
  const [copiesWhenActive, setCopies] = useState(1);
  const [cmusPerCopy, setCmus] = useState(2);
  const [keepWarmMode, setKeepWarm] = useState<KeepWarmChoice>('off');
  const keepWarm = props.keepWarm;

  if (!region) {
    return (
      <Alert
        status="info"
        title={
          props.regionFilter
            ? `No CMU price is configured for ${props.regionFilter}.`
            : 'No CMU prices are configured.'
        }
      />
    );
  }
  const alwaysOnHourly = prices.alwaysOnHourly[region];
  const comparison =
    alwaysOnHourly === undefined
      ? undefined
      : compareCostShapes({
          activeHoursPerDay,
          activeDaysPerMonth,
          copiesWhenActive,
          cmusPerCopy,
          pricePerCmuMinute: prices.cmuMinute[region],
          pricePerCmuMonthStorage: prices.storageCmuMonth,
          alwaysOnHourly,
          keepWarm: keepWarm && {
            mode: keepWarmMode,
            evictionMinutes: keepWarm.evictionMinutes,
            leadMinutes: keepWarm.leadMinutes,
          },
        });
  // NumberField reports NaN while the field is empty; keep the last number.
  const numberSetter = (set: (n: number) => void) => (n: number) => {
    if (Number.isFinite(n)) set(n);
  };
  const money = (n: number) => formatMoney(n, prices.currency);
  const unit = (n: number) => formatUnitPrice(n, prices.currency);

  return (
    <Flex direction="column" gap="3">
      {totals && (
        <Text
          as="p"
          variant="body-medium"
          aria-label="What the filtered versions cost now"
        >
          The {totals.versions} {totals.versions === 1 ? 'version' : 'versions'}{' '}
          the filters let through cost about{' '}
          {money(totals.estimatedMonthlyCost)} a month now (the portal's
          estimate)
          {totals.byRegion[region] !== undefined
            ? `, ${money(totals.byRegion[region])} of it in ${region}`
            : ''}
          . Compare what a traffic pattern would cost there:
        </Text>
      )}
      <Grid.Root columns={{ initial: '1', sm: '2', md: '6' }} gap="3">
        <Select
          label="Region"
          options={regions.map(r => ({ id: r, label: r }))}
          value={region}
          onChange={key => setRegion(String(key))}
        />
        <NumberField
          label="Active hours per day"
          minValue={0}
          maxValue={24}
          step={0.5}
          value={activeHoursPerDay}
          onChange={numberSetter(setHours)}
        />
        <NumberField
          label="Active days per month"
          minValue={0}
          maxValue={30}
          value={activeDaysPerMonth}
          onChange={numberSetter(setDays)}
        />
        <NumberField
          label="Copies while active"
          minValue={0}
          value={copiesWhenActive}
          onChange={numberSetter(setCopies)}
        />
        <NumberField
          label="CMUs per copy"
          minValue={1}
          value={cmusPerCopy}
          onChange={numberSetter(setCmus)}
        />
        {keepWarm && (
          <Select
            label="Keep warm"
            options={KEEP_WARM_CHOICES}
            value={keepWarmMode}
            onChange={key => setKeepWarm(key as KeepWarmChoice)}
          />
        )}
      </Grid.Root>
      {comparison ? (
        <>
          <Grid.Root columns={{ initial: '1', sm: '3' }} gap="3">
            <Result
              label="On-demand per month"
              value={money(comparison.onDemandMonthly)}
            />
            <Result
              label="Always-on per month"
              value={money(comparison.alwaysOnMonthly)}
            />
            <Result
              label="Break-even"
              value={
                comparison.breakEvenHoursPerDay === undefined
                  ? 'none: on-demand is always cheaper'
                  : `${comparison.breakEvenHoursPerDay.toFixed(
                      1,
                    )} active hours a day`
              }
            />
            {comparison.keepWarmMonthly > 0 && (
              <Result
                label="Keep-warm adds"
                value={money(comparison.keepWarmMonthly)}
              />
            )}
          </Grid.Root>
          <Alert
            status={comparison.cheaper === 'always-on' ? 'warning' : 'success'}
            title={
              comparison.cheaper === 'equal'
                ? 'Both cost the same for this pattern.'
                : `${
                    comparison.cheaper === 'on-demand'
                      ? 'On-demand'
                      : 'Always-on'
                  } is cheaper for this pattern, by ${money(
                    Math.abs(
                      comparison.onDemandMonthly - comparison.alwaysOnMonthly,
                    ),
                  )} a month.`
            }
          />
        </>
      ) : (
        <Alert
          status="info"
          title={`No always-on rate is configured for ${region}.`}
        />
      )}
      <Text as="p" variant="body-x-small" color="secondary">
        On-demand: copies × CMUs × {unit(prices.cmuMinute[region])} per CMU
        minute while active (idle copies scale to zero), plus storage at{' '}
        {unit(prices.storageCmuMonth)} per CMU a month. Always-on:{' '}
        {alwaysOnHourly === undefined ? '—' : unit(alwaysOnHourly)} an hour,
        around the clock. Prices: {prices.source}.
        {keepWarm &&
          ` Keep-warm: one copy kept loaded by heartbeats, through the active hours (from ${keepWarm.leadMinutes} minutes before them until ${keepWarm.evictionMinutes} minutes after, the eviction time) or around the clock; traffic alone leaves that tail too, so this is at most what it adds.`}
      </Text>
    </Flex>
  );
};

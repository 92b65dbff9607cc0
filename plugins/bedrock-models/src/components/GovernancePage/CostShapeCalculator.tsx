import { useState } from 'react';
import { Alert, Flex, Grid, NumberField, Select, Text } from '@backstage/ui';
import {
  compareCostShapes,
  PortalSettings,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { formatMoney, formatUnitPrice } from '../../format/formatMoney';

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

/** For a traffic pattern, what on-demand CMUs cost a month against an always-on alternative, and where they break even. */
export const CostShapeCalculator = (props: {
  prices: PortalSettings['prices'];
}) => {
  const { prices } = props;
  const regions = Object.keys(prices.cmuMinute).sort();
  const [region, setRegion] = useState(regions[0]);
  const [activeHoursPerDay, setHours] = useState(10);
  const [activeDaysPerMonth, setDays] = useState(22);
  const [copiesWhenActive, setCopies] = useState(1);
  const [cmusPerCopy, setCmus] = useState(2);

  if (!region) {
    return <Alert status="info" title="No CMU prices are configured." />;
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
        });
  // NumberField reports NaN while the field is empty; keep the last number.
  const numberSetter = (set: (n: number) => void) => (n: number) => {
    if (Number.isFinite(n)) set(n);
  };
  const money = (n: number) => formatMoney(n, prices.currency);
  const unit = (n: number) => formatUnitPrice(n, prices.currency);

  return (
    <Flex direction="column" gap="3">
      <Grid.Root columns={{ initial: '1', sm: '2', md: '5' }} gap="3">
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
      </Text>
    </Flex>
  );
};

import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { compareCostShapes } from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { portalSettings } from '../../__testUtils__/modelFixtures';
import { CostShapeCalculator } from './CostShapeCalculator';

const KEEP_WARM = {
  evictionMinutes: 60,
  leadMinutes: 10,
  defaultIntervalMinutes: 14,
};

const money = (n: number) =>
  `$${n.toLocaleString('en-US', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  })}`;

describe('CostShapeCalculator with keep-warm', () => {
  const prices = portalSettings().prices;
  const pattern = {
    activeHoursPerDay: 10,
    activeDaysPerMonth: 22,
    copiesWhenActive: 1,
    cmusPerCopy: 2,
    pricePerCmuMinute: prices.cmuMinute['eu-central-1'],
    pricePerCmuMonthStorage: prices.storageCmuMonth,
    alwaysOnHourly: prices.alwaysOnHourly['eu-central-1'],
  };

  it('adds what keeping a copy warm costs, through the active hours or around the clock', async () => {
    renderInTestApp(
      <CostShapeCalculator prices={prices} keepWarm={KEEP_WARM} />,
    );
    expect(
      await screen.findByLabelText('On-demand per month'),
    ).toHaveTextContent(money(compareCostShapes(pattern).onDemandMonthly));
    expect(screen.queryByLabelText('Keep-warm adds')).not.toBeInTheDocument();

    for (const [label, mode] of [
      ['Through the active hours', 'active-hours'],
      ['Around the clock', 'always'],
    ] as const) {
      await userEvent.click(
        screen.getByRole('button', { name: / Keep warm$/ }),
      );
      await userEvent.click(await screen.findByRole('option', { name: label }));
      const expected = compareCostShapes({
        ...pattern,
        keepWarm: { mode, evictionMinutes: 60, leadMinutes: 10 },
      });
      expect(screen.getByLabelText('Keep-warm adds')).toHaveTextContent(
        money(expected.keepWarmMonthly),
      );
      expect(screen.getByLabelText('On-demand per month')).toHaveTextContent(
        money(expected.onDemandMonthly),
      );
    }
    expect(
      screen.getByText(/Keep-warm: one copy kept loaded by heartbeats/),
    ).toBeInTheDocument();
  });

  it('offers no keep-warm choice when the backend does not say how heartbeats are timed', async () => {
    renderInTestApp(<CostShapeCalculator prices={prices} />);
    await screen.findByLabelText('On-demand per month');
    expect(
      screen.queryByRole('button', { name: / Keep warm$/ }),
    ).not.toBeInTheDocument();
  });
});

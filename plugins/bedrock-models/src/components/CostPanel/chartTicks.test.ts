import { chartTicks } from './chartTicks';

describe('chartTicks', () => {
  it('steps in round amounts from zero to the first at or above the largest value', () => {
    expect(chartTicks(60.13)).toEqual([0, 20, 40, 60, 80]);
    expect(chartTicks(40)).toEqual([0, 10, 20, 30, 40]);
    expect(chartTicks(1155)).toEqual([0, 500, 1000, 1500]);
    expect(chartTicks(0.37)).toEqual([0, 0.1, 0.2, 0.3, 0.4]);
    expect(chartTicks(1)).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });

  it('is only zero when there is nothing to show', () => {
    expect(chartTicks(0)).toEqual([0]);
    expect(chartTicks(Number.NaN)).toEqual([0]);
  });
});

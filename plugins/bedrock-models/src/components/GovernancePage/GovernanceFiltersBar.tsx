import { useCallback, useMemo, useRef } from 'react';
import { Button, Flex, SearchField, Text } from '@backstage/ui';
import type {
  GovernanceReportFilters,
  ReportFacets,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { VALUE_FILTERS } from '../../governance/reportFilterChoices';
import {
  IDLE_DAY_CHOICES,
  REPORT_FILTER_KEYS,
} from '../../governance/governanceUrlState';
import { AccountNameOf } from '../../names/useAccountNames';
import { DisplayNameOf } from '../../names/useEntityDisplayNames';
import { FilterSelect } from '../shared/FilterSelect';

/** The filters with a select of their own: all but the search. */
type FilterKey = Exclude<(typeof REPORT_FILTER_KEYS)[number], 'q'>;
const FILTER_KEYS = REPORT_FILTER_KEYS.filter(
  (key): key is FilterKey => key !== 'q',
);

const MANAGED_OPTIONS = [
  { id: 'managed', label: 'Managed by the portal' },
  { id: 'unmanaged', label: 'Imported outside it' },
];
const NAMED_OPTIONS = [
  { id: 'named', label: 'Named by a pointer' },
  { id: 'unnamed', label: 'Named by no pointer' },
];
const RESIDENCY_OPTIONS = [{ id: 'violates', label: 'Region not allowed' }];
const PUBLISHING_OPTIONS = [{ id: 'failing', label: 'Failing or drifted' }];

/** How each value filter's values read: owners by display name, accounts by alias. */
function labelOf(
  key: (typeof VALUE_FILTERS)[number]['key'],
  value: string,
  names: { displayName: DisplayNameOf; accountName: AccountNameOf },
): string {
  if (key === 'owner') return names.displayName(value);
  if (key === 'account') {
    const alias = names.accountName(value);
    return alias === value ? value : `${alias} (${value})`;
  }
  return value;
}

/**
 * Search and one filter per column (their values from the report's facets) for the views over the report
 * (versions, where they run, totals, cost shape), how many versions they let through, and, at the end of
 * the line, what the current view offers (the versions table's columns and CSV export).
 */
export const GovernanceFiltersBar = (props: {
  filters: GovernanceReportFilters;
  /** The search as typed; it reaches the filters a moment later. */
  search: string;
  onSearchChange: (search: string) => void;
  /** The values each filter can take; none while they are being read. */
  facets?: ReportFacets;
  onChange: (filters: GovernanceReportFilters) => void;
  onClear: () => void;
  /** Versions the filters let through, of all versions; undefined while being counted. */
  shown?: number;
  total: number;
  /** The configured alias governance calls production (the first one). */
  productionAlias: string;
  displayName: DisplayNameOf;
  accountName: AccountNameOf;
  /** The current view's own actions (columns, export), at the end of the count's line. */
  actions?: React.ReactNode;
}) => {
  const { filters, productionAlias, facets, displayName, accountName } = props;
  // Each select's onChange reads the filters at the time of the change, so it can stay the same
  // function across renders and a select whose value did not change does not re-render.
  const latest = useRef(props);
  latest.current = props;
  const setFilter = useCallback(
    (key: keyof GovernanceReportFilters, value: string | undefined) =>
      latest.current.onChange({
        ...latest.current.filters,
        [key]: value,
      } as GovernanceReportFilters),
    [],
  );
  const onChangeOf = useMemo(
    () =>
      Object.fromEntries(
        FILTER_KEYS.map(key => [
          key,
          (value: string | undefined) => setFilter(key, value),
        ]),
      ) as Record<FilterKey, (value: string | undefined) => void>,
    [setFilter],
  );
  const valueOptions = useMemo(
    () =>
      Object.fromEntries(
        VALUE_FILTERS.map(({ key, facet }) => [
          key,
          (facets?.[facet] ?? []).map(v => ({
            id: v,
            label: labelOf(key, v, { displayName, accountName }),
          })),
        ]),
      ),
    [facets, displayName, accountName],
  );
  const productionOptions = useMemo(
    () => [
      { id: 'serving', label: `Serves ${productionAlias}` },
      { id: 'not-serving', label: `Does not serve ${productionAlias}` },
    ],
    [productionAlias],
  );
  const production = `${productionAlias
    .charAt(0)
    .toUpperCase()}${productionAlias.slice(1)}`;
  const idleDays = filters.idleDays;
  const idleOptions = useMemo(
    () =>
      [
        ...new Set([
          ...IDLE_DAY_CHOICES,
          ...(idleDays ? [Number(idleDays)] : []),
        ]),
      ]
        .sort((a, b) => a - b)
        .map(d => ({ id: String(d), label: `${d} days or more` })),
    [idleDays],
  );
  return (
    <Flex direction="column" gap="2">
      <Flex gap="2" align="end" style={{ flexWrap: 'wrap' }}>
        <SearchField
          label="Search"
          placeholder="Model, owner, ARN, person"
          value={props.search}
          onChange={props.onSearchChange}
          style={{ minWidth: 240 }}
        />
        {VALUE_FILTERS.map(({ key, label }) => (
          <FilterSelect
            key={key}
            label={label}
            // The values are the backend's own facets, so each is one the filter takes.
            options={valueOptions[key]}
            value={filters[key]}
            onChange={onChangeOf[key]}
          />
        ))}
        <FilterSelect
          label="Managed"
          options={MANAGED_OPTIONS}
          value={filters.managed}
          onChange={onChangeOf.managed}
        />
        <FilterSelect
          label={production}
          options={productionOptions}
          value={filters.production}
          onChange={onChangeOf.production}
        />
        <FilterSelect
          label="Pointers"
          options={NAMED_OPTIONS}
          value={filters.named}
          onChange={onChangeOf.named}
        />
        <FilterSelect
          label="Not invoked for"
          allLabel="Any"
          options={idleOptions}
          value={filters.idleDays}
          onChange={onChangeOf.idleDays}
        />
        <FilterSelect
          label="Residency"
          options={RESIDENCY_OPTIONS}
          value={filters.residency}
          onChange={onChangeOf.residency}
        />
        <FilterSelect
          label="SSM publishing"
          options={PUBLISHING_OPTIONS}
          value={filters.publishing}
          onChange={onChangeOf.publishing}
        />
      </Flex>
      <Flex justify="between" align="center" style={{ flexWrap: 'wrap' }}>
        <Text variant="body-small" color="secondary" aria-live="polite">
          {props.shown === undefined
            ? 'Counting versions…'
            : `${props.shown} of ${props.total} versions`}
        </Text>
        <Flex gap="2" align="center">
          <Button size="small" variant="tertiary" onPress={props.onClear}>
            Clear filters
          </Button>
          {props.actions}
        </Flex>
      </Flex>
    </Flex>
  );
};

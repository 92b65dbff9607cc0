import { Button, Flex, SearchField, Select, Text } from '@backstage/ui';
import type {
  GovernanceReportFilters,
  ReportFacets,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { VALUE_FILTERS } from '../../governance/reportFilterChoices';

// react-aria keys cannot be empty strings, so "no filter" has its own key.
const ALL = '__all';

const FilterSelect = (props: {
  label: string;
  options: Array<{ id: string; label: string }>;
  value: string | undefined;
  onChange: (value: string | undefined) => void;
}) => (
  <Select
    label={props.label}
    options={[{ id: ALL, label: 'All' }, ...props.options]}
    value={props.value ?? ALL}
    onChange={key => props.onChange(key === ALL ? undefined : String(key))}
    style={{ minWidth: 160 }}
  />
);

/**
 * Search, one filter per column (its values from the report's facets), how many versions they let
 * through, and the export of those versions as the backend's CSV.
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
  onExport: () => void;
  exporting: boolean;
}) => {
  const { filters, onChange, productionAlias } = props;
  const production = `${productionAlias
    .charAt(0)
    .toUpperCase()}${productionAlias.slice(1)}`;
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
        {VALUE_FILTERS.map(({ key, facet, label }) => (
          <FilterSelect
            key={key}
            label={label}
            options={(props.facets?.[facet] ?? []).map(v => ({
              id: v,
              label: v,
            }))}
            value={filters[key]}
            // The values are the backend's own facets, so each is one the filter takes.
            onChange={value =>
              onChange({ ...filters, [key]: value } as GovernanceReportFilters)
            }
          />
        ))}
        <FilterSelect
          label="Managed"
          options={[
            { id: 'managed', label: 'Managed by the portal' },
            { id: 'unmanaged', label: 'Imported outside it' },
          ]}
          value={filters.managed}
          onChange={value =>
            onChange({
              ...filters,
              managed: value as GovernanceReportFilters['managed'],
            })
          }
        />
        <FilterSelect
          label={production}
          options={[
            { id: 'serving', label: `Serves ${productionAlias}` },
            { id: 'not-serving', label: `Does not serve ${productionAlias}` },
          ]}
          value={filters.production}
          onChange={value =>
            onChange({
              ...filters,
              production: value as GovernanceReportFilters['production'],
            })
          }
        />
      </Flex>
      <Flex justify="between" align="center">
        <Text variant="body-small" color="secondary" aria-live="polite">
          {props.shown === undefined
            ? 'Counting versions…'
            : `${props.shown} of ${props.total} versions`}
        </Text>
        <Flex gap="2">
          <Button size="small" variant="tertiary" onPress={props.onClear}>
            Clear filters
          </Button>
          <Button
            size="small"
            variant="secondary"
            onPress={props.onExport}
            isPending={props.exporting}
            isDisabled={props.shown === 0}
          >
            Export CSV
          </Button>
        </Flex>
      </Flex>
    </Flex>
  );
};

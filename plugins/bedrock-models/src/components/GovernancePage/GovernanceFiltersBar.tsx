import { Button, Flex, SearchField, Select, Text } from '@backstage/ui';
import {
  GovernanceFilters,
  VALUE_FILTERS,
  ValueFilterKey,
} from '../../governance/filterGovernanceRows';

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

/** Search, one filter per column, how many rows they let through, and CSV export of those rows. */
export const GovernanceFiltersBar = (props: {
  filters: GovernanceFilters;
  options: Record<ValueFilterKey, string[]>;
  onChange: (filters: GovernanceFilters) => void;
  shown: number;
  total: number;
  onExport: () => void;
}) => {
  const { filters, onChange } = props;
  return (
    <Flex direction="column" gap="2">
      <Flex gap="2" align="end" style={{ flexWrap: 'wrap' }}>
        <SearchField
          label="Search"
          placeholder="Model, owner, ARN, person"
          value={filters.search}
          onChange={search => onChange({ ...filters, search })}
          style={{ minWidth: 240 }}
        />
        {VALUE_FILTERS.map(({ key, label }) => (
          <FilterSelect
            key={key}
            label={label}
            options={props.options[key].map(v => ({ id: v, label: v }))}
            value={filters[key]}
            onChange={value => onChange({ ...filters, [key]: value })}
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
              managed: value as GovernanceFilters['managed'],
            })
          }
        />
        <FilterSelect
          label="Production"
          options={[
            { id: 'serving', label: 'Serves production' },
            { id: 'not-serving', label: 'Does not serve production' },
          ]}
          value={filters.production}
          onChange={value =>
            onChange({
              ...filters,
              production: value as GovernanceFilters['production'],
            })
          }
        />
      </Flex>
      <Flex justify="between" align="center">
        <Text variant="body-small" color="secondary" aria-live="polite">
          {props.shown} of {props.total} versions
        </Text>
        <Flex gap="2">
          <Button
            size="small"
            variant="tertiary"
            onPress={() => onChange({ search: '' })}
          >
            Clear filters
          </Button>
          <Button
            size="small"
            variant="secondary"
            onPress={props.onExport}
            isDisabled={props.shown === 0}
          >
            Export CSV
          </Button>
        </Flex>
      </Flex>
    </Flex>
  );
};

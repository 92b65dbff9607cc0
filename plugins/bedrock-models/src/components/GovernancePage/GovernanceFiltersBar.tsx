import { Button, Flex, SearchField, Text } from '@backstage/ui';
import type {
  GovernanceReportFilters,
  ReportFacets,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { VALUE_FILTERS } from '../../governance/reportFilterChoices';
import { IDLE_DAY_CHOICES } from '../../governance/governanceUrlState';
import { AccountNameOf } from '../../names/useAccountNames';
import { DisplayNameOf } from '../../names/useEntityDisplayNames';
import { FilterSelect } from '../shared/FilterSelect';

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
  const { filters, onChange, productionAlias } = props;
  const production = `${productionAlias
    .charAt(0)
    .toUpperCase()}${productionAlias.slice(1)}`;
  const set = (patch: Partial<GovernanceReportFilters>) =>
    onChange({ ...filters, ...patch });
  const idleChoices = [
    ...new Set([
      ...IDLE_DAY_CHOICES,
      ...(filters.idleDays ? [Number(filters.idleDays)] : []),
    ]),
  ].sort((a, b) => a - b);
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
              label: labelOf(key, v, props),
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
            set({ managed: value as GovernanceReportFilters['managed'] })
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
            set({ production: value as GovernanceReportFilters['production'] })
          }
        />
        <FilterSelect
          label="Pointers"
          options={[
            { id: 'named', label: 'Named by a pointer' },
            { id: 'unnamed', label: 'Named by no pointer' },
          ]}
          value={filters.named}
          onChange={value =>
            set({ named: value as GovernanceReportFilters['named'] })
          }
        />
        <FilterSelect
          label="Not invoked for"
          allLabel="Any"
          options={idleChoices.map(d => ({
            id: String(d),
            label: `${d} days or more`,
          }))}
          value={filters.idleDays}
          onChange={value => set({ idleDays: value })}
        />
        <FilterSelect
          label="Residency"
          options={[{ id: 'violates', label: 'Region not allowed' }]}
          value={filters.residency}
          onChange={value =>
            set({ residency: value as GovernanceReportFilters['residency'] })
          }
        />
        <FilterSelect
          label="SSM publishing"
          options={[{ id: 'failing', label: 'Failing or drifted' }]}
          value={filters.publishing}
          onChange={value =>
            set({ publishing: value as GovernanceReportFilters['publishing'] })
          }
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

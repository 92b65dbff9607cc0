import type {
  GovernanceReportFilters,
  ReportFacets,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';

/** The report's filters that pick one value, with the facet that lists their values and their labels. */
export const VALUE_FILTERS = [
  { key: 'owner', facet: 'owner', label: 'Owner' },
  { key: 'region', facet: 'region', label: 'Region' },
  { key: 'account', facet: 'accountId', label: 'Account' },
  { key: 'architecture', facet: 'architecture', label: 'Architecture' },
  { key: 'classification', facet: 'classification', label: 'Classification' },
  { key: 'status', facet: 'status', label: 'Status' },
] as const satisfies ReadonlyArray<{
  key: keyof GovernanceReportFilters;
  facet: keyof ReportFacets;
  label: string;
}>;

/** The filters as the report takes them: a search of only spaces is no search. */
export function activeFilters(
  filters: GovernanceReportFilters,
): GovernanceReportFilters {
  const q = filters.q?.trim();
  return { ...filters, q: q ? q : undefined };
}

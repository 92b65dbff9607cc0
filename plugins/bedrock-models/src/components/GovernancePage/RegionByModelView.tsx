import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  Cell,
  CellText,
  ColumnConfig,
  Flex,
  Skeleton,
  Table,
  Text,
} from '@backstage/ui';
import type { GovernanceReportFilters } from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { bedrockModelsApiRef } from '../../api/BedrockModelsApi';
import { readAllReportRows } from '../../governance/readAllReportRows';
import { ModelRegions, regionByModel } from '../../governance/regionByModel';
import { DisplayNameOf } from '../../names/useEntityDisplayNames';
import { ErrorWithRetry } from '../shared/ErrorWithRetry';

/**
 * Which fine-tunes run where: a model per line, a Region per column, production's version and the live
 * ones. It needs every row the filters let through, so it reads them all when it is shown.
 */
export const RegionByModelView = (props: {
  filters: GovernanceReportFilters;
  /** The configured alias governance calls production (the first one). */
  productionAlias: string;
  displayName: DisplayNameOf;
}) => {
  const api = useApi(bedrockModelsApiRef);
  const key = JSON.stringify(props.filters);
  const rows = useAsyncRetry(
    () => readAllReportRows(api, props.filters),
    // The key stands for the filters, which are a new object on every change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, key],
  );
  if (rows.loading && !rows.value) {
    return <Skeleton width="100%" height={120} />;
  }
  if (rows.error) {
    return (
      <ErrorWithRetry
        title="The report cannot be read"
        error={rows.error}
        onRetry={rows.retry}
      />
    );
  }
  const production = props.productionAlias;
  const view = regionByModel(rows.value ?? []);
  const columns: ColumnConfig<ModelRegions & { id: string }>[] = [
    {
      id: 'model',
      label: 'Model',
      isRowHeader: true,
      cell: m => (
        <CellText title={m.model} description={props.displayName(m.owner)} />
      ),
    },
    ...view.regions.map(
      (region): ColumnConfig<ModelRegions & { id: string }> => ({
        id: region,
        label: region,
        cell: m => {
          const cell = m.cells[region];
          if (!cell) return <CellText title="—" />;
          return (
            <Cell>
              <Flex direction="column" gap="0.5">
                <Text variant="body-medium" weight="bold">
                  {cell.productionVersion === undefined
                    ? `no ${production}`
                    : `${production} v${cell.productionVersion}`}
                </Text>
                <Text variant="body-x-small" color="secondary">
                  {cell.liveVersions.length === 1 ? 'version' : 'versions'}{' '}
                  {cell.liveVersions.join(', ')}
                </Text>
              </Flex>
            </Cell>
          );
        },
      }),
    ),
  ];
  return (
    <Table
      columnConfig={columns}
      data={view.models.map(m => ({ ...m, id: m.model }))}
      pagination={{ type: 'none' }}
      emptyState={<Text>No live version matches the filters.</Text>}
    />
  );
};

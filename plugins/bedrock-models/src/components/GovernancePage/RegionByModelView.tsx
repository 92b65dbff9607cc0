import { Cell, CellText, ColumnConfig, Flex, Table, Text } from '@backstage/ui';
import type { GovernanceRow } from '../../governance/governanceRows';
import { ModelRegions, regionByModel } from '../../governance/regionByModel';

/** Which fine-tunes run where: a model per line, a Region per column, production's version and the live ones. */
export const RegionByModelView = (props: { rows: GovernanceRow[] }) => {
  const view = regionByModel(props.rows);
  const columns: ColumnConfig<ModelRegions & { id: string }>[] = [
    {
      id: 'model',
      label: 'Model',
      isRowHeader: true,
      cell: m => <CellText title={m.model} description={m.owner} />,
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
                    ? 'no production'
                    : `production v${cell.productionVersion}`}
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

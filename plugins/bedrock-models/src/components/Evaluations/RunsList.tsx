import { Cell, CellText, ColumnConfig, Link, Table, Text } from '@backstage/ui';
import type { EvaluationRun } from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { formatDateTime } from '../../format/formatDateTime';
import { evaluationRunHref } from '../../evaluation/evaluationRunLink';
import { runLatency, runScore } from '../../evaluation/runSummary';

function statusColor(run: EvaluationRun) {
  if (run.status === 'passed') return 'success';
  if (run.status === 'failed' || run.status === 'error') return 'danger';
  return 'secondary';
}

type RunRow = EvaluationRun & { comparedVersion?: number };

/** A model's evaluation runs, newest first, each opening the run view. */
export const RunsList = (props: {
  runs: EvaluationRun[];
  selectedRunId?: string;
}) => {
  const byId = new Map(props.runs.map(r => [r.id, r]));
  const rows: RunRow[] = props.runs.map(r => ({
    ...r,
    comparedVersion: r.comparedRunId
      ? byId.get(r.comparedRunId)?.version
      : undefined,
  }));
  const columns: ColumnConfig<RunRow>[] = [
    {
      id: 'version',
      label: 'Version',
      isRowHeader: true,
      defaultWidth: 110,
      cell: r => <CellText title={`v${r.version}`} description={r.region} />,
    },
    {
      id: 'result',
      label: 'Result',
      defaultWidth: '3fr',
      cell: r => (
        <Cell>
          <Text variant="body-medium" color={statusColor(r)}>
            {runScore(r)}
          </Text>
        </Cell>
      ),
    },
    {
      id: 'latency',
      label: 'Latency',
      defaultWidth: '2fr',
      cell: r => <CellText title={runLatency(r) || '—'} />,
    },
    {
      id: 'compared',
      label: 'Compared with',
      defaultWidth: '1fr',
      cell: r => (
        <CellText
          title={
            r.comparedVersion !== undefined ? `v${r.comparedVersion}` : '—'
          }
        />
      ),
    },
    {
      id: 'started',
      label: 'Started',
      defaultWidth: '2fr',
      cell: r => (
        <CellText
          title={r.startedBy}
          description={formatDateTime(r.createdAt)}
        />
      ),
    },
    {
      id: 'open',
      label: 'Run',
      defaultWidth: 120,
      cell: r => (
        <Cell>
          {r.id === props.selectedRunId ? (
            <Text variant="body-small" color="secondary">
              shown below
            </Text>
          ) : (
            <Link
              href={evaluationRunHref(r.id)}
              aria-label={`Open the run of version ${
                r.version
              } started ${formatDateTime(r.createdAt)}`}
            >
              Open
            </Link>
          )}
        </Cell>
      ),
    },
  ];
  return (
    <Table
      columnConfig={columns}
      data={rows}
      pagination={{ type: 'none' }}
      emptyState={<Text>No evaluation runs yet.</Text>}
    />
  );
};

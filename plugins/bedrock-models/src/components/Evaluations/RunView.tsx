import { useEffect } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { Flex, Link, Text } from '@backstage/ui';
import { useApi } from '@backstage/frontend-plugin-api';
import type { EvaluationRun } from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { bedrockModelsApiRef } from '../../api/BedrockModelsApi';
import { formatDateTime } from '../../format/formatDateTime';
import {
  compareResults,
  isRunOpen,
  runLatency,
  runScore,
} from '../../evaluation/runSummary';
import { ErrorWithRetry } from '../shared/ErrorWithRetry';
import { LoadingState } from '../shared/LoadingState';
import { ResultCell } from './ResultCell';

/** How often an open run is read again. */
const RUN_POLL_MS = 2_000;

const RunHeading = (props: { run: EvaluationRun; side: string }) => {
  const { run } = props;
  return (
    <Flex direction="column" gap="0.5">
      <Text as="span" variant="body-medium" weight="bold">
        Version {run.version} ({props.side})
      </Text>
      <Text as="span" variant="body-small">
        {runScore(run)}
      </Text>
      {runLatency(run) && (
        <Text as="span" variant="body-x-small" color="secondary">
          {runLatency(run)}
        </Text>
      )}
    </Flex>
  );
};

const cellStyle = {
  verticalAlign: 'top',
  padding: '8px',
  borderTop: '1px solid var(--bui-border-1, #ddd)',
  textAlign: 'left',
} as const;

/**
 * One evaluation run with each prompt's result, side by side with the run of the version it was
 * compared with; re-read while either is still running.
 */
export const RunView = (props: {
  modelName: string;
  runId: string;
  /** Where "Close" goes (the model tab without the run). */
  closeHref: string;
}) => {
  const api = useApi(bedrockModelsApiRef);
  const { modelName, runId } = props;
  const state = useAsyncRetry(async () => {
    const run = await api.getEvaluationRun({ modelName, runId });
    const compared =
      run?.comparedRunId === undefined
        ? undefined
        : await api.getEvaluationRun({ modelName, runId: run.comparedRunId });
    return { run, compared };
  }, [api, modelName, runId]);
  const open =
    (state.value?.run && isRunOpen(state.value.run)) ||
    (state.value?.compared && isRunOpen(state.value.compared));
  const { retry } = state;
  useEffect(() => {
    if (!open) return undefined;
    const timer = setTimeout(retry, RUN_POLL_MS);
    return () => clearTimeout(timer);
  }, [open, retry, state.value]);

  if (state.loading && !state.value) return <LoadingState />;
  if (state.error) {
    return (
      <ErrorWithRetry
        title="The evaluation run cannot be read"
        error={state.error}
        onRetry={state.retry}
      />
    );
  }
  const { run, compared } = state.value ?? {};
  if (!run) {
    return (
      <Text as="p" color="secondary">
        Model {modelName} has no evaluation run {runId}.
      </Text>
    );
  }
  const rows = compareResults(run.results ?? [], compared?.results);
  return (
    <Flex direction="column" gap="2" aria-label="Evaluation run" role="region">
      <Flex justify="between" align="start">
        <Flex direction="column" gap="0.5">
          <Text as="h3" variant="title-x-small">
            Run of version {run.version} in {run.region}
            {compared ? `, compared with version ${compared.version}` : ''}
          </Text>
          <Text as="p" variant="body-x-small" color="secondary">
            Started by {run.startedBy}, {formatDateTime(run.createdAt)}
            {run.finishedAt
              ? `; finished ${formatDateTime(run.finishedAt)}`
              : ''}
            {open ? ' · still running, read again every 2 s' : ''}
          </Text>
        </Flex>
        <Link href={props.closeHref}>Close the run</Link>
      </Flex>
      {run.error && (
        <Text as="p" variant="body-small" color="danger">
          {run.error}
        </Text>
      )}
      <div style={{ overflowX: 'auto' }}>
        <table
          style={{
            width: '100%',
            borderCollapse: 'collapse',
            tableLayout: 'fixed',
          }}
        >
          <thead>
            <tr>
              <th style={{ ...cellStyle, width: '22%' }} scope="col">
                <Text as="span" variant="body-medium" weight="bold">
                  Prompt
                </Text>
              </th>
              <th style={cellStyle} scope="col">
                <RunHeading run={run} side="candidate" />
              </th>
              {compared && (
                <th style={cellStyle} scope="col">
                  <RunHeading run={compared} side="compared" />
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && (
              <tr>
                <td style={cellStyle} colSpan={compared ? 3 : 2}>
                  <Text as="p" variant="body-small" color="secondary">
                    {isRunOpen(run)
                      ? 'The run has not answered any prompt yet.'
                      : 'The run has no results.'}
                  </Text>
                </td>
              </tr>
            )}
            {rows.map(row => (
              <tr key={row.promptId}>
                <th style={cellStyle} scope="row">
                  <Flex direction="column" gap="0.5">
                    <Text as="span" variant="body-small" weight="bold">
                      {row.promptId}
                    </Text>
                    <Text as="span" variant="body-x-small" color="secondary">
                      {row.prompt}
                    </Text>
                  </Flex>
                </th>
                <td style={cellStyle}>
                  <ResultCell
                    result={row.candidate}
                    missing={
                      isRunOpen(run)
                        ? 'waiting for the answer'
                        : 'not in this run (the suite changed)'
                    }
                  />
                </td>
                {compared && (
                  <td style={cellStyle}>
                    <ResultCell
                      result={row.compared}
                      missing={
                        isRunOpen(compared)
                          ? 'waiting for the answer'
                          : 'not in this run (the suite changed)'
                      }
                    />
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Flex>
  );
};

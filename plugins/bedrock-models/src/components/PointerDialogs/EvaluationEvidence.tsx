import useAsync from 'react-use/esm/useAsync';
import { Alert, Flex, Link, Text } from '@backstage/ui';
import { useApi } from '@backstage/frontend-plugin-api';
import type {
  EvaluationGateView,
  EvaluationRun,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { bedrockModelsApiRef } from '../../api/BedrockModelsApi';
import { describeError } from '../../api/describeError';
import { formatDateTime } from '../../format/formatDateTime';
import { runLatency, runScore } from '../../evaluation/runSummary';
import { evaluationRunHref } from '../../evaluation/evaluationRunLink';
import type { Reading } from './MoveEvidence';

function gateInWords(alias: string, gate: EvaluationGateView): string {
  const needs =
    gate.minPassRate !== undefined
      ? ` (${Math.round(gate.minPassRate * 100)}% of prompts must pass)`
      : '';
  switch (gate.mode) {
    case 'block':
      return `The ${alias} gate blocks a promote without a passing evaluation${needs}.`;
    case 'warn':
      return `The ${alias} gate warns about a promote without a passing evaluation${needs}.`;
    default:
      return `The ${alias} gate ignores evaluations.`;
  }
}

/** The latest finished run of a version in a Region, from a list newest first. */
function latestFinished(
  runs: EvaluationRun[],
  version: number,
  region: string,
) {
  return runs.find(
    r =>
      r.version === version &&
      r.region === region &&
      (r.status === 'passed' || r.status === 'failed'),
  );
}

const RunLine = (props: {
  label: string;
  run?: EvaluationRun;
  notRun: string;
  onOpen: () => void;
}) => {
  const { run } = props;
  return (
    <Flex direction="column" gap="0.5">
      <Text as="p" variant="body-small">
        <strong>{props.label}</strong>:{' '}
        {run
          ? `${runScore(run)}${
              runLatency(run) ? ` · ${runLatency(run)}` : ''
            } · ${formatDateTime(run.finishedAt ?? run.createdAt)}`
          : props.notRun}
      </Text>
      {run && (
        <Link
          href={evaluationRunHref(run.id)}
          onClick={props.onOpen}
          variant="body-small"
        >
          Open the run of version {run.version}
        </Link>
      )}
    </Flex>
  );
};

/**
 * The evaluation evidence of a promote: the alias's gate (from the dry run), the candidate's latest
 * run next to that of the version the alias names now, and what the gate makes of it. Without a gate
 * the latest runs are shown for information.
 */
export const EvaluationEvidence = (props: {
  modelName: string;
  alias: string;
  region: string;
  candidate: number;
  current: number | null;
  /** The dry run's view of the gate: undefined when the alias has none, or while it is read. */
  gate: Reading<EvaluationGateView | undefined>;
  /** Called when a run is opened (the dialog closes; the model page shows the run). */
  onOpenRun: () => void;
}) => {
  const api = useApi(bedrockModelsApiRef);
  const { modelName, region, candidate, current, gate } = props;
  const noGate = !gate.loading && !gate.error && gate.value === undefined;
  // Without a gate the dry run says nothing about evaluations: read the latest runs directly.
  const runs = useAsync(async () => {
    if (!noGate) return undefined;
    const [mine, theirs] = await Promise.all([
      api.listEvaluationRuns({ modelName, version: candidate }),
      current === null
        ? undefined
        : api.listEvaluationRuns({ modelName, version: current }),
    ]);
    return {
      candidate: latestFinished(mine.items, candidate, region),
      current:
        current === null || !theirs
          ? undefined
          : latestFinished(theirs.items, current, region),
    };
  }, [api, noGate, modelName, candidate, current, region]);

  const shown = gate.value
    ? { candidate: gate.value.candidate, current: gate.value.current }
    : runs.value;
  const loading = gate.loading || (noGate && runs.loading);
  const error = gate.error ?? runs.error;

  return (
    <Flex
      direction="column"
      gap="1"
      aria-label="Evaluation evidence"
      role="group"
    >
      <Text as="h3" variant="title-x-small">
        Evaluation
      </Text>
      {loading && (
        <Text as="p" variant="body-small" color="secondary">
          Reading the latest evaluations…
        </Text>
      )}
      {error && (
        <Text as="p" variant="body-small" color="secondary">
          The evaluations cannot be read: {describeError(error)}
        </Text>
      )}
      {!loading && !error && (
        <>
          <Text as="p" variant="body-small" color="secondary">
            {gate.value
              ? gateInWords(props.alias, gate.value)
              : `No evaluation gate on ${props.alias}: the latest runs are shown for information.`}
          </Text>
          <RunLine
            label={`Version ${candidate} (candidate)`}
            run={shown?.candidate}
            notRun={`not evaluated in ${region} yet`}
            onOpen={props.onOpenRun}
          />
          {current !== null && (
            <RunLine
              label={`Version ${current} (${props.alias} now)`}
              run={shown?.current}
              notRun={`not evaluated in ${region} yet`}
              onOpen={props.onOpenRun}
            />
          )}
          {gate.value?.verdict === 'warn' && (
            <Alert
              status="warning"
              title="The gate warns"
              description={gate.value.message}
            />
          )}
          {gate.value?.verdict === 'block' && (
            <Alert
              status="danger"
              title="The gate blocks this promote"
              description={gate.value.message}
            />
          )}
        </>
      )}
    </Flex>
  );
};

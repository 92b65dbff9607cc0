import { useState } from 'react';
import { Alert, Button, Flex, Select } from '@backstage/ui';
import { useApi } from '@backstage/frontend-plugin-api';
import type {
  AliasPointer,
  EvaluationStartResponse,
  ModelVersion,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { bedrockModelsApiRef } from '../../api/BedrockModelsApi';
import { describeError } from '../../api/describeError';
import { DisabledReason } from '../shared/DisabledReason';

const NO_COMPARISON = 'none';

/**
 * Runs the suite on a ready version, optionally next to the version an alias names in its Region (the
 * backend queues both runs and answers at once).
 */
export const EvaluateForm = (props: {
  modelName: string;
  versions: ModelVersion[];
  pointers: AliasPointer[];
  aliases: string[];
  /** Why the user may not start a run, if they may not. */
  disabledReason?: string;
  onStarted: (started: EvaluationStartResponse) => void;
}) => {
  const api = useApi(bedrockModelsApiRef);
  const ready = props.versions
    .filter(v => v.status === 'ready')
    .sort((a, b) => b.number - a.number);
  const [chosen, setChosen] = useState<number>();
  const candidate = ready.find(v => v.number === chosen) ?? ready[0];
  const [compare, setCompare] = useState(NO_COMPARISON);
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<string>();

  if (!candidate) return null;
  // Aliases that name another version in the candidate's Region: what it can be compared with.
  const comparable = props.aliases.flatMap(alias => {
    const pointer = props.pointers.find(
      p => p.alias === alias && p.region === candidate.region,
    );
    return pointer && pointer.version !== candidate.number
      ? [{ id: alias, label: `${alias} (version ${pointer.version})` }]
      : [];
  });
  const compareWith = comparable.some(c => c.id === compare)
    ? compare
    : NO_COMPARISON;

  const start = async () => {
    setStarting(true);
    setError(undefined);
    try {
      const started = await api.startEvaluation({
        modelName: props.modelName,
        version: candidate.number,
        region: candidate.region,
        ...(compareWith === NO_COMPARISON
          ? {}
          : { compareWithAlias: compareWith }),
      });
      props.onStarted(started);
    } catch (e) {
      setError(describeError(e as Error));
    } finally {
      setStarting(false);
    }
  };

  return (
    <Flex direction="column" gap="2">
      <Flex gap="3" align="end" style={{ flexWrap: 'wrap' }}>
        <Select
          label="Version to evaluate"
          options={ready.map(v => ({
            id: String(v.number),
            label: `version ${v.number} · ${v.region}`,
          }))}
          value={String(candidate.number)}
          onChange={key => {
            setChosen(Number(key));
            setError(undefined);
          }}
        />
        <Select
          label="Compare with"
          options={[{ id: NO_COMPARISON, label: 'nothing' }, ...comparable]}
          value={compareWith}
          onChange={key => setCompare(String(key))}
        />
        <Button
          variant="primary"
          onPress={start}
          isPending={starting}
          isDisabled={props.disabledReason !== undefined}
          aria-describedby={
            props.disabledReason ? 'evaluate-disabled-reason' : undefined
          }
        >
          Evaluate
        </Button>
      </Flex>
      {props.disabledReason && (
        <DisabledReason
          id="evaluate-disabled-reason"
          reason={props.disabledReason}
        />
      )}
      {error && (
        <Alert
          role="alert"
          status="danger"
          title="Not evaluated"
          description={error}
        />
      )}
    </Flex>
  );
};

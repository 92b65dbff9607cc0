import { useEffect, useRef, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { useLocation, useSearchParams } from 'react-router-dom';
import { Button, Flex, Text } from '@backstage/ui';
import { useApi } from '@backstage/frontend-plugin-api';
import type {
  AliasPointer,
  ModelVersion,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { bedrockModelsApiRef } from '../../api/BedrockModelsApi';
import { formatDateTime } from '../../format/formatDateTime';
import {
  EVALUATION_RUN_PARAM,
  EVALUATIONS_SECTION_ID,
} from '../../evaluation/evaluationRunLink';
import { isRunOpen } from '../../evaluation/runSummary';
import { NOT_OWNER_REASON } from '../../model/versionActions';
import { DisabledReason } from '../shared/DisabledReason';
import { ErrorWithRetry } from '../shared/ErrorWithRetry';
import { LoadingState } from '../shared/LoadingState';
import { EvaluateForm } from './EvaluateForm';
import { EntityName } from '../../names/EntityName';
import { RunsList } from './RunsList';
import { RunView } from './RunView';
import { SuiteEditor } from './SuiteEditor';

/** How often the runs are read again while one is queued or running. */
const RUNS_POLL_MS = 3_000;

/**
 * A model's evaluations on its tab: the suite (owners edit it), Evaluate on a ready version (optionally
 * next to the version an alias names), the runs, and the run the URL names, side by side with its
 * comparison.
 */
export const EvaluationsPanel = (props: {
  modelName: string;
  versions: ModelVersion[];
  pointers: AliasPointer[];
  aliases: string[];
  /** Whether the user may edit the suite and start runs (the model's owners and admins). */
  canEdit: boolean;
}) => {
  const { modelName } = props;
  const api = useApi(bedrockModelsApiRef);
  const suite = useAsyncRetry(
    () => api.getEvaluationSuite({ modelName }),
    [api, modelName],
  );
  const runs = useAsyncRetry(
    () => api.listEvaluationRuns({ modelName }),
    [api, modelName],
  );
  const [editing, setEditing] = useState(false);
  const [searchParams, setSearchParams] = useSearchParams();
  const location = useLocation();
  const selectedRunId = searchParams.get(EVALUATION_RUN_PARAM) ?? undefined;
  const sectionRef = useRef<HTMLDivElement>(null);

  const anyOpen = runs.value?.items.some(isRunOpen);
  const { retry: retryRuns } = runs;
  useEffect(() => {
    if (!anyOpen) return undefined;
    const timer = setTimeout(retryRuns, RUNS_POLL_MS);
    return () => clearTimeout(timer);
  }, [anyOpen, retryRuns, runs.value]);
  // A link to a run (from the promote dialog, or shared) brings the section into view.
  useEffect(() => {
    if (selectedRunId) sectionRef.current?.scrollIntoView?.({ block: 'start' });
  }, [selectedRunId]);

  const withoutRun = new URLSearchParams(searchParams);
  withoutRun.delete(EVALUATION_RUN_PARAM);
  const closeHref = `${location.pathname}${
    withoutRun.toString() ? `?${withoutRun}` : ''
  }`;
  const notOwner = props.canEdit ? undefined : NOT_OWNER_REASON;
  const prompts = suite.value?.prompts ?? [];

  return (
    <Flex
      direction="column"
      gap="4"
      ref={sectionRef}
      id={EVALUATIONS_SECTION_ID}
    >
      <Flex direction="column" gap="2">
        <Text as="h3" variant="title-x-small">
          Suite
        </Text>
        {suite.loading && !suite.value && <LoadingState />}
        {suite.error && (
          <ErrorWithRetry
            title="The evaluation suite cannot be read"
            error={suite.error}
            onRetry={suite.retry}
          />
        )}
        {suite.value && editing && (
          <SuiteEditor
            modelName={modelName}
            suite={suite.value}
            onCancel={() => setEditing(false)}
            onSaved={() => {
              setEditing(false);
              suite.retry();
            }}
          />
        )}
        {suite.value && !editing && (
          <Flex direction="column" gap="1">
            <Text as="p" variant="body-small">
              {prompts.length === 0
                ? 'No prompts yet: add some, then evaluate a version before promoting it.'
                : `${prompts.length} ${
                    prompts.length === 1 ? 'prompt' : 'prompts'
                  }: ${prompts.map(p => p.id).join(', ')}`}
            </Text>
            {suite.value.updatedBy && (
              <Text as="p" variant="body-x-small" color="secondary">
                Last edited by <EntityName entityRef={suite.value.updatedBy} />,{' '}
                {formatDateTime(suite.value.updatedAt)}
              </Text>
            )}
            <Flex direction="column" gap="1" align="start">
              <Button
                size="small"
                variant="secondary"
                isDisabled={!props.canEdit}
                aria-describedby={notOwner ? 'suite-edit-reason' : undefined}
                onPress={() => setEditing(true)}
              >
                Edit suite
              </Button>
              {notOwner && (
                <DisabledReason id="suite-edit-reason" reason={notOwner} />
              )}
            </Flex>
          </Flex>
        )}
      </Flex>
      <Flex direction="column" gap="2">
        <Text as="h3" variant="title-x-small">
          Evaluate a version
        </Text>
        <EvaluateForm
          modelName={modelName}
          versions={props.versions}
          pointers={props.pointers}
          aliases={props.aliases}
          disabledReason={notOwner}
          onStarted={started => {
            runs.retry();
            const next = new URLSearchParams(searchParams);
            next.set(EVALUATION_RUN_PARAM, started.run.id);
            setSearchParams(next);
          }}
        />
      </Flex>
      <Flex direction="column" gap="2">
        <Text as="h3" variant="title-x-small">
          Runs
        </Text>
        {runs.loading && !runs.value && <LoadingState />}
        {runs.error && (
          <ErrorWithRetry
            title="The evaluation runs cannot be read"
            error={runs.error}
            onRetry={runs.retry}
          />
        )}
        {runs.value && (
          <RunsList runs={runs.value.items} selectedRunId={selectedRunId} />
        )}
      </Flex>
      {selectedRunId && (
        <RunView
          key={selectedRunId}
          modelName={modelName}
          runId={selectedRunId}
          closeHref={closeHref}
        />
      )}
    </Flex>
  );
};

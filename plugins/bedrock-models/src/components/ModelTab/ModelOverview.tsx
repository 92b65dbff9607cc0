import { useEffect, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { alertApiRef, useApi } from '@backstage/frontend-plugin-api';
import {
  Card,
  CardBody,
  CardHeader,
  Flex,
  Grid,
  Skeleton,
  Text,
} from '@backstage/ui';
import type {
  AliasPointer,
  ModelVersion,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { bedrockModelsApiRef } from '../../api/BedrockModelsApi';
import { regionPointerViews } from '../../model/regionPointerViews';
import { CostPanel } from '../CostPanel/CostPanel';
import { LineagePanel } from '../Lineage/LineagePanel';
import { ModelHistory } from '../ModelHistory/ModelHistory';
import { EvaluationsPanel } from '../Evaluations';
import { usePendingApprovals } from '../PendingApprovals/usePendingApprovals';
import { MoveConfirmation } from '../PointerDialogs/MoveConfirmation';
import { PromoteDialog } from '../PointerDialogs/PromoteDialog';
import type { MoveOutcome } from '../../model/moveOutcome';
import { RetireDialog } from '../PointerDialogs/RetireDialog';
import { RollbackDialog } from '../PointerDialogs/RollbackDialog';
import { QuotasPanel } from '../QuotasPanel/QuotasPanel';
import { RegionPointers } from '../RegionPointers/RegionPointers';
import { ErrorWithRetry } from '../shared/ErrorWithRetry';
import { LoadingState } from '../shared/LoadingState';
import { NoModelsEmptyState } from '../shared/NoModelsEmptyState';
import { StaleDataBanner } from '../shared/StaleDataBanner';
import { modelStaleness } from '../../model/modelReachability';
import { historyKey } from '../../model/historyKey';
import { EntityName } from '../../names/EntityName';
import { UseThisModel } from '../UseThisModel/UseThisModel';
import { VersionsTable } from '../VersionsTable/VersionsTable';
import { useModelPermissions } from './useModelPermissions';

const PUBLISH_POLL_MS = 3_000;

type OpenDialog =
  | { kind: 'promote'; version: ModelVersion }
  | { kind: 'retire'; version: ModelVersion }
  /** `reason`: filled in, when the rollback undoes a move. */
  | {
      kind: 'rollback';
      alias: string;
      region: string;
      reason?: string;
      pointer?: AliasPointer;
    };

const Section = (props: { title: string; children: React.ReactNode }) => (
  <Card>
    <CardHeader>
      <Text as="h2" variant="title-small">
        {props.title}
      </Text>
    </CardHeader>
    <CardBody>{props.children}</CardBody>
  </Card>
);

/** Everything an owner decides on for one model: pointers per Region, versions, history, cost, quotas, usage. */
export const ModelOverview = (props: { modelName: string }) => {
  const { modelName } = props;
  const api = useApi(bedrockModelsApiRef);
  const alertApi = useApi(alertApiRef);
  const permissions = useModelPermissions(modelName);
  const details = useAsyncRetry(
    () => api.getModel({ modelName }),
    [api, modelName],
  );
  // The configured aliases (production first); the rest of the page works without them.
  const settings = useAsyncRetry(() => api.getSettings(), [api]);
  const [dialog, setDialog] = useState<OpenDialog>();
  // What the last promote or rollback came to, above the pointers (with Undo).
  const [confirmation, setConfirmation] = useState<MoveOutcome>();
  const pendingApprovals = usePendingApprovals(modelName);

  // A move's SSM write is published moments later: re-read until it is, so the page does not show
  // "being published" for ever. Failed writes retry with backoff, so they are not polled.
  const publishing = details.value?.publishStates.some(
    s => s.status === 'pending' && s.attempts === 0,
  );
  const { retry } = details;
  useEffect(() => {
    if (!publishing) return undefined;
    const timer = setTimeout(retry, PUBLISH_POLL_MS);
    return () => clearTimeout(timer);
  }, [publishing, retry, details.value]);

  // Keep showing the last data while re-reading, so an open dialog stays open through a refresh.
  if (details.loading && !details.value) return <LoadingState />;
  if (details.error) {
    return (
      <ErrorWithRetry
        title={`Model ${modelName} cannot be read`}
        error={details.error}
        onRetry={details.retry}
      />
    );
  }
  const data = details.value;
  if (!data) {
    return (
      <NoModelsEmptyState
        title={`Model ${modelName} is not in the registry`}
        description="Import a version through the template and it appears here, with its pointers, history and cost."
      />
    );
  }
  const aliases = settings.value?.aliases ?? [];
  const regions = regionPointerViews(data, aliases);
  const staleness = modelStaleness(data);
  const quotaTargets = [
    ...new Map(
      data.versions.map(v => [
        `${v.accountId}/${v.region}`,
        { accountId: v.accountId, region: v.region },
      ]),
    ).values(),
  ];
  const done = (message: string) => {
    setDialog(undefined);
    alertApi.post({ message, severity: 'success', display: 'transient' });
    details.retry();
  };
  const moved = (outcome: MoveOutcome) => {
    setDialog(undefined);
    setConfirmation(outcome);
    details.retry();
    pendingApprovals.retry();
  };
  const readPointer =
    dialog?.kind === 'rollback'
      ? data.pointers.find(
          p => p.alias === dialog.alias && p.region === dialog.region,
        )
      : undefined;
  // An Undo carries the pointer as its move left it: newer than the page's until the page re-reads.
  const undone = dialog?.kind === 'rollback' ? dialog.pointer : undefined;
  const rollbackPointer =
    undone && (!readPointer || undone.revision > readPointer.revision)
      ? undone
      : readPointer;

  return (
    <Flex direction="column" gap="4">
      {staleness && (
        <StaleDataBanner
          since={staleness.since}
          lastSync={staleness.lastSync}
          detail={staleness.detail}
        />
      )}
      <Flex direction="column" gap="1">
        {/* The entity header already names the model; a registry title is shown when it says more. */}
        {data.model.title && data.model.title !== data.model.name && (
          <Text as="h2" variant="title-small">
            {data.model.title}
          </Text>
        )}
        <Text as="p" variant="body-small" color="secondary">
          Owner <EntityName entityRef={data.model.owner} /> · classification{' '}
          {data.model.classification}
          {data.model.lineage.baseModel
            ? ` · fine-tuned from ${data.model.lineage.baseModel}`
            : ''}
        </Text>
      </Flex>
      {confirmation && (
        <MoveConfirmation
          outcome={confirmation}
          onDismiss={() => setConfirmation(undefined)}
          onUndo={() => {
            if (confirmation.kind === 'moved' && confirmation.undo) {
              setDialog({ kind: 'rollback', ...confirmation.undo });
            }
          }}
        />
      )}
      {regions.length === 0 ? (
        <Text color="secondary">This model has no versions yet.</Text>
      ) : (
        <RegionPointers
          regions={regions}
          permissions={permissions}
          onRollback={(alias, region) =>
            setDialog({ kind: 'rollback', alias, region })
          }
          pendingApprovals={pendingApprovals.value}
        />
      )}
      <Section title="Versions">
        <VersionsTable
          versions={data.versions}
          pointers={data.pointers}
          permissions={permissions}
          onPromote={version => setDialog({ kind: 'promote', version })}
          onRetire={version => setDialog({ kind: 'retire', version })}
        />
      </Section>
      <Section title="Cost, last 30 days">
        <CostPanel modelName={modelName} />
      </Section>
      <Grid.Root columns={{ initial: '1', lg: '2' }} gap="4">
        <Section title="History">
          <ModelHistory modelName={modelName} refreshKey={historyKey(data)} />
        </Section>
        <Section title="Use this model">
          {settings.value && (
            <UseThisModel details={data} alias={settings.value.aliases[0]} />
          )}
          {settings.loading && !settings.value && (
            <Skeleton width="100%" height={80} />
          )}
          {settings.error && (
            <ErrorWithRetry
              title="The portal's aliases cannot be read"
              error={settings.error}
              onRetry={settings.retry}
            />
          )}
        </Section>
        <Section title="Quotas">
          <QuotasPanel targets={quotaTargets} />
        </Section>
        <Section title="Lineage">
          <LineagePanel details={data} />
        </Section>
      </Grid.Root>
      <Section title="Evaluations">
        <EvaluationsPanel
          modelName={modelName}
          versions={data.versions}
          pointers={data.pointers}
          aliases={aliases}
          canEdit={!permissions.loading && permissions.canPromote}
        />
      </Section>
      {dialog?.kind === 'promote' && (
        <PromoteDialog
          modelName={modelName}
          version={dialog.version}
          aliases={aliases}
          pointers={data.pointers}
          versions={data.versions}
          onClose={() => setDialog(undefined)}
          onMoved={moved}
          onRefresh={details.retry}
        />
      )}
      {dialog?.kind === 'retire' && (
        <RetireDialog
          modelName={modelName}
          version={dialog.version}
          onClose={() => setDialog(undefined)}
          onRetired={done}
          onRefresh={details.retry}
        />
      )}
      {dialog?.kind === 'rollback' && rollbackPointer && (
        <RollbackDialog
          modelName={modelName}
          pointer={rollbackPointer}
          versions={data.versions}
          initialReason={
            dialog?.kind === 'rollback' ? dialog.reason : undefined
          }
          onClose={() => setDialog(undefined)}
          onMoved={moved}
          onRefresh={details.retry}
        />
      )}
    </Flex>
  );
};

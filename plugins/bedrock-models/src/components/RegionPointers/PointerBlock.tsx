import { Box, Button, Flex, Text } from '@backstage/ui';
import { formatDateTime } from '../../format/formatDateTime';
import { coldStartHint } from '../../model/coldStartHint';
import type { PointerView } from '../../model/regionPointerViews';
import type { ActionState } from '../../model/versionActions';
import { CopyableText } from '../shared/CopyableText';
import { DisabledReason } from '../shared/DisabledReason';
import { KeepWarmPanel } from '../KeepWarm/KeepWarmPanel';
import { EntityName } from '../../names/EntityName';
import type { ApprovalRequest } from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { PendingApprovalsNote } from '../PendingApprovals/PendingApprovalsNote';

function publishText(view: PointerView): string {
  const state = view.publishState;
  if (!state) return 'SSM parameter: not published yet';
  if (state.status === 'published') {
    return `SSM parameter: published${
      state.publishedAt ? ` ${formatDateTime(state.publishedAt)}` : ''
    }`;
  }
  if (state.attempts === 0) return `SSM parameter: being published`;
  return `SSM parameter: ${state.status} (${state.attempts} failed ${
    state.attempts === 1 ? 'attempt' : 'attempts'
  }${state.lastError ? `, last error: ${state.lastError}` : ''})`;
}

/** One alias in one Region: the version it names, its ARN, since when and by whom, and Rollback. */
export const PointerBlock = (props: {
  view: PointerView;
  rollback?: ActionState;
  onRollback: () => void;
  /** Approval requests waiting to move this pointer. */
  pendingApprovals?: ApprovalRequest[];
}) => {
  const { view, rollback } = props;
  const { pointer, version } = view;
  const reasonId = `rollback-reason-${view.alias}-${view.region}`;
  return (
    <Box
      as="section"
      aria-label={`${view.alias} in ${view.region}`}
      p="3"
      style={{
        border: '1px solid var(--bui-border-1, #ddd)',
        borderRadius: 8,
      }}
    >
      <Flex direction="column" gap="1">
        <Flex justify="between" align="center">
          <Text as="h4" variant="title-x-small">
            {view.alias}
          </Text>
          {pointer && (
            <Text as="span" variant="title-small">
              version {pointer.version}
            </Text>
          )}
        </Flex>
        {!pointer && (
          <Text as="p" variant="body-small" color="secondary">
            No version serves {view.alias} in {view.region}.
          </Text>
        )}
        {pointer && (
          <>
            {version?.importedModelArn && (
              <CopyableText
                text={version.importedModelArn}
                label={`ARN of ${view.alias} in ${view.region}`}
              />
            )}
            <Text as="p" variant="body-small">
              Since {formatDateTime(pointer.updatedAt)}, by{' '}
              <EntityName entityRef={pointer.updatedBy} />
            </Text>
            <Text as="p" variant="body-small">
              {publishText(view)}
            </Text>
            <Text as="p" variant="body-small">
              {version?.architecture ?? 'architecture unknown'} ·{' '}
              {version?.cmusPerCopy !== undefined
                ? `${version.cmusPerCopy} CMUs per copy`
                : 'CMUs unknown'}
            </Text>
            {version && (
              <Text as="p" variant="body-x-small" color="secondary">
                {coldStartHint(version)}
              </Text>
            )}
            <Flex direction="column" gap="1" mt="1">
              <Box>
                <Button
                  size="small"
                  variant="secondary"
                  isDisabled={!rollback?.enabled}
                  onPress={props.onRollback}
                  aria-label={`Roll back ${view.alias} in ${view.region}`}
                  aria-describedby={
                    rollback && !rollback.enabled ? reasonId : undefined
                  }
                >
                  Roll back
                </Button>
              </Box>
              {rollback && !rollback.enabled && (
                <DisabledReason id={reasonId} reason={rollback.reason} />
              )}
            </Flex>
            <KeepWarmPanel
              modelName={pointer.modelName}
              alias={view.alias}
              region={view.region}
            />
          </>
        )}
        <PendingApprovalsNote requests={props.pendingApprovals ?? []} />
      </Flex>
    </Box>
  );
};

import { useState } from 'react';
import { Alert, Dialog, DialogBody, DialogHeader, Flex } from '@backstage/ui';
import { useApi } from '@backstage/frontend-plugin-api';
import type {
  AliasPointer,
  ModelVersion,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { bedrockModelsApiRef } from '../../api/BedrockModelsApi';
import { namedApprovers } from '../../model/approvalNotice';
import { MoveOutcome, moveOutcome } from '../../model/moveOutcome';
import { useEntityDisplayNames } from '../../names/useEntityDisplayNames';
import { ConflictAlert } from './ConflictAlert';
import { ChangeDialogFooter } from './ChangeDialogFooter';
import { MoveEvidence } from './MoveEvidence';
import { MoveSummary } from './MoveSummary';
import { ReasonField } from './ReasonField';
import { useDialogSubmit } from './useDialogSubmit';
import {
  PREVIEW_REASON,
  useLastActivity,
  useMovePreview,
} from './useMovePreview';

/**
 * Roll a pointer back, with a reason; shows from and to. The target is the one the backend names for
 * the pointer (`rollbackTarget`), so the dialog shows what the rollback will do; the backend's dry run
 * says whether it needs approval, or is an owner's emergency rollback that moves at once.
 */
export const RollbackDialog = (props: {
  modelName: string;
  /** The pointer as last read; refreshed after a conflict. */
  pointer: AliasPointer;
  /** The model's versions, for the ARNs. */
  versions: ModelVersion[];
  /** A reason to start from (an Undo fills in what it undoes). */
  initialReason?: string;
  onClose: () => void;
  onMoved: (outcome: MoveOutcome) => void;
  onRefresh: () => void;
}) => {
  const { modelName, pointer } = props;
  const api = useApi(bedrockModelsApiRef);
  const [reason, setReason] = useState(props.initialReason ?? '');
  const { submitting, error, conflict, run } = useDialogSubmit(props.onRefresh);
  const target = pointer.rollbackTarget;
  const preview = useMovePreview(
    () =>
      api.rollbackPointer({
        modelName,
        alias: pointer.alias,
        region: pointer.region,
        reason: PREVIEW_REASON,
        expectedCurrentVersion: pointer.version,
        dryRun: true,
      }),
    [api, modelName, pointer.alias, pointer.region, pointer.version, target],
  );
  const activity = useLastActivity(modelName, target, pointer.region);
  // The approval rule's groups and users by name, in the notice a request becomes.
  const approverName = useEntityDisplayNames(
    namedApprovers(preview.value?.approvalRule?.approvers ?? []),
  );
  const needsApproval = preview.value?.needsApproval === true;
  const versionOf = (n: number | undefined) =>
    props.versions.find(v => v.number === n && v.region === pointer.region);

  const submit = () =>
    run(async () => {
      const moved = await api.rollbackPointer({
        modelName,
        alias: pointer.alias,
        region: pointer.region,
        reason,
        expectedCurrentVersion: pointer.version,
      });
      props.onMoved(
        moveOutcome(
          moved,
          m =>
            `The ${pointer.alias} pointer in ${
              pointer.region
            } is back on version ${m.toVersion}.${
              m.emergency
                ? ' It was an emergency rollback, without approval; the history records it as one.'
                : ''
            }`,
          approverName,
        ),
      );
    });

  return (
    <Dialog isOpen onOpenChange={open => !open && props.onClose()} width={640}>
      <DialogHeader>
        Roll back {pointer.alias} in {pointer.region}
      </DialogHeader>
      <DialogBody>
        <Flex direction="column" gap="3">
          <MoveSummary
            alias={pointer.alias}
            region={pointer.region}
            from={pointer.version}
            to={target}
          />
          {target === undefined && (
            <Alert
              status="info"
              title="This pointer has never named another version: there is nothing to roll back to."
            />
          )}
          {target !== undefined && (
            <MoveEvidence
              kind="rollback"
              alias={pointer.alias}
              region={pointer.region}
              accountId={pointer.accountId}
              from={{
                number: pointer.version,
                version: versionOf(pointer.version),
              }}
              to={{ number: target, version: versionOf(target) }}
              preview={preview}
              activity={activity}
            />
          )}
          <ReasonField
            value={reason}
            onChange={setReason}
            autoFocus
            placeholder="What went wrong with the current version"
          />
          {conflict && (
            <ConflictAlert
              message={conflict}
              alias={pointer.alias}
              region={pointer.region}
              current={pointer}
            />
          )}
          {error && (
            <Alert
              role="alert"
              status="danger"
              title={
                needsApproval ? 'Approval not requested' : 'Not rolled back'
              }
              description={error}
            />
          )}
        </Flex>
      </DialogBody>
      <ChangeDialogFooter
        label={needsApproval ? 'Request approval' : 'Roll back'}
        onCancel={props.onClose}
        onSubmit={submit}
        submitting={submitting}
        disabled={target === undefined || reason.trim().length === 0}
        destructive
      />
    </Dialog>
  );
};

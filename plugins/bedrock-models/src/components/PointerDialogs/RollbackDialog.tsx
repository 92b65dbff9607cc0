import { useState } from 'react';
import { Alert, Dialog, DialogBody, DialogHeader, Flex } from '@backstage/ui';
import { useApi } from '@backstage/frontend-plugin-api';
import type { AliasPointer } from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { bedrockModelsApiRef } from '../../api/BedrockModelsApi';
import { isApprovalRequested } from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { callersNotice } from '../../model/callersNotice';
import { approvalNotice } from '../../model/approvalNotice';
import { ConflictAlert } from './ConflictAlert';
import { ChangeDialogFooter } from './ChangeDialogFooter';
import { useDialogSubmit } from './useDialogSubmit';
import { MoveSummary } from './MoveSummary';
import { ReasonField } from './ReasonField';

/**
 * Roll a pointer back, with a reason; shows from and to. The target is the one the backend names for
 * the pointer (`rollbackTarget`), so the dialog shows what the rollback will do.
 */
export const RollbackDialog = (props: {
  modelName: string;
  /** The pointer as last read; refreshed after a conflict. */
  pointer: AliasPointer;
  onClose: () => void;
  onMoved: (summary: string) => void;
  onRefresh: () => void;
}) => {
  const { modelName, pointer } = props;
  const api = useApi(bedrockModelsApiRef);
  const [reason, setReason] = useState('');
  const { submitting, error, conflict, run } = useDialogSubmit(props.onRefresh);
  const target = pointer.rollbackTarget;

  const submit = () =>
    run(async () => {
      const moved = await api.rollbackPointer({
        modelName,
        alias: pointer.alias,
        region: pointer.region,
        reason,
        expectedCurrentVersion: pointer.version,
      });
      if (isApprovalRequested(moved)) {
        props.onMoved(approvalNotice(moved.approvalRequest));
        return;
      }
      props.onMoved(
        `The ${pointer.alias} pointer in ${pointer.region} is back on version ${
          moved.pointer.version
        }. ${callersNotice(moved)}`,
      );
    });

  return (
    <Dialog isOpen onOpenChange={open => !open && props.onClose()} width={560}>
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
          <ReasonField
            value={reason}
            onChange={setReason}
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
              status="danger"
              title="Not rolled back"
              description={error}
            />
          )}
        </Flex>
      </DialogBody>
      <ChangeDialogFooter
        label="Roll back"
        onCancel={props.onClose}
        onSubmit={submit}
        submitting={submitting}
        disabled={target === undefined || reason.trim().length === 0}
        destructive
      />
    </Dialog>
  );
};

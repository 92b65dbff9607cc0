import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import {
  Alert,
  Dialog,
  DialogBody,
  DialogHeader,
  Flex,
  Skeleton,
} from '@backstage/ui';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  AliasPointer,
  rollbackTarget,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { bedrockModelsApiRef } from '../../api/BedrockModelsApi';
import { describeError } from '../../api/describeError';
import { ConflictAlert } from './ConflictAlert';
import { ChangeDialogFooter } from './ChangeDialogFooter';
import { useDialogSubmit } from './useDialogSubmit';
import { MoveSummary } from './MoveSummary';
import { ReasonField } from './ReasonField';

/** Roll a pointer back to the version it named before, with a reason; shows from and to. */
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

  // The whole history decides the target (recent history on the page may be cut short); re-read on every move.
  const history = useAsync(
    () => api.getPointerHistory(modelName, pointer.alias, pointer.region),
    [api, modelName, pointer.alias, pointer.region, pointer.revision],
  );
  const target = history.value ? rollbackTarget(history.value) : undefined;

  const submit = () =>
    run(async () => {
      const result = await api.rollback({
        modelName,
        alias: pointer.alias,
        region: pointer.region,
        reason,
        expectedCurrentVersion: pointer.version,
      });
      props.onMoved(
        `The ${pointer.alias} pointer in ${pointer.region} is back on version ${result.pointer.version}.`,
      );
    });

  return (
    <Dialog isOpen onOpenChange={open => !open && props.onClose()} width={560}>
      <DialogHeader>
        Roll back {pointer.alias} in {pointer.region}
      </DialogHeader>
      <DialogBody>
        <Flex direction="column" gap="3">
          {history.loading && <Skeleton width={280} height={40} />}
          {history.error && (
            <Alert
              status="danger"
              title="The pointer's history cannot be read"
              description={describeError(history.error)}
            />
          )}
          {history.value && (
            <MoveSummary
              alias={pointer.alias}
              region={pointer.region}
              from={pointer.version}
              to={target}
            />
          )}
          {history.value && target === undefined && (
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

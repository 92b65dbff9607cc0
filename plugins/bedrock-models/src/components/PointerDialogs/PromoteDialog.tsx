import { useState } from 'react';
import {
  Alert,
  Dialog,
  DialogBody,
  DialogHeader,
  Flex,
  Select,
} from '@backstage/ui';
import { useApi } from '@backstage/frontend-plugin-api';
import type {
  AliasPointer,
  ModelVersion,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { bedrockModelsApiRef } from '../../api/BedrockModelsApi';
import { isApprovalRequested } from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { callersNotice } from '../../model/callersNotice';
import { approvalNotice } from '../../model/approvalNotice';
import { ConflictAlert } from './ConflictAlert';
import { ChangeDialogFooter } from './ChangeDialogFooter';
import { useDialogSubmit } from './useDialogSubmit';
import { MoveSummary } from './MoveSummary';
import { ReasonField } from './ReasonField';

/** Promote a version to an alias in its Region, with a reason; shows from and to. */
export const PromoteDialog = (props: {
  modelName: string;
  version: ModelVersion;
  /** The configured aliases, production first (empty while settings cannot be read). */
  aliases: string[];
  /** The model's pointers as last read; refreshed after a conflict. */
  pointers: AliasPointer[];
  onClose: () => void;
  /** Called after the move, with what moved and whether callers see it yet. */
  onMoved: (summary: string) => void;
  /** Re-reads the model (after someone else moved the pointer). */
  onRefresh: () => void;
}) => {
  const { modelName, version, aliases, pointers } = props;
  const api = useApi(bedrockModelsApiRef);
  const [chosen, setAlias] = useState<string>();
  // Until the user picks one, the first configured alias (production).
  const alias = chosen ?? aliases[0];
  const [reason, setReason] = useState('');
  const { submitting, error, conflict, run, reset } = useDialogSubmit(
    props.onRefresh,
  );

  if (alias === undefined) {
    return (
      <Dialog
        isOpen
        onOpenChange={open => !open && props.onClose()}
        width={560}
      >
        <DialogHeader>
          Promote version {version.number} of {modelName}
        </DialogHeader>
        <DialogBody>
          <Alert
            status="warning"
            title="The portal's aliases cannot be read right now, so there is nothing to promote to. Close this and try again in a moment."
          />
        </DialogBody>
        <ChangeDialogFooter
          label="Promote"
          onCancel={props.onClose}
          onSubmit={() => {}}
          submitting={false}
          disabled
        />
      </Dialog>
    );
  }

  const current = pointers.find(
    p => p.alias === alias && p.region === version.region,
  );
  const from = current?.version ?? null;
  const alreadyNamed = from === version.number;

  const submit = () =>
    run(async () => {
      const moved = await api.promoteVersion({
        modelName,
        alias,
        region: version.region,
        version: version.number,
        reason,
        expectedCurrentVersion: from,
      });
      if (isApprovalRequested(moved)) {
        props.onMoved(approvalNotice(moved.approvalRequest));
        return;
      }
      props.onMoved(
        `Version ${version.number} now serves ${alias} in ${
          version.region
        }. ${callersNotice(moved)}`,
      );
    });

  return (
    <Dialog isOpen onOpenChange={open => !open && props.onClose()} width={560}>
      <DialogHeader>
        Promote version {version.number} of {modelName}
      </DialogHeader>
      <DialogBody>
        <Flex direction="column" gap="3">
          <Select
            label="Alias"
            options={aliases.map(a => ({ id: a, label: a }))}
            value={alias}
            onChange={key => {
              setAlias(String(key));
              reset();
            }}
          />
          <MoveSummary
            alias={alias}
            region={version.region}
            from={from}
            to={version.number}
          />
          {alreadyNamed && (
            <Alert
              status="info"
              title={`The ${alias} pointer in ${version.region} already names version ${version.number}.`}
            />
          )}
          <ReasonField
            value={reason}
            onChange={setReason}
            placeholder="Why this version should serve now"
          />
          {conflict && (
            <ConflictAlert
              message={conflict}
              alias={alias}
              region={version.region}
              current={current}
            />
          )}
          {error && (
            <Alert status="danger" title="Not promoted" description={error} />
          )}
        </Flex>
      </DialogBody>
      <ChangeDialogFooter
        label="Promote"
        onCancel={props.onClose}
        onSubmit={submit}
        submitting={submitting}
        disabled={alreadyNamed || reason.trim().length === 0}
      />
    </Dialog>
  );
};

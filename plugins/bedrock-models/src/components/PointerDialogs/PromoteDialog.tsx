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
import { namedApprovers } from '../../model/approvalNotice';
import { MoveOutcome, moveOutcome } from '../../model/moveOutcome';
import { useEntityDisplayNames } from '../../names/useEntityDisplayNames';
import { ConflictAlert } from './ConflictAlert';
import { ChangeDialogFooter } from './ChangeDialogFooter';
import { EvaluationEvidence } from './EvaluationEvidence';
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
 * Promote a version to an alias in its Region, with a reason. Before the click it shows what the move
 * does (the backend's dry run): the SSM parameter callers read, the ARN now and after, when the version
 * last served calls, the approval rule that covers the move (then the button asks for approval) and
 * the evaluation gate's view of the version next to the one the alias names now.
 */
export const PromoteDialog = (props: {
  modelName: string;
  version: ModelVersion;
  /** The configured aliases, production first (empty while settings cannot be read). */
  aliases: string[];
  /** The model's pointers as last read; refreshed after a conflict. */
  pointers: AliasPointer[];
  /** The model's versions, for the ARN the pointer names now. */
  versions: ModelVersion[];
  onClose: () => void;
  /** Called after the move or the approval request, with what it came to. */
  onMoved: (outcome: MoveOutcome) => void;
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
  const current = pointers.find(
    p => p.alias === alias && p.region === version.region,
  );
  const from = current?.version ?? null;
  const preview = useMovePreview(
    async () =>
      alias === undefined
        ? undefined
        : api.promoteVersion({
            modelName,
            alias,
            region: version.region,
            version: version.number,
            reason: PREVIEW_REASON,
            expectedCurrentVersion: from,
            dryRun: true,
          }),
    [api, modelName, alias, version.region, version.number, from],
  );
  const activity = useLastActivity(modelName, version.number, version.region);
  // The approval rule's groups and users by name, in the notice a request becomes.
  const approverName = useEntityDisplayNames(
    namedApprovers(preview.value?.approvalRule?.approvers ?? []),
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
            role="alert"
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

  const alreadyNamed = from === version.number;
  const needsApproval = preview.value?.needsApproval === true;
  const blocked = preview.value?.evaluation?.verdict === 'block';

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
      props.onMoved(
        moveOutcome(
          moved,
          () =>
            `Version ${version.number} now serves ${alias} in ${version.region}.`,
          approverName,
        ),
      );
    });

  return (
    <Dialog isOpen onOpenChange={open => !open && props.onClose()} width={640}>
      <DialogHeader>
        Promote version {version.number} of {modelName}
      </DialogHeader>
      <DialogBody>
        <Flex direction="column" gap="3">
          <Select
            label="Alias"
            autoFocus
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
          <MoveEvidence
            kind="promote"
            alias={alias}
            region={version.region}
            accountId={version.accountId}
            from={{
              number: from,
              version: props.versions.find(v => v.number === from),
            }}
            to={{ number: version.number, version }}
            preview={preview}
            activity={activity}
          />
          <EvaluationEvidence
            modelName={modelName}
            alias={alias}
            region={version.region}
            candidate={version.number}
            current={from}
            gate={{
              loading: preview.loading,
              error: preview.error,
              value: preview.value?.evaluation,
            }}
            onOpenRun={props.onClose}
          />
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
            <Alert
              role="alert"
              status="danger"
              title={needsApproval ? 'Approval not requested' : 'Not promoted'}
              description={error}
            />
          )}
        </Flex>
      </DialogBody>
      <ChangeDialogFooter
        label={needsApproval ? 'Request approval' : 'Promote'}
        onCancel={props.onClose}
        onSubmit={submit}
        submitting={submitting}
        disabled={alreadyNamed || blocked || reason.trim().length === 0}
      />
    </Dialog>
  );
};

import { useState } from 'react';
import {
  Alert,
  Dialog,
  DialogBody,
  DialogHeader,
  Flex,
  Text,
} from '@backstage/ui';
import { useApi } from '@backstage/frontend-plugin-api';
import type { ModelVersion } from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { bedrockModelsApiRef } from '../../api/BedrockModelsApi';
import { ReasonField } from './ReasonField';
import { ChangeDialogFooter } from './ChangeDialogFooter';
import { useDialogSubmit } from './useDialogSubmit';

/** Retire a version (delete its imported model in Bedrock), with a reason. */
export const RetireDialog = (props: {
  modelName: string;
  version: ModelVersion;
  onClose: () => void;
  onRetired: (summary: string) => void;
  onRefresh: () => void;
}) => {
  const { modelName, version } = props;
  const api = useApi(bedrockModelsApiRef);
  const [reason, setReason] = useState('');
  // A 409 means a pointer names the version now: the page re-reads, and the reason shows like any other.
  const { submitting, error, conflict, run } = useDialogSubmit(props.onRefresh);

  const submit = () =>
    run(async () => {
      await api.retireVersion({
        modelName,
        version: version.number,
        reason,
      });
      props.onRetired(`Version ${version.number} is retired.`);
    });

  return (
    <Dialog isOpen onOpenChange={open => !open && props.onClose()} width={560}>
      <DialogHeader>
        Retire version {version.number} of {modelName}
      </DialogHeader>
      <DialogBody>
        <Flex direction="column" gap="3">
          <Text as="p">
            This deletes the imported model{' '}
            <strong>
              {version.importedModelName ?? version.importedModelArn}
            </strong>{' '}
            in {version.region}. Its storage stops being billed, and it cannot
            be promoted again; the version and its history stay in the registry.
          </Text>
          <ReasonField value={reason} onChange={setReason} />
          {(conflict ?? error) && (
            <Alert
              status="danger"
              title="Not retired"
              description={conflict ?? error}
            />
          )}
        </Flex>
      </DialogBody>
      <ChangeDialogFooter
        label="Retire"
        onCancel={props.onClose}
        onSubmit={submit}
        submitting={submitting}
        disabled={reason.trim().length === 0}
        destructive
      />
    </Dialog>
  );
};

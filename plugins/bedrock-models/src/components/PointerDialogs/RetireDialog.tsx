import { useState } from 'react';
import {
  Alert,
  Dialog,
  DialogBody,
  DialogHeader,
  Flex,
  Skeleton,
  Text,
} from '@backstage/ui';
import { useApi } from '@backstage/frontend-plugin-api';
import type { ModelVersion } from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { bedrockModelsApiRef } from '../../api/BedrockModelsApi';
import { describeError } from '../../api/describeError';
import { recentTrafficNotice } from '../../model/recentTraffic';
import { useAccountNames } from '../../names/useAccountNames';
import { CopyableText } from '../shared/CopyableText';
import { ReasonField } from './ReasonField';
import { ChangeDialogFooter } from './ChangeDialogFooter';
import { useDialogSubmit } from './useDialogSubmit';
import { useVersionTraffic } from './useVersionTraffic';

/**
 * Retire a version (delete its imported model in Bedrock), with a reason: it names the imported model
 * that is deleted (Bedrock's name and ARN, Region and account) and warns when the version was called in
 * the last 30 days.
 */
export const RetireDialog = (props: {
  modelName: string;
  version: ModelVersion;
  onClose: () => void;
  onRetired: (summary: string) => void;
  onRefresh: () => void;
}) => {
  const { modelName, version } = props;
  const api = useApi(bedrockModelsApiRef);
  const accountName = useAccountNames();
  const [reason, setReason] = useState('');
  const traffic = useVersionTraffic(modelName, version);
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

  const account = accountName(version.accountId);
  const notice =
    traffic.loading || traffic.error
      ? undefined
      : recentTrafficNotice(traffic.value, version.number);

  return (
    <Dialog isOpen onOpenChange={open => !open && props.onClose()} width={600}>
      <DialogHeader>
        Retire version {version.number} of {modelName}
      </DialogHeader>
      <DialogBody>
        <Flex direction="column" gap="3">
          <Flex direction="column" gap="1">
            <Text as="p">
              This deletes the imported model{' '}
              <strong>
                {version.importedModelName ?? `of version ${version.number}`}
              </strong>{' '}
              in {version.region}, account{' '}
              <span title={version.accountId}>
                {account === version.accountId
                  ? account
                  : `${account} (${version.accountId})`}
              </span>
              :
            </Text>
            {version.importedModelArn && (
              <CopyableText
                text={version.importedModelArn}
                label="ARN of the imported model to delete"
              />
            )}
            <Text as="p">
              Its storage stops being billed, and it cannot be promoted again;
              the version and its history stay in the registry.
            </Text>
          </Flex>
          {traffic.loading && !traffic.value && (
            <Skeleton width="100%" height={40} />
          )}
          {notice?.level === 'warning' && (
            <Alert
              role="alert"
              status="warning"
              title="This version had traffic recently"
              description={notice.text}
            />
          )}
          {notice?.level === 'info' && (
            <Text as="p" variant="body-small" color="secondary">
              {notice.text}
            </Text>
          )}
          {traffic.error && (
            <Text as="p" variant="body-small" color="secondary">
              Whether it was called lately cannot be read:{' '}
              {describeError(traffic.error)}
            </Text>
          )}
          <ReasonField
            value={reason}
            onChange={setReason}
            // A dialog focuses its first field (the WAI-ARIA dialog pattern), not a page on load.
            // eslint-disable-next-line jsx-a11y/no-autofocus
            autoFocus
          />
          {(conflict ?? error) && (
            <Alert
              role="alert"
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

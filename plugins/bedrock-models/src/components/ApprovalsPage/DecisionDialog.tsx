import { useState } from 'react';
import {
  Alert,
  Button,
  Dialog,
  DialogBody,
  DialogFooter,
  DialogHeader,
  Flex,
  Text,
  TextAreaField,
} from '@backstage/ui';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  ApprovalRequest,
  DecisionResponse,
  MAX_REASON_LENGTH,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { bedrockModelsApiRef } from '../../api/BedrockModelsApi';
import { describeError } from '../../api/describeError';
import { requestedMove } from '../../approvals/approvalViews';
import type { Decision } from '../../approvals/decisionOutcome';

const WORDS: Record<
  Decision,
  { title: string; action: string; placeholder: string; refused: string }
> = {
  approve: {
    title: 'Approve',
    action: 'Approve',
    placeholder: 'What you checked, e.g. the evaluation run',
    refused: 'Not approved',
  },
  reject: {
    title: 'Reject',
    action: 'Reject',
    placeholder: 'What is missing or wrong',
    refused: 'Not rejected',
  },
  cancel: {
    title: 'Cancel',
    action: 'Cancel the request',
    placeholder: 'Why the move is no longer wanted',
    refused: 'Not cancelled',
  },
};

/**
 * Approve, reject or cancel one request, with a required reason (kept with the decision). The backend
 * decides: a refusal (not an approver, your own request, expired, already decided, stale) shows as its
 * message and nothing changes.
 */
export const DecisionDialog = (props: {
  request: ApprovalRequest;
  decision: Decision;
  onClose: () => void;
  onDecided: (response: DecisionResponse) => void;
}) => {
  const { request, decision } = props;
  const api = useApi(bedrockModelsApiRef);
  const [reason, setReason] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string>();
  const words = WORDS[decision];

  const send = async () => {
    setSending(true);
    setError(undefined);
    const call = { id: request.id, reason };
    try {
      let response: DecisionResponse;
      if (decision === 'approve') response = await api.approveRequest(call);
      else if (decision === 'reject') response = await api.rejectRequest(call);
      else response = await api.cancelRequest(call);
      props.onDecided(response);
    } catch (e) {
      setError(describeError(e as Error));
    } finally {
      setSending(false);
    }
  };

  return (
    <Dialog isOpen onOpenChange={open => !open && props.onClose()} width={560}>
      <DialogHeader>
        {words.title} the request for {request.modelName}
      </DialogHeader>
      <DialogBody>
        <Flex direction="column" gap="3">
          <Text as="p" variant="body-medium">
            {requestedMove(request)}, asked by {request.requestedBy}: “
            {request.reason}”
          </Text>
          <TextAreaField
            label="Reason"
            description="Kept with your decision, with your name and the time."
            isRequired
            autoFocus
            maxLength={MAX_REASON_LENGTH}
            value={reason}
            onChange={setReason}
            placeholder={words.placeholder}
          />
          {error && (
            <Alert
              role="alert"
              status="danger"
              title={words.refused}
              description={error}
            />
          )}
        </Flex>
      </DialogBody>
      <DialogFooter>
        <Button variant="secondary" onPress={props.onClose}>
          Back
        </Button>
        <Button
          variant="primary"
          destructive={decision !== 'approve'}
          onPress={send}
          isPending={sending}
          isDisabled={reason.trim().length === 0}
        >
          {words.action}
        </Button>
      </DialogFooter>
    </Dialog>
  );
};

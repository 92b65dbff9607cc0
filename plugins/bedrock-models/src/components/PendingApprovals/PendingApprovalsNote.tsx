import { ActorName } from '../../names/ActorName';
import { Flex, Link, Text } from '@backstage/ui';
import type { ApprovalRequest } from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import {
  approvalRequestPath,
  approvalsSoFar,
} from '../../approvals/approvalViews';
import { formatDateTime } from '../../format/formatDateTime';

/** The pending approval requests of one pointer, on its card, each with a link to the request. */
export const PendingApprovalsNote = (props: {
  requests: ApprovalRequest[];
}) => {
  if (props.requests.length === 0) return null;
  return (
    <Flex
      direction="column"
      gap="1"
      role="group"
      aria-label="Pending approval requests"
      p="2"
      style={{
        borderLeft: '3px solid var(--bui-warning-fg, #b26b00)',
        background: 'var(--bui-warning-bg-subdued, #fff8e5)',
      }}
    >
      {props.requests.map(request => (
        <Flex key={request.id} direction="column" gap="0.5">
          <Text as="p" variant="body-small">
            Waiting for approval: {request.kind} to version{' '}
            {request.targetVersion}, asked by{' '}
            <ActorName actor={request.requestedBy} /> ({approvalsSoFar(request)}
            , expires {formatDateTime(request.expiresAt)})
          </Text>
          <Link href={approvalRequestPath(request.id)} variant="body-small">
            Open the request to version {request.targetVersion}
          </Link>
        </Flex>
      ))}
    </Flex>
  );
};

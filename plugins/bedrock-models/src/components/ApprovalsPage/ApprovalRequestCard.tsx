import { ActorName } from '../../names/ActorName';
import {
  Box,
  Button,
  Card,
  CardBody,
  CardHeader,
  Flex,
  Link,
  Text,
} from '@backstage/ui';
import type { ApprovalRequest } from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import {
  approvalsSoFar,
  requestedMove,
  whyNotDecide,
} from '../../approvals/approvalViews';
import type { Decision } from '../../approvals/decisionOutcome';
import {
  approvalRuleInWords,
  namedApprovers,
} from '../../model/approvalNotice';
import { useEntityDisplayNames } from '../../names/useEntityDisplayNames';
import { formatDateTime } from '../../format/formatDateTime';
import { EvidenceList } from '../PointerDialogs/EvidenceList';
import { DisabledReason } from '../shared/DisabledReason';

const STATUS_COLOR: Record<
  ApprovalRequest['status'],
  'warning' | 'success' | 'danger' | 'secondary'
> = {
  pending: 'warning',
  approved: 'success',
  rejected: 'danger',
  expired: 'secondary',
  cancelled: 'secondary',
  stale: 'secondary',
};

const DECIDED: Record<string, string> = {
  approve: 'approved',
  reject: 'rejected',
  cancel: 'cancelled',
  expire: 'expired',
  stale: 'found it stale',
};

/**
 * One approval request: the model, the pointer and the move, who asked and why, the rule, the decisions
 * so far and when it expires; Approve and Reject for its approvers, Cancel for its requester.
 */
export const ApprovalRequestCard = (props: {
  request: ApprovalRequest;
  /** The signed-in user's entity ref. */
  me?: string;
  /** Link to the model's Bedrock tab. */
  modelHref?: string;
  onDecide: (decision: Decision) => void;
}) => {
  const { request, me } = props;
  const pending = request.status === 'pending';
  const notDecider = whyNotDecide(request, me);
  const reasonId = `decide-reason-${request.id}`;
  const mine = me !== undefined && request.requestedBy === me;
  const title = `${request.modelName}: ${request.alias} in ${request.region}`;
  const displayName = useEntityDisplayNames(
    namedApprovers(request.rule.approvers),
  );
  return (
    <Card role="article" aria-label={`Approval request: ${title}`}>
      <CardHeader>
        <Flex justify="between" align="center" gap="2">
          <Flex direction="column" gap="0.5">
            <Text as="h3" variant="title-x-small">
              {props.modelHref ? (
                <Link href={props.modelHref}>{request.modelName}</Link>
              ) : (
                request.modelName
              )}
              : {request.alias} in {request.region}
            </Text>
            <Text as="p" variant="body-medium">
              {requestedMove(request)}
            </Text>
          </Flex>
          <Text
            as="span"
            variant="body-small"
            weight="bold"
            color={STATUS_COLOR[request.status]}
          >
            {request.status}
          </Text>
        </Flex>
      </CardHeader>
      <CardBody>
        <Flex direction="column" gap="3">
          <EvidenceList
            label="Request details"
            items={[
              {
                term: 'Requested by',
                value: (
                  <>
                    <ActorName actor={request.requestedBy} />,{' '}
                    {formatDateTime(request.createdAt)}
                  </>
                ),
              },
              { term: 'Reason', value: `“${request.reason}”` },
              {
                term: 'Rule',
                value: approvalRuleInWords(request.rule, displayName),
              },
              {
                term: pending ? 'Expires' : 'Decided',
                value: pending
                  ? formatDateTime(request.expiresAt)
                  : formatDateTime(request.decidedAt),
              },
              {
                term: 'Decisions',
                value:
                  request.decisions.length === 0 ? (
                    `none yet (${approvalsSoFar(request)})`
                  ) : (
                    <Box as="ul" style={{ margin: 0, paddingLeft: 18 }}>
                      {request.decisions.map(d => (
                        <li key={`${d.actor}-${d.at}-${d.decision}`}>
                          <Text as="span" variant="body-small">
                            <ActorName actor={d.actor} />{' '}
                            {DECIDED[d.decision] ?? d.decision},{' '}
                            {formatDateTime(d.at)}: “{d.reason}”
                          </Text>
                        </li>
                      ))}
                    </Box>
                  ),
              },
            ]}
          />
          {pending && (
            <Flex direction="column" gap="1">
              <Flex gap="2">
                <Button
                  size="small"
                  variant="primary"
                  isDisabled={!request.mayDecide}
                  aria-describedby={notDecider ? reasonId : undefined}
                  onPress={() => props.onDecide('approve')}
                >
                  Approve
                </Button>
                <Button
                  size="small"
                  variant="secondary"
                  isDisabled={!request.mayDecide}
                  aria-describedby={notDecider ? reasonId : undefined}
                  onPress={() => props.onDecide('reject')}
                >
                  Reject
                </Button>
                {mine && (
                  <Button
                    size="small"
                    variant="tertiary"
                    onPress={() => props.onDecide('cancel')}
                  >
                    Cancel request
                  </Button>
                )}
              </Flex>
              {notDecider && (
                <DisabledReason id={reasonId} reason={notDecider} />
              )}
            </Flex>
          )}
        </Flex>
      </CardBody>
    </Card>
  );
};

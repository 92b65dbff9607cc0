import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { useSearchParams } from 'react-router-dom';
import {
  Alert,
  Button,
  Container,
  Flex,
  Link,
  Select,
  Tab,
  TabList,
  Tabs,
  Text,
} from '@backstage/ui';
import { identityApiRef, useApi } from '@backstage/frontend-plugin-api';
import { useRouteRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import type {
  ApprovalRequest,
  DecisionResponse,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { bedrockModelsApiRef } from '../../api/BedrockModelsApi';
import {
  APPROVAL_STATUSES,
  APPROVALS_PATH,
  APPROVALS_TABS,
  ApprovalsTab,
  approvalsQuery,
} from '../../approvals/approvalViews';
import { Decision, decisionOutcome } from '../../approvals/decisionOutcome';
import { ErrorWithRetry } from '../shared/ErrorWithRetry';
import { LoadingState } from '../shared/LoadingState';
import { ApprovalRequestCard } from './ApprovalRequestCard';
import { DecisionDialog } from './DecisionDialog';

type StatusFilter = ApprovalRequest['status'] | 'any';

const isTab = (value: string | null): value is ApprovalsTab =>
  APPROVALS_TABS.some(t => t.id === value);
const isStatus = (value: string | null): value is StatusFilter =>
  value === 'any' || APPROVAL_STATUSES.some(s => s === value);

/**
 * Approval requests for promotes and rollbacks that a rule covers: those the signed-in user may decide,
 * those they asked for, or all (filtered by status); a request a link names shows first. Tab, status
 * and request live in the URL, so a view can be shared.
 */
export const ApprovalsPage = () => {
  const api = useApi(bedrockModelsApiRef);
  const identityApi = useApi(identityApiRef);
  const entityRoute = useRouteRef(entityRouteRef);
  const [searchParams, setSearchParams] = useSearchParams();
  const tabParam = searchParams.get('tab');
  const tab: ApprovalsTab = isTab(tabParam) ? tabParam : 'decide';
  const statusParam = searchParams.get('status');
  // "To decide" lists pending requests only; the others default to every status.
  const status: StatusFilter =
    tab !== 'decide' && isStatus(statusParam) ? statusParam : 'any';
  const linkedId = searchParams.get('request') ?? undefined;
  const [deciding, setDeciding] = useState<{
    request: ApprovalRequest;
    decision: Decision;
  }>();
  const [outcome, setOutcome] = useState<string>();

  const me = useAsync(
    async () => (await identityApi.getBackstageIdentity()).userEntityRef,
    [identityApi],
  );
  const list = useAsyncRetry(
    async () =>
      (await api.listApprovalRequests(approvalsQuery(tab, status))).items,
    [api, tab, status],
  );
  const linked = useAsyncRetry(
    async () =>
      linkedId === undefined
        ? undefined
        : api.getApprovalRequest({ id: linkedId }),
    [api, linkedId],
  );

  const setParam = (name: string, value: string | undefined) => {
    const next = new URLSearchParams(searchParams);
    if (value === undefined) next.delete(name);
    else next.set(name, value);
    setSearchParams(next);
  };
  const modelHref = (model: string) => {
    const entity = entityRoute?.({
      kind: 'resource',
      namespace: 'default',
      name: model,
    });
    return entity ? `${entity}/bedrock` : undefined;
  };
  const decided = (decision: Decision, response: DecisionResponse) => {
    setDeciding(undefined);
    setOutcome(decisionOutcome(decision, response));
    list.retry();
    linked.retry();
  };
  const card = (request: ApprovalRequest) => (
    <ApprovalRequestCard
      key={request.id}
      request={request}
      me={me.value}
      modelHref={modelHref(request.modelName)}
      onDecide={decision => {
        setOutcome(undefined);
        setDeciding({ request, decision });
      }}
    />
  );

  return (
    <Container>
      <Flex direction="column" gap="4" py="4">
        <Text as="p" variant="body-medium" color="secondary">
          Promotes and rollbacks that an approval rule covers wait here until
          enough approvers agree; the approval that completes a request moves
          the pointer. Nobody approves their own request.
        </Text>
        {outcome && (
          <Alert
            role="status"
            status="success"
            title={outcome}
            customActions={
              <Button
                size="small"
                variant="tertiary"
                onPress={() => setOutcome(undefined)}
              >
                Dismiss
              </Button>
            }
          />
        )}
        {linkedId && (
          <Flex direction="column" gap="2">
            <Flex justify="between" align="center">
              <Text as="h2" variant="title-small">
                The request you followed
              </Text>
              <Link href={`${APPROVALS_PATH}?tab=${tab}`}>Hide it</Link>
            </Flex>
            {linked.loading && !linked.value && <LoadingState />}
            {linked.error && (
              <ErrorWithRetry
                title="The request cannot be read"
                error={linked.error}
                onRetry={linked.retry}
              />
            )}
            {!linked.loading && !linked.error && !linked.value && (
              <Text as="p" color="secondary">
                There is no approval request {linkedId}.
              </Text>
            )}
            {linked.value && card(linked.value)}
          </Flex>
        )}
        <Tabs
          selectedKey={tab}
          onSelectionChange={key => setParam('tab', String(key))}
        >
          <TabList aria-label="Which requests">
            {APPROVALS_TABS.map(t => (
              <Tab key={t.id} id={t.id}>
                {t.label}
              </Tab>
            ))}
          </TabList>
        </Tabs>
        {tab !== 'decide' && (
          <Flex>
            <Select
              label="Status"
              options={[
                { id: 'any', label: 'any' },
                ...APPROVAL_STATUSES.map(s => ({ id: s, label: s })),
              ]}
              value={status}
              onChange={key => setParam('status', String(key))}
            />
          </Flex>
        )}
        {list.loading && !list.value && <LoadingState />}
        {list.error && (
          <ErrorWithRetry
            title="The approval requests cannot be read"
            error={list.error}
            onRetry={list.retry}
          />
        )}
        {list.value && list.value.length === 0 && (
          <Text as="p" color="secondary">
            {tab === 'decide'
              ? 'Nothing waits for your decision.'
              : 'No requests match.'}
          </Text>
        )}
        {list.value && list.value.length > 0 && (
          <Flex
            direction="column"
            gap="3"
            role="list"
            aria-label="Approval requests"
          >
            {list.value.map(request => (
              <div role="listitem" key={request.id}>
                {card(request)}
              </div>
            ))}
          </Flex>
        )}
      </Flex>
      {deciding && (
        <DecisionDialog
          request={deciding.request}
          decision={deciding.decision}
          onClose={() => setDeciding(undefined)}
          onDecided={response => decided(deciding.decision, response)}
        />
      )}
    </Container>
  );
};

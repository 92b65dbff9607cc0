import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  Alert,
  Box,
  ButtonLink,
  Card,
  CardBody,
  Flex,
  Select,
  Skeleton,
  Text,
} from '@backstage/ui';
import type { AttentionItem } from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { bedrockModelsApiRef } from '../../api/BedrockModelsApi';
import { formatDateTime } from '../../format/formatDateTime';
import { formatMoney } from '../../format/formatMoney';
import { formatShare } from '../../format/formatShare';
import { IDLE_DAY_CHOICES } from '../../governance/governanceUrlState';
import { AccountNameOf } from '../../names/useAccountNames';
import { ErrorWithRetry } from '../shared/ErrorWithRetry';
import { MeterBar } from '../shared/MeterBar';
import { ColdStartsCard } from './ColdStartsCard';

/** What each kind of item concerns, to say how many. */
function countText(item: AttentionItem): string {
  if (item.kind === 'quota') {
    return `${item.count} account-Region ${
      item.count === 1 ? 'pair' : 'pairs'
    }`;
  }
  return `${item.count} ${item.count === 1 ? 'version' : 'versions'}`;
}

const ItemCard = (props: {
  item: AttentionItem;
  currency: string;
  /** Where one click lists what the item is about. */
  href: string;
  accountName: AccountNameOf;
}) => {
  const { item, currency } = props;
  const titleId = `attention-${item.kind}`;
  return (
    <Card>
      <CardBody>
        <Box as="section" aria-labelledby={titleId}>
          <Flex direction="column" gap="2">
            <Flex justify="between" align="start" gap="3">
              <Flex direction="column" gap="1">
                <Text as="h3" variant="title-x-small" id={titleId}>
                  {item.title}
                </Text>
                <Text as="p" variant="body-medium" aria-label="How many">
                  {countText(item)}
                  {item.estimatedMonthlyCost !== undefined &&
                    ` · about ${formatMoney(
                      item.estimatedMonthlyCost,
                      currency,
                    )} a month`}
                  {item.share !== undefined &&
                    ` · ${formatShare(
                      item.share,
                    )} of the estimated monthly spend`}
                </Text>
              </Flex>
              <ButtonLink
                href={props.href}
                variant="secondary"
                size="small"
                aria-label={`${
                  item.kind === 'quota' ? 'Show where they run' : 'List them'
                }: ${item.title}`}
              >
                {item.kind === 'quota' ? 'Show where they run' : 'List them'}
              </ButtonLink>
            </Flex>
            {item.share !== undefined && (
              <MeterBar
                value={Math.round(item.share * 1000) / 10}
                max={100}
                label={`${item.title}: share of the estimated monthly spend`}
                plain
              />
            )}
            {item.quotas && item.quotas.length > 0 && (
              <ul style={{ margin: 0, paddingLeft: '1.2em' }}>
                {item.quotas.map(q => (
                  <li key={`${q.accountId}/${q.region}`}>
                    <Text variant="body-small">
                      <span title={q.accountId}>
                        {props.accountName(q.accountId)}
                      </span>{' '}
                      {q.region}: {q.used} of {q.limit} imported models
                    </Text>
                  </li>
                ))}
              </ul>
            )}
          </Flex>
        </Box>
      </CardBody>
    </Card>
  );
};

/**
 * "What should I look at?": the backend's attention items (costly versions no pointer names, unmanaged
 * ones, versions not invoked for N days, residency breaches, failing SSM publishing, nearly full quotas),
 * each with its count, cost and share, and one click to the list of them; then the models whose callers
 * met cold starts.
 */
export const AttentionView = (props: {
  idleDays: number;
  onIdleDaysChange: (days: number) => void;
  currency: string;
  /** Where the page lists an item's versions (or, for quotas, where they run). */
  hrefOf: (item: AttentionItem) => string;
  accountName: AccountNameOf;
}) => {
  const api = useApi(bedrockModelsApiRef);
  const { idleDays } = props;
  const summary = useAsyncRetry(
    () => api.getAttention({ idleDays }),
    [api, idleDays],
  );

  let body: JSX.Element;
  if (summary.loading && !summary.value) {
    body = <Skeleton width="100%" height={200} />;
  } else if (summary.error) {
    body = (
      <ErrorWithRetry
        title="What needs attention cannot be read"
        error={summary.error}
        onRetry={summary.retry}
      />
    );
  } else {
    const value = summary.value!;
    body = (
      <Flex direction="column" gap="3">
        <Text as="p" variant="body-medium" aria-label="Estimated monthly spend">
          Every version together: about{' '}
          {formatMoney(value.totalMonthlyCost, props.currency)} a month
          (estimated {formatDateTime(value.generatedAt)}).
        </Text>
        {value.awsErrors && value.awsErrors.length > 0 && (
          <Alert
            status="warning"
            title="Some figures are from the last successful read of AWS"
            description={value.awsErrors.join(' · ')}
          />
        )}
        {value.items.length === 0 ? (
          <Alert
            status="success"
            title="Nothing needs attention: every costly version is named by a pointer, every model is managed, used, where its classification allows, published, and within its quotas."
          />
        ) : (
          <ol
            aria-label="What needs attention"
            style={{
              listStyle: 'none',
              margin: 0,
              padding: 0,
              display: 'grid',
              gap: 'var(--bui-space-3, 12px)',
            }}
          >
            {value.items.map(item => (
              <li key={item.kind}>
                <ItemCard
                  item={item}
                  currency={props.currency}
                  href={props.hrefOf(item)}
                  accountName={props.accountName}
                />
              </li>
            ))}
          </ol>
        )}
      </Flex>
    );
  }

  return (
    <Flex direction="column" gap="3">
      <Flex align="end" gap="3" style={{ flexWrap: 'wrap' }}>
        <Select
          label="Idle means not invoked for"
          options={IDLE_DAY_CHOICES.map(d => ({
            id: String(d),
            label: `${d} days`,
          }))}
          value={String(idleDays)}
          onChange={key => props.onIdleDaysChange(Number(key))}
          style={{ minWidth: 220, maxWidth: 320 }}
        />
      </Flex>
      {body}
      <ColdStartsCard />
    </Flex>
  );
};

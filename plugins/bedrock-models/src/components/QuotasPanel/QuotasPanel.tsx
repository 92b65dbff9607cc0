import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { useApi } from '@backstage/frontend-plugin-api';
import { Flex, Skeleton, Text } from '@backstage/ui';
import type { QuotaUsage } from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { bedrockModelsApiRef } from '../../api/BedrockModelsApi';
import { formatDateTime } from '../../format/formatDateTime';
import { useAccountNames } from '../../names/useAccountNames';
import { ErrorWithRetry } from '../shared/ErrorWithRetry';
import { MeterBar } from '../shared/MeterBar';

const QuotaLine = (props: { usage: QuotaUsage; where: string }) => {
  const { usage } = props;
  return (
    <Flex direction="column" gap="1">
      <Flex justify="between">
        <Text variant="body-small">{usage.name}</Text>
        <Text variant="body-small">
          {usage.used} of {usage.limit ?? 'unknown'}
        </Text>
      </Flex>
      {usage.limit !== undefined && (
        <MeterBar
          value={usage.used}
          max={usage.limit}
          label={`${usage.name} in ${props.where}`}
        />
      )}
      {usage.note && (
        <Text variant="body-x-small" color="warning">
          {usage.note}
        </Text>
      )}
    </Flex>
  );
};

/**
 * Custom Model Import quotas, used against limit, in every account (by its configured alias) and Region
 * the model is in.
 */
export const QuotasPanel = (props: {
  targets: Array<{ accountId: string; region: string }>;
}) => {
  const api = useApi(bedrockModelsApiRef);
  const accountName = useAccountNames();
  const key = props.targets.map(t => `${t.accountId}/${t.region}`).join(',');
  const reports = useAsyncRetry(
    () => Promise.all(props.targets.map(target => api.getQuotas(target))),
    // The key stands for the targets, which are a new array on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, key],
  );
  if (reports.loading && !reports.value)
    return <Skeleton width="100%" height={80} />;
  if (reports.error) {
    return (
      <ErrorWithRetry
        title="The quotas cannot be read"
        error={reports.error}
        onRetry={reports.retry}
      />
    );
  }
  return (
    <Flex direction="column" gap="4">
      {reports.value!.map(report => {
        const where = `${report.region} (${accountName(report.accountId)})`;
        return (
          <Flex
            key={`${report.accountId}/${report.region}`}
            direction="column"
            gap="2"
            aria-label={`Quotas in ${where}`}
            role="group"
          >
            <Text as="h4" variant="title-x-small">
              {where}
            </Text>
            <QuotaLine usage={report.importedModels} where={where} />
            <QuotaLine usage={report.concurrentImportJobs} where={where} />
            {report.limitsReadAt && (
              <Text variant="body-x-small" color="secondary">
                Limits read from Service Quotas{' '}
                {formatDateTime(report.limitsReadAt)}
              </Text>
            )}
          </Flex>
        );
      })}
    </Flex>
  );
};

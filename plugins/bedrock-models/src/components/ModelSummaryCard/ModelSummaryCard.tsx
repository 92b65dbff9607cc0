import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { useApi } from '@backstage/frontend-plugin-api';
// core-plugin-api's hook resolves routes in apps on both frontend systems (as catalog-react's own links do).
import { useRouteRef } from '@backstage/core-plugin-api';
import { entityRouteRef, useEntity } from '@backstage/plugin-catalog-react';
import {
  Alert,
  Card,
  CardBody,
  CardHeader,
  Flex,
  Link,
  Skeleton,
  Text,
} from '@backstage/ui';
import type { PointerMove } from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { bedrockModelsApiRef } from '../../api/BedrockModelsApi';
import { formatDateTime } from '../../format/formatDateTime';
import { formatMoney } from '../../format/formatMoney';
import { modelNameOfEntity } from '../../model/modelNameOfEntity';
import { regionPointerViews } from '../../model/regionPointerViews';
import { EntityName } from '../../names/EntityName';
import { useAccountNames } from '../../names/useAccountNames';
import { ErrorWithRetry } from '../shared/ErrorWithRetry';

/** The days the cost projection is read over, as the Bedrock tab's cost panel does. */
const COST_PERIOD_DAYS = 30;

const Label = (props: { children: React.ReactNode }) => (
  <Text variant="body-x-small" color="secondary">
    {props.children}
  </Text>
);

const cellStyle = {
  textAlign: 'left' as const,
  padding:
    'var(--bui-space-1, 4px) var(--bui-space-3, 12px) var(--bui-space-1, 4px) 0',
  verticalAlign: 'top' as const,
};

function lastMoveText(move: PointerMove): string {
  const what = move.kind === 'rollback' ? 'rolled back' : 'promoted';
  const from = move.fromVersion === null ? '' : ` from v${move.fromVersion}`;
  return `${what} ${move.alias} in ${move.region}${from} to v${move.toVersion}`;
}

/**
 * The model at a glance, for the Overview tab of an `ai-model` Resource: what each alias serves in each
 * Region, what the model costs a month, and its last move, with a link to the Bedrock tab.
 */
export const ModelSummaryCard = (props: { now?: () => Date }) => {
  const { entity } = useEntity();
  const modelName = modelNameOfEntity(entity);
  const api = useApi(bedrockModelsApiRef);
  const entityRoute = useRouteRef(entityRouteRef);
  const accountName = useAccountNames();
  const details = useAsyncRetry(
    () => api.getModel({ modelName }),
    [api, modelName],
  );
  const settings = useAsyncRetry(() => api.getSettings(), [api]);
  const cost = useAsyncRetry(() => {
    const to = props.now?.() ?? new Date();
    const from = new Date(to.getTime() - COST_PERIOD_DAYS * 86_400_000);
    return api.getModelCost({
      modelName,
      from: from.toISOString(),
      to: to.toISOString(),
    });
  }, [api, modelName]);

  const tabHref = entityRoute
    ? `${entityRoute({
        kind: entity.kind.toLocaleLowerCase('en-US'),
        namespace: entity.metadata.namespace ?? 'default',
        name: entity.metadata.name,
      })}/bedrock`
    : undefined;

  const body = () => {
    if (details.loading && !details.value) {
      return <Skeleton width="100%" height={120} />;
    }
    if (details.error) {
      return (
        <ErrorWithRetry
          title={`Model ${modelName} cannot be read`}
          error={details.error}
          onRetry={details.retry}
        />
      );
    }
    const data = details.value;
    if (!data) {
      return (
        <Alert
          status="info"
          title={`Model ${modelName} is not in the registry yet.`}
        />
      );
    }
    const aliases = settings.value?.aliases ?? [];
    const regions = regionPointerViews(data, aliases);
    const columns = regions[0]?.pointers.map(p => p.alias) ?? [];
    const lastMove = [...data.recentHistory].sort(
      (a, b) => Date.parse(b.at) - Date.parse(a.at) || b.id - a.id,
    )[0];
    return (
      <Flex direction="column" gap="3">
        <Flex direction="column" gap="1">
          <Label>What serves each alias</Label>
          {regions.length === 0 ? (
            <Text variant="body-small">No version yet.</Text>
          ) : (
            <table
              aria-label="What serves each alias in each Region"
              style={{ borderCollapse: 'collapse' }}
            >
              <thead>
                <tr>
                  <th scope="col" style={cellStyle}>
                    <Label>Region</Label>
                  </th>
                  {columns.map(alias => (
                    <th key={alias} scope="col" style={cellStyle}>
                      <Label>{alias}</Label>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {regions.map(region => (
                  <tr key={region.region}>
                    <th scope="row" style={cellStyle}>
                      <Flex direction="column">
                        <Text variant="body-small" weight="bold">
                          {region.region}
                        </Text>
                        <Text variant="body-x-small" color="secondary">
                          {region.accountIds.map(accountName).join(', ')}
                        </Text>
                      </Flex>
                    </th>
                    {region.pointers.map(view => (
                      <td key={view.alias} style={cellStyle}>
                        <Text
                          variant="body-small"
                          title={view.version?.importedModelArn}
                        >
                          {view.pointer ? `v${view.pointer.version}` : '—'}
                        </Text>
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Flex>
        <Flex direction="column" gap="0.5">
          <Label>Monthly cost</Label>
          {cost.value && (
            <Text variant="body-medium" aria-label="Monthly cost">
              about{' '}
              {formatMoney(
                cost.value.monthlyProjection,
                cost.value.prices.currency,
              )}{' '}
              (projected from the last {COST_PERIOD_DAYS} days)
            </Text>
          )}
          {cost.loading && !cost.value && <Skeleton width={200} height={20} />}
          {cost.error && (
            <ErrorWithRetry
              title="The cost cannot be read"
              error={cost.error}
              onRetry={cost.retry}
            />
          )}
        </Flex>
        <Flex direction="column" gap="0.5">
          <Label>Last move</Label>
          {lastMove ? (
            <Text variant="body-small" aria-label="Last move">
              <EntityName entityRef={lastMove.actor} /> {lastMoveText(lastMove)}
              , {formatDateTime(lastMove.at)}: “{lastMove.reason}”
            </Text>
          ) : (
            <Text variant="body-small">No pointer has moved yet.</Text>
          )}
        </Flex>
        {tabHref && (
          <Link href={tabHref} variant="body-small">
            Pointers, versions, cost and history on the Bedrock tab
          </Link>
        )}
      </Flex>
    );
  };

  return (
    <Card>
      <CardHeader>
        <Text as="h2" variant="title-small">
          Bedrock
        </Text>
      </CardHeader>
      <CardBody>{body()}</CardBody>
    </Card>
  );
};

import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { useApi } from '@backstage/frontend-plugin-api';
import { useRouteRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  Alert,
  Box,
  Card,
  CardBody,
  Flex,
  Link,
  Select,
  Skeleton,
  Text,
} from '@backstage/ui';
import { bedrockModelsApiRef } from '../../api/BedrockModelsApi';
import { describeColdStartItem } from '../../model/keepWarmText';
import { EntityName } from '../../names/EntityName';
import { ErrorWithRetry } from '../shared/ErrorWithRetry';

/** The periods a reviewer may look back over (the backend keeps cold starts 30 days). */
const DAY_CHOICES = [7, 14, 30];

/**
 * Models whose callers met cold starts (GET /cold-starts), most first: how many, the p95 wait, the last
 * one, and each pointer that named the cold version with its keep-warm mode, one click from the model's
 * page where its owners set keep-warm.
 */
export const ColdStartsCard = () => {
  const api = useApi(bedrockModelsApiRef);
  const entityRoute = useRouteRef(entityRouteRef);
  const [days, setDays] = useState(7);
  const coldStarts = useAsyncRetry(
    () => api.listColdStartAttention({ days }),
    [api, days],
  );

  let body: JSX.Element;
  if (coldStarts.loading && !coldStarts.value) {
    body = <Skeleton width="100%" height={80} />;
  } else if (coldStarts.error) {
    body = (
      <ErrorWithRetry
        title="Cold starts cannot be read"
        error={coldStarts.error}
        onRetry={coldStarts.retry}
      />
    );
  } else if (coldStarts.value!.items.length === 0) {
    body = (
      <Alert
        status="success"
        title={`No caller met a cold start in the last ${
          coldStarts.value!.days
        } days.`}
      />
    );
  } else {
    const { items, days: period } = coldStarts.value!;
    body = (
      <ul
        aria-label="Models whose callers met cold starts"
        style={{ margin: 0, paddingLeft: '1.2em' }}
      >
        {items.map(item => {
          const text = describeColdStartItem(item, period);
          const href = entityRoute?.({
            kind: 'resource',
            namespace: 'default',
            name: item.modelName,
          });
          return (
            <li key={`${item.modelName}/${item.region}`}>
              <Flex direction="column" gap="0.5">
                <Text variant="body-medium">
                  {href ? (
                    <Link href={href}>{item.modelName}</Link>
                  ) : (
                    item.modelName
                  )}{' '}
                  in {item.region} · <EntityName entityRef={item.owner} />
                </Text>
                <Text variant="body-small">{text.summary}</Text>
                <Text variant="body-small" color="secondary">
                  {text.pointers}
                </Text>
              </Flex>
            </li>
          );
        })}
      </ul>
    );
  }

  return (
    <Card>
      <CardBody>
        <Box as="section" aria-labelledby="attention-cold-starts">
          <Flex direction="column" gap="2">
            <Flex justify="between" align="end" gap="3">
              <Flex direction="column" gap="1">
                <Text
                  as="h3"
                  variant="title-x-small"
                  id="attention-cold-starts"
                >
                  Callers met cold starts
                </Text>
                <Text as="p" variant="body-small" color="secondary">
                  Measured by heartbeats, warm-ups and evaluations that met an
                  evicted copy. A keep-warm policy on the pointer avoids them;
                  its owners set one on the model&apos;s page.
                </Text>
              </Flex>
              <Select
                label="In the last"
                options={DAY_CHOICES.map(d => ({
                  id: String(d),
                  label: `${d} days`,
                }))}
                value={String(days)}
                onChange={key => setDays(Number(key))}
                style={{ minWidth: 140 }}
              />
            </Flex>
            {body}
          </Flex>
        </Box>
      </CardBody>
    </Card>
  );
};

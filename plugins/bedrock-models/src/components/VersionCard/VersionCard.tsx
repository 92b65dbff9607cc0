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
import { bedrockModelsApiRef } from '../../api/BedrockModelsApi';
import { formatDateTime } from '../../format/formatDateTime';
import { versionOfEntity } from '../../model/modelNameOfEntity';
import { pointersNaming } from '../../model/regionPointerViews';
import { AccountName } from '../../names/AccountName';
import { EntityName } from '../../names/EntityName';
import { CopyableText } from '../shared/CopyableText';
import { ErrorWithRetry } from '../shared/ErrorWithRetry';

const Line = (props: { label: string; children: React.ReactNode }) => (
  <Flex gap="2">
    <Text variant="body-small" color="secondary" style={{ minWidth: 110 }}>
      {props.label}
    </Text>
    <Text variant="body-small" as="span">
      {props.children}
    </Text>
  </Flex>
);

/** The card of an `ai-model-version` Resource: where the version runs, its state, and which pointers name it. */
export const VersionCard = () => {
  const { entity } = useEntity();
  const api = useApi(bedrockModelsApiRef);
  const entityRoute = useRouteRef(entityRouteRef);
  const ref = versionOfEntity(entity);
  // The model's view carries the pointers too, so one call answers "what serves with this version".
  const details = useAsyncRetry(
    async () => (ref ? api.getModel({ modelName: ref.modelName }) : undefined),
    [api, ref?.modelName],
  );

  const body = () => {
    if (!ref) {
      return (
        <Alert
          status="warning"
          title="This entity names no model version"
          description="It needs the bedrock-models.io/model and bedrock-models.io/version annotations."
        />
      );
    }
    if (details.loading && !details.value) {
      return <Skeleton width="100%" height={120} />;
    }
    if (details.error) {
      return (
        <ErrorWithRetry
          title={`Version ${ref.version} of ${ref.modelName} cannot be read`}
          error={details.error}
          onRetry={details.retry}
        />
      );
    }
    const data = details.value;
    if (!data) {
      return (
        <Alert
          status="warning"
          title={`Model ${ref.modelName} is not in the registry.`}
        />
      );
    }
    const version = data.versions.find(v => v.number === ref.version);
    if (!version) {
      return (
        <Alert
          status="warning"
          title={`Model ${ref.modelName} has no version ${ref.version} in the registry.`}
        />
      );
    }
    const named = pointersNaming(version, data.pointers);
    const modelHref = entityRoute?.({
      kind: 'resource',
      namespace: entity.metadata.namespace ?? 'default',
      name: ref.modelName,
    });
    return (
      <Flex direction="column" gap="1">
        <Line label="Model">
          {modelHref ? (
            <Link href={modelHref}>{ref.modelName}</Link>
          ) : (
            ref.modelName
          )}
        </Line>
        <Line label="Status">
          {version.status}
          {version.failureMessage ? `: ${version.failureMessage}` : ''}
        </Line>
        <Line label="Where">
          {version.region}, account{' '}
          <AccountName accountId={version.accountId} />
        </Line>
        <Line label="Serves">
          {named.length > 0 ? named.map(p => p.alias).join(', ') : 'no alias'}
        </Line>
        <Line label="Architecture">{version.architecture ?? 'unknown'}</Line>
        <Line label="CMUs per copy">{version.cmusPerCopy ?? 'unknown'}</Line>
        <Line label="Imported">
          {formatDateTime(version.createdAt)} by{' '}
          <EntityName entityRef={version.createdBy} />
        </Line>
        <Line label="Source">{version.s3Uri}</Line>
        {version.importedModelArn && (
          <CopyableText text={version.importedModelArn} label="ARN" />
        )}
      </Flex>
    );
  };

  return (
    <Card>
      <CardHeader>
        <Text as="h2" variant="title-small">
          Bedrock version
        </Text>
      </CardHeader>
      <CardBody>{body()}</CardBody>
    </Card>
  );
};

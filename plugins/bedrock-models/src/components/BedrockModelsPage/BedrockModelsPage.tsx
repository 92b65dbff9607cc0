import {
  Alert,
  Card,
  CardBody,
  CardHeader,
  Container,
  Flex,
  Skeleton,
  Text,
} from '@backstage/ui';
import { ResponseError } from '@backstage/errors';
import { useBedrockModelsHealth } from './useBedrockModelsHealth';

// A ResponseError's own message is only the status line; the backend's reason is its cause.
function describeError(error: Error): string {
  return error instanceof ResponseError ? error.cause.message : error.message;
}

function describeMigrations(count: number): string {
  return `${count} ${count === 1 ? 'migration' : 'migrations'} applied`;
}

/** The portal's Bedrock models page: what the portal does and whether its backend is up. */
export const BedrockModelsPage = () => {
  const { value: health, loading, error } = useBedrockModelsHealth();

  return (
    <Container>
      <Flex direction="column" gap="4">
        <Text as="p">
          Import fine-tuned models into Amazon Bedrock, promote or roll back the
          version that serves production, and see what every fine-tune costs.
        </Text>
        <Card>
          <CardHeader>
            <Text as="h2" variant="title-small">
              Registry backend
            </Text>
          </CardHeader>
          <CardBody>
            {loading && <Skeleton width={240} height={20} />}
            {error && (
              <Alert
                status="danger"
                title={`The bedrock-models backend cannot be reached: ${describeError(
                  error,
                )}`}
              />
            )}
            {health && (
              <Flex direction="column" gap="1">
                <Text as="p" aria-label="backend status">
                  Status: {health.status}
                </Text>
                <Text as="p" aria-label="database">
                  Database: {health.database.client} (
                  {describeMigrations(health.database.migrationsApplied)})
                </Text>
              </Flex>
            )}
          </CardBody>
        </Card>
      </Flex>
    </Container>
  );
};

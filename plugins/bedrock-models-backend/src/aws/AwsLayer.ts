import { Config } from '@backstage/config';
import { DefaultAwsCredentialsManager } from '@backstage/integration-aws-node';
import { ArtifactReader } from './ArtifactReader';
import { AwsClients } from './AwsClients';
import { BedrockImportApi } from './BedrockImportApi';
import { ModelCopyMetrics } from './ModelCopyMetrics';
import { ModelInvoker } from './ModelInvoker';
import { ServiceQuotaReader } from './ServiceQuotaReader';
import { SsmParameters } from './SsmParameters';

/** Every AWS call the registry makes goes through one of these. */
export type AwsLayer = {
  clients: AwsClients;
  bedrock: BedrockImportApi;
  ssm: SsmParameters;
  artifacts: ArtifactReader;
  metrics: ModelCopyMetrics;
  quotas: ServiceQuotaReader;
  invoker: ModelInvoker;
};

/**
 * The one door to AWS: SDK v3 clients with credentials from @backstage/integration-aws-node (per
 * account), every endpoint overridable for the local emulator.
 */
export function createAwsLayer(config: Config, endpoint?: string): AwsLayer {
  const clients = new AwsClients(
    DefaultAwsCredentialsManager.fromConfig(config),
    endpoint,
  );
  return {
    clients,
    bedrock: new BedrockImportApi(clients),
    ssm: new SsmParameters(clients),
    artifacts: new ArtifactReader(clients),
    metrics: new ModelCopyMetrics(clients),
    quotas: new ServiceQuotaReader(clients),
    invoker: new ModelInvoker(clients),
  };
}

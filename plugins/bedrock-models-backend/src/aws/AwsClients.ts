import { BedrockClient } from '@aws-sdk/client-bedrock';
import { SSMClient } from '@aws-sdk/client-ssm';
import {
  AwsCredentialProvider,
  AwsCredentialsManager,
} from '@backstage/integration-aws-node';

/** What every client is built with. */
type ClientConfig = {
  region: string;
  endpoint?: string;
  credentials: AwsCredentialProvider['sdkCredentialProvider'];
  maxAttempts: number;
};

/**
 * The one way in to AWS: SDK v3 clients per account and Region, with credentials from
 * @backstage/integration-aws-node and, for local development, every endpoint overridden (the emulator).
 */
export class AwsClients {
  private readonly cache = new Map<string, unknown>();

  constructor(
    private readonly credentials: AwsCredentialsManager,
    private readonly endpoint?: string,
  ) {}

  async ssm(accountId: string, region: string): Promise<SSMClient> {
    return this.client(
      'ssm',
      accountId,
      region,
      async config => new SSMClient(config),
    );
  }

  async bedrock(accountId: string, region: string): Promise<BedrockClient> {
    return this.client(
      'bedrock',
      accountId,
      region,
      async config => new BedrockClient(config),
    );
  }

  private async client<T>(
    service: string,
    accountId: string,
    region: string,
    create: (config: ClientConfig) => Promise<T>,
  ): Promise<T> {
    const key = `${service}|${accountId}|${region}`;
    const cached = this.cache.get(key) as T | undefined;
    if (cached) return cached;
    const { sdkCredentialProvider } =
      await this.credentials.getCredentialProvider({ accountId });
    // The SDK's standard retries (throttling, 5xx) with a few more attempts than its default of 3.
    const client = await create({
      region,
      endpoint: this.endpoint,
      credentials: sdkCredentialProvider,
      maxAttempts: 5,
    });
    this.cache.set(key, client);
    return client;
  }
}

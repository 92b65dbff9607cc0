import { BedrockClient } from '@aws-sdk/client-bedrock';
import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { S3Client } from '@aws-sdk/client-s3';
import { ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import { SSMClient } from '@aws-sdk/client-ssm';
import {
  AwsCredentialProvider,
  AwsCredentialsManager,
} from '@backstage/integration-aws-node';

/** How long one runtime call may take: AWS holds a call to an evicted model up to 5 minutes. */
export const RUNTIME_REQUEST_TIMEOUT_MS = 330_000;
/** Attempts of a runtime call: each ModelNotReadyException retry waits for the restore again. */
export const RUNTIME_MAX_ATTEMPTS = 3;

/** What every client is built with. */
type ClientConfig = {
  region: string;
  endpoint?: string;
  credentials: AwsCredentialProvider['sdkCredentialProvider'];
  maxAttempts: number;
};

/** Something every SDK v3 client has: the middleware stack the call counter hooks into. */
type WithMiddleware = {
  middlewareStack: {
    add(
      middleware: (
        next: (args: unknown) => Promise<unknown>,
        context: { clientName?: string; commandName?: string },
      ) => (args: unknown) => Promise<unknown>,
      options: { step: 'initialize'; name: string },
    ): void;
  };
};

/** Told of every AWS call as it starts (for benchmarks and logs): client and command names. */
export type AwsCallListener = (call: {
  service: string;
  operation: string;
  accountId: string;
  region: string;
}) => void;

/**
 * The one way in to AWS: SDK v3 clients per account and Region, with credentials from
 * @backstage/integration-aws-node and, for local development, every endpoint overridden (the emulator).
 */
export class AwsClients {
  private readonly cache = new Map<string, unknown>();

  private readonly listeners: AwsCallListener[] = [];

  constructor(
    private readonly credentials: AwsCredentialsManager,
    private readonly endpoint?: string,
  ) {}

  /** Calls `listener` for every AWS call any client makes from now on. */
  onCall(listener: AwsCallListener): () => void {
    this.listeners.push(listener);
    return () => {
      this.listeners.splice(this.listeners.indexOf(listener), 1);
    };
  }

  async s3(accountId: string, region: string): Promise<S3Client> {
    return this.client(
      's3',
      accountId,
      region,
      // The emulator (one endpoint for every service) needs path-style bucket addressing.
      async config =>
        new S3Client({ ...config, forcePathStyle: Boolean(this.endpoint) }),
    );
  }

  async serviceQuotas(
    accountId: string,
    region: string,
  ): Promise<ServiceQuotasClient> {
    return this.client(
      'servicequotas',
      accountId,
      region,
      async config => new ServiceQuotasClient(config),
    );
  }

  async cloudWatch(
    accountId: string,
    region: string,
  ): Promise<CloudWatchClient> {
    return this.client(
      'cloudwatch',
      accountId,
      region,
      async config => new CloudWatchClient(config),
    );
  }

  async bedrockRuntime(
    accountId: string,
    region: string,
  ): Promise<BedrockRuntimeClient> {
    return this.client(
      'bedrock-runtime',
      accountId,
      region,
      // A call to an evicted model is held while its copy restores, "within 5 minutes or you might get
      // ModelNotReadyException", and each retry waits again: so a call may take 5 minutes (the timeout
      // leaves room past that), and three attempts bound a warm-up to about 15 minutes.
      async config =>
        new BedrockRuntimeClient({
          ...config,
          maxAttempts: RUNTIME_MAX_ATTEMPTS,
          requestHandler: { requestTimeout: RUNTIME_REQUEST_TIMEOUT_MS },
        }),
    );
  }

  /**
   * A runtime client that makes one attempt: a heartbeat that meets ModelNotReadyException or throttling
   * is tried again by the keep-warm worker on its own schedule, not held up by SDK retries.
   */
  async bedrockRuntimeOnce(
    accountId: string,
    region: string,
  ): Promise<BedrockRuntimeClient> {
    return this.client(
      'bedrock-runtime',
      accountId,
      region,
      async config =>
        new BedrockRuntimeClient({
          ...config,
          maxAttempts: 1,
          requestHandler: { requestTimeout: RUNTIME_REQUEST_TIMEOUT_MS },
        }),
      'once',
    );
  }

  async ssm(accountId: string, region: string): Promise<SSMClient> {
    return this.client(
      'ssm',
      accountId,
      region,
      // A pointer's write holds its lock: a hung connection must not hold it (or a request) for long.
      async config =>
        new SSMClient({
          ...config,
          requestHandler: { requestTimeout: 2_000, connectionTimeout: 1_000 },
        }),
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
    variant = '',
  ): Promise<T> {
    const key = `${service}|${accountId}|${region}|${variant}`;
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
    (client as unknown as WithMiddleware).middlewareStack.add(
      (next, context) => async args => {
        for (const listener of this.listeners) {
          listener({
            service,
            operation: (context.commandName ?? 'unknown').replace(
              /Command$/,
              '',
            ),
            accountId,
            region,
          });
        }
        return next(args);
      },
      { step: 'initialize', name: 'bedrockPortalCallListener' },
    );
    this.cache.set(key, client);
    return client;
  }
}

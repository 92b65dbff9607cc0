import { mockCredentials } from '@backstage/backend-test-utils';
import {
  llama31_8bArtifacts,
  RunningEmulator,
  stageArtifactSet,
} from '@bedrock-portal/bedrock-emulator';
import { ModelVersion } from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { AddressInfo } from 'node:net';
import { TEST_OWNER, TEST_USER } from './testOrg';

/** The AWS account of every test import. */
export const TEST_ACCOUNT = '123456789012';

/** Scheduled task ids the tests drive by hand (the mock scheduler runs nothing by itself). */
export const TASKS = {
  importTracker: 'bedrock-models:import-tracker',
  catalogRefresh: 'bedrock-models:refresh',
} as const;

/** Root config for the bedrock-models backend on the emulator, and for this module. */
export function bedrockModelsTestConfig(emulator: RunningEmulator) {
  return {
    app: { baseUrl: 'http://localhost:3000' },
    bedrockModels: {
      accounts: [
        {
          accountId: TEST_ACCOUNT,
          regions: ['us-east-1', 'eu-central-1'],
          importRoleArn: `arn:aws:iam::${TEST_ACCOUNT}:role/BedrockModelImport`,
        },
      ],
      awsEndpoint: emulator.endpoint,
      // Where test imports may come from (the backend refuses every other source).
      sources: [{ accountId: TEST_ACCOUNT, prefixes: ['s3://ml-artifacts/'] }],
      // The backend follows a job at most once per interval; 30 s by default.
      imports: { pollIntervalSeconds: 0.05 },
    },
    aws: {
      accounts: [
        {
          accountId: TEST_ACCOUNT,
          accessKeyId: 'local',
          secretAccessKey: 'local',
        },
      ],
    },
    catalog: {
      providers: {
        bedrockModels: {
          schedule: { frequency: { minutes: 30 }, timeout: { minutes: 3 } },
        },
      },
    },
  };
}

/** The base URL of a test backend's HTTP server. */
export function baseUrlOf(server: { address(): AddressInfo | string | null }) {
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Calls the bedrock-models backend's REST API as the test user, the way the portal and pipelines do. */
export class BedrockModelsApi {
  private readonly headers = {
    Authorization: mockCredentials.user.header(TEST_USER),
    'Content-Type': 'application/json',
  };
  private readonly base: string;

  constructor(
    server: { address(): AddressInfo | string | null },
    private readonly emulator: RunningEmulator,
    private readonly triggerTask: (id: string) => Promise<void>,
  ) {
    this.base = `${baseUrlOf(server)}/api/bedrock-models`;
  }

  /** Stages a good Llama set in the emulator's S3 and imports it as a new version (202). */
  async importLlama(modelName: string, key: string): Promise<ModelVersion> {
    const s3Uri = stageArtifactSet(
      this.emulator,
      'ml-artifacts',
      `${modelName}/${key}/`,
      llama31_8bArtifacts(),
    );
    const res = await fetch(`${this.base}/models/${modelName}/versions`, {
      method: 'POST',
      headers: { ...this.headers, 'Idempotency-Key': key },
      body: JSON.stringify({
        s3Uri,
        accountId: TEST_ACCOUNT,
        region: 'us-east-1',
        classification: 'confidential',
        owner: TEST_OWNER,
        title: 'Support summarizer',
        description: 'Summarises support tickets for agents.',
        system: 'customer-support',
        lineage: { baseModel: 'meta-llama/Llama-3.1-8B-Instruct' },
        tags: ['support'],
      }),
    });
    if (res.status !== 202) {
      throw new Error(`import answered ${res.status}: ${await res.text()}`);
    }
    return (await res.json()).version;
  }

  /**
   * Runs the backend's job tracker until the version has left `importing`. Bounded by time, not passes:
   * a trigger while the backend's own kick of the tracker is still running returns at once.
   */
  async trackUntilDone(
    modelName: string,
    version: number,
    timeoutMs = 60_000,
  ): Promise<ModelVersion> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await this.triggerTask(TASKS.importTracker);
      const res = await fetch(
        `${this.base}/models/${modelName}/versions/${version}`,
        { headers: this.headers },
      );
      const body: ModelVersion = await res.json();
      if (body.status !== 'importing') return body;
      if (Date.now() > deadline) {
        throw new Error(
          `${modelName} v${version} was still importing after ${timeoutMs} ms`,
        );
      }
      await new Promise(resolve => setTimeout(resolve, 50));
    }
  }

  /** Points an alias at a version, as the model's owner (a user: service credentials get 403). */
  async promote(
    modelName: string,
    alias: string,
    region: string,
    version: number,
  ): Promise<void> {
    const res = await fetch(
      `${this.base}/models/${modelName}/aliases/${alias}`,
      {
        method: 'POST',
        headers: this.headers,
        body: JSON.stringify({ region, version, reason: 'launch' }),
      },
    );
    if (res.status !== 200) {
      throw new Error(`promote answered ${res.status}: ${await res.text()}`);
    }
  }
}

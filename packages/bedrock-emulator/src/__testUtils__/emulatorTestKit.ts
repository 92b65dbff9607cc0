import { BedrockClient } from '@aws-sdk/client-bedrock';
import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { EmulatorOptions } from '../core/EmulatorOptions';
import { ArtifactSet } from '../seed/artifactSets';
import { stageArtifactSet } from '../seed/stageArtifactSet';
import { RunningEmulator, startEmulator } from '../startEmulator';

/** Helpers the contract tests share: an emulator on an ephemeral port and real SDK clients for it. */
export class EmulatorTestKit {
  private constructor(readonly emulator: RunningEmulator) {}

  static async start(
    options: Partial<EmulatorOptions> = {},
  ): Promise<EmulatorTestKit> {
    return new EmulatorTestKit(await startEmulator({ port: 0, ...options }));
  }

  close(): Promise<void> {
    return this.emulator.close();
  }

  clientConfig(region = 'us-east-1', accessKeyId = 'test', maxAttempts = 1) {
    return {
      endpoint: this.emulator.endpoint,
      region,
      credentials: { accessKeyId, secretAccessKey: 'test' },
      maxAttempts,
    };
  }

  bedrock(region = 'us-east-1', accessKeyId = 'test', maxAttempts = 1) {
    return new BedrockClient(
      this.clientConfig(region, accessKeyId, maxAttempts),
    );
  }

  runtime(region = 'us-east-1', accessKeyId = 'test', maxAttempts = 1) {
    return new BedrockRuntimeClient(
      this.clientConfig(region, accessKeyId, maxAttempts),
    );
  }

  /** Stages an artifact set in the emulated S3, creating the bucket if needed; returns its URI. */
  stage(
    bucket: string,
    prefix: string,
    set: ArtifactSet,
    region = 'us-east-1',
  ): string {
    return stageArtifactSet(this.emulator, bucket, prefix, set, region);
  }

  /** Moves emulator time forward through the admin path, as a drill would. */
  async advance(seconds: number): Promise<void> {
    const res = await fetch(`${this.emulator.endpoint}/_emulator/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advanceSeconds: seconds }),
    });
    if (!res.ok)
      throw new Error(`advance failed: ${res.status} ${await res.text()}`);
  }

  async setFaults(rules: unknown[]): Promise<void> {
    const res = await fetch(`${this.emulator.endpoint}/_emulator/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(rules),
    });
    if (!res.ok)
      throw new Error(
        `setting faults failed: ${res.status} ${await res.text()}`,
      );
  }
}

/** A CreateModelImportJob input with the usual role. */
export function importInput(
  name: string,
  s3Uri: string,
  extra: Record<string, unknown> = {},
) {
  return {
    jobName: `${name}-job`,
    importedModelName: name,
    roleArn: 'arn:aws:iam::123456789012:role/BedrockImport',
    modelDataSource: { s3DataSource: { s3Uri } },
    ...extra,
  };
}

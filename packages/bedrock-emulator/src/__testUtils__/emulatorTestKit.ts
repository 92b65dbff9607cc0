import {
  BedrockClient,
  CreateModelImportJobCommand,
  GetModelImportJobCommand,
} from '@aws-sdk/client-bedrock';
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

  /**
   * Imports an artifact set as the model `name` and returns the model's ARN. The kit must run with
   * `importJobSeconds: 0`, so the job is done when first read.
   */
  async importModel(
    name: string,
    set: ArtifactSet,
    region = 'us-east-1',
  ): Promise<string> {
    const s3Uri = this.stage(`artifacts-${region}`, `${name}/`, set, region);
    const bedrock = this.bedrock(region);
    const { jobArn } = await bedrock.send(
      new CreateModelImportJobCommand(importInput(name, s3Uri)),
    );
    const job = await bedrock.send(
      new GetModelImportJobCommand({ jobIdentifier: jobArn }),
    );
    if (!job.importedModelArn) {
      throw new Error(`The import of ${name} did not complete: ${job.status}`);
    }
    return job.importedModelArn;
  }

  /**
   * Waits until `count` calls wait on the emulator's clock (held by a cold start, or taking their
   * simulated latency), so a test moves the clock only once its calls have arrived.
   */
  async untilWaiting(count: number): Promise<void> {
    while (this.emulator.context.clock.waiting < count) {
      await new Promise(resolve => setTimeout(resolve, 5));
    }
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

import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { RunningEmulator } from '@bedrock-portal/bedrock-emulator';
import {
  TEST_ACCOUNT,
  TEST_SOURCES,
} from '../../__testUtils__/registryFixtures';

/** A backend process a drill started. */
export type DrillBackend = {
  url: string;
  process: ChildProcess;
  /** Sends a signal and waits for the process to end. */
  kill(signal: NodeJS.Signals): Promise<void>;
  /** What the process printed, for failure messages. */
  output(): string;
};

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Config of a drill backend: PostgreSQL with a per-drill database prefix, the emulator, fast polling. */
export function drillBackendConfig(options: {
  port: number;
  postgres: string;
  databasePrefix: string;
  emulator: RunningEmulator;
}) {
  const baseUrl = `http://127.0.0.1:${options.port}`;
  return {
    backend: {
      baseUrl,
      listen: { port: options.port, host: '127.0.0.1' },
      database: {
        client: 'pg',
        connection: options.postgres,
        prefix: options.databasePrefix,
      },
    },
    bedrockModels: {
      accounts: [
        {
          accountId: TEST_ACCOUNT,
          regions: ['us-east-1'],
          importRoleArn: `arn:aws:iam::${TEST_ACCOUNT}:role/BedrockModelImport`,
        },
      ],
      imports: { pollIntervalSeconds: 0.5 },
      sources: TEST_SOURCES,
      awsEndpoint: options.emulator.endpoint,
    },
    aws: {
      accounts: [
        { accountId: TEST_ACCOUNT, accessKeyId: 'k', secretAccessKey: 's' },
      ],
    },
  };
}

/** Starts a backend process and waits until its health answers. */
export async function startDrillBackend(
  config: ReturnType<typeof drillBackendConfig>,
): Promise<DrillBackend> {
  const child = spawn(
    process.execPath,
    [
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      path.resolve(__dirname, 'drillBackendProcess.ts'),
    ],
    {
      env: {
        ...process.env,
        NODE_ENV: 'development',
        DRILL_BACKEND_CONFIG: JSON.stringify(config),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout!.on('data', chunk => (output += chunk));
  child.stderr!.on('data', chunk => (output += chunk));
  const exited = new Promise<void>(resolve =>
    child.on('exit', () => resolve()),
  );
  const url = config.backend.baseUrl;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`The drill backend exited early:\n${output}`);
    }
    try {
      const res = await fetch(`${url}/api/bedrock-models/health`);
      if (res.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`The drill backend did not start in 90 s:\n${output}`);
    }
    await new Promise(resolve => setTimeout(resolve, 250));
  }
  return {
    url,
    process: child,
    output: () => output,
    kill: async signal => {
      if (child.exitCode === null) child.kill(signal);
      await exited;
    },
  };
}

import { RunningEmulator } from '@bedrock-portal/bedrock-emulator';

/** An AWS SDK v3 client of any service, pointed at the emulator (path-style S3, static keys). */
export function emulatorSdk<T>(
  Client: new (config: {
    endpoint: string;
    region: string;
    credentials: { accessKeyId: string; secretAccessKey: string };
    forcePathStyle: boolean;
  }) => T,
  emulator: RunningEmulator,
  region = 'us-east-1',
): T {
  return new Client({
    endpoint: emulator.endpoint,
    region,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    forcePathStyle: true,
  });
}

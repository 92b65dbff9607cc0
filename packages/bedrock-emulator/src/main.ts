import { createEmulatorServer } from './createEmulatorServer';

// Started by `yarn start` here and by the portal's start and test scripts.
const port = Number(process.env.BEDROCK_EMULATOR_PORT ?? 4599);
const host = process.env.BEDROCK_EMULATOR_HOST ?? '127.0.0.1';

const server = createEmulatorServer();
server.listen(port, host, () => {
  process.stdout.write(
    `bedrock-emulator listening on http://${host}:${port}\n`,
  );
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => server.close(() => process.exit(0)));
}

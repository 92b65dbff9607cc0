import { parseCliArgs, USAGE } from './cli/parseCliArgs';
import { startEmulator } from './startEmulator';

// The CLI: `yarn start -- --seed demo`, or `bedrock-emulator` once built.
async function main() {
  const parsed = parseCliArgs(process.argv.slice(2), process.env);
  if (parsed.help) {
    process.stdout.write(USAGE);
    return;
  }
  const emulator = await startEmulator(parsed.options);
  process.stdout.write(`bedrock-emulator listening on ${emulator.endpoint}\n`);
  const stop = () => {
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch(error => {
  process.stderr.write(`bedrock-emulator: ${(error as Error).message}\n`);
  process.exit(1);
});

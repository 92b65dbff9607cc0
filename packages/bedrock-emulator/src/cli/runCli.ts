import { parseCliArgs, USAGE } from './parseCliArgs';
import { startEmulator } from '../startEmulator';

/**
 * Runs the `bedrock-emulator` command: parses the arguments, starts the emulator and keeps it running
 * until SIGINT or SIGTERM. Errors end the process with status 1 and the message on stderr.
 *
 * @public
 */
export async function runCli(
  argv: string[],
  env: Record<string, string | undefined> = process.env,
): Promise<void> {
  try {
    const parsed = parseCliArgs(argv, env);
    if (parsed.help) {
      process.stdout.write(USAGE);
      return;
    }
    const emulator = await startEmulator(parsed.options);
    process.stdout.write(
      `bedrock-emulator listening on ${emulator.endpoint}\n`,
    );
    const stop = () => {
      emulator.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  } catch (error) {
    process.stderr.write(`bedrock-emulator: ${(error as Error).message}\n`);
    process.exit(1);
  }
}

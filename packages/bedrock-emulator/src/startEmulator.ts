import { AddressInfo } from 'node:net';
import { EmulatorClock } from './core/EmulatorClock';
import {
  createEmulatorServer,
  trackConnections,
} from './core/createEmulatorServer';
import { EmulatorOptions, resolveOptions } from './core/EmulatorOptions';
import { EmulatorState, StateFileWriter } from './core/EmulatorState';
import { FaultInjector } from './core/FaultInjector';
import { EmulatorContext } from './core/EmulatorService';
import { createServices } from './services';
import { seedDemo } from './seed/seedDemo';

/**
 * A running emulator.
 *
 * @public
 */
export type RunningEmulator = {
  /** Base URL to give SDK clients as `endpoint`, e.g. `http://127.0.0.1:4599`. */
  endpoint: string;
  port: number;
  options: EmulatorOptions;
  context: EmulatorContext;
  faults: FaultInjector;
  /** Stops listening, releases held calls and saves the state file, if any. */
  close(): Promise<void>;
};

/**
 * Starts the emulator: one HTTP server for every emulated service. Tests pass `{ port: 0 }`
 * for an ephemeral port and read `endpoint`.
 *
 * @public
 */
export async function startEmulator(
  partial: Partial<EmulatorOptions> = {},
): Promise<RunningEmulator> {
  const options = resolveOptions(partial);
  const loaded = options.stateFile
    ? StateFileWriter.load(options.stateFile)
    : undefined;
  const state = loaded ?? EmulatorState.empty();
  const context: EmulatorContext = {
    state,
    clock: new EmulatorClock(),
    options,
  };
  if (!loaded && options.seed === 'demo') {
    seedDemo(context);
  }
  const writer = options.stateFile
    ? new StateFileWriter(options.stateFile, state)
    : undefined;
  writer?.flush();

  const faults = new FaultInjector(options.faults, options.faultSeed);
  const server = createEmulatorServer({
    context,
    services: createServices(),
    faults,
    onChange: () => writer?.schedule(),
  });
  const destroyConnections = trackConnections(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    endpoint: `http://${options.host}:${port}`,
    port,
    options,
    context,
    faults,
    // Closing twice is harmless: the second call gets the first's outcome.
    close: () =>
      (closing ??= new Promise<void>((resolve, reject) => {
        // Held calls and simulated latency wait on the clock: release them, then drop connections.
        context.clock.close();
        destroyConnections();
        server.close(error => {
          writer?.flush();
          if (error) reject(error);
          else resolve();
        });
      })),
  };
}

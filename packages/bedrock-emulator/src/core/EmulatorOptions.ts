import { FaultRule } from './FaultInjector';

/**
 * Everything that shapes an emulator run; `resolveOptions` fills in the defaults.
 *
 * @public
 */
export type EmulatorOptions = {
  /** TCP port; 0 picks a free one. */
  port: number;
  host: string;
  /** The account of requests whose access key id is not itself a 12-digit account id. */
  defaultAccountId: string;
  /** Divides every simulated duration (import jobs, cold starts): 60 turns 10 minutes into 10 seconds. */
  timeScale: number;
  /** How long an import job stays InProgress, in AWS seconds (before `timeScale`). */
  importJobSeconds: number;
  /** A model copy idle this long is evicted; with no copy left, the next call starts a restore (AWS seconds). */
  coldStartIdleSeconds: number;
  /** How long restoring a copy takes, before the per-CMU part (AWS seconds). */
  coldStartRestoreSeconds: number;
  /** What restoring a copy takes on top, per custom model unit (CMU) of a copy: bigger models restore slower (AWS seconds). */
  coldStartRestorePerCmuSeconds: number;
  /**
   * How long a call to a model with no copy loaded is held while a copy restores before it is
   * answered ModelNotReadyException (AWS seconds). Each call, retries included, gets its own hold.
   */
  coldStartHoldSeconds: number;
  /** Concurrent calls one copy serves; more calls in flight than copies can serve bring up another copy. */
  requestsPerCopy: number;
  /** Applied values of the Bedrock quotas the emulator enforces, unless changed through the admin path. */
  quotas: { importedModelsPerRegion: number; concurrentImportJobs: number };
  /** When set, state is loaded from and saved to this JSON file, so a restart keeps it. */
  stateFile?: string;
  /** Data to start with: `demo` stages artifacts, imported models and a month of metrics. */
  seed?: 'demo';
  /** Faults to inject from the start; also settable at run time through `/_emulator/faults`. */
  faults: FaultRule[];
  /** Seed of the fault injector's random numbers, so a fault drill can be replayed. */
  faultSeed: number;
};

/**
 * The defaults: AWS-like durations and the default quotas of a new account.
 *
 * @public
 */
export const DEFAULT_OPTIONS: EmulatorOptions = {
  port: 4599,
  host: '127.0.0.1',
  defaultAccountId: '123456789012',
  timeScale: 1,
  importJobSeconds: 600,
  coldStartIdleSeconds: 3600,
  coldStartRestoreSeconds: 30,
  coldStartRestorePerCmuSeconds: 20,
  coldStartHoldSeconds: 300,
  requestsPerCopy: 4,
  quotas: { importedModelsPerRegion: 3, concurrentImportJobs: 1 },
  faults: [],
  faultSeed: 1,
};

/** Merges partial options over the defaults and checks them. */
export function resolveOptions(
  partial: Partial<EmulatorOptions> = {},
): EmulatorOptions {
  const options: EmulatorOptions = {
    ...DEFAULT_OPTIONS,
    ...partial,
    quotas: { ...DEFAULT_OPTIONS.quotas, ...partial.quotas },
  };
  if (!(options.timeScale > 0)) {
    throw new RangeError(
      `timeScale must be a positive number, got ${options.timeScale}`,
    );
  }
  for (const key of [
    'importJobSeconds',
    'coldStartIdleSeconds',
    'coldStartRestoreSeconds',
    'coldStartRestorePerCmuSeconds',
    'coldStartHoldSeconds',
  ] as const) {
    if (!(options[key] >= 0)) {
      throw new RangeError(
        `${key} must be a non-negative number of seconds, got ${options[key]}`,
      );
    }
  }
  if (
    !(Number.isInteger(options.requestsPerCopy) && options.requestsPerCopy >= 1)
  ) {
    throw new RangeError(
      `requestsPerCopy must be a whole number of at least 1, got ${options.requestsPerCopy}`,
    );
  }
  if (!/^\d{12}$/.test(options.defaultAccountId)) {
    throw new RangeError(
      `defaultAccountId must be 12 digits, got ${options.defaultAccountId}`,
    );
  }
  return options;
}

/** A simulated duration in real milliseconds, after `timeScale`. */
export function scaledMs(options: EmulatorOptions, awsSeconds: number): number {
  return (awsSeconds * 1000) / options.timeScale;
}

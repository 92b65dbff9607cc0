import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  formatEstimate,
  ImportDurationEstimate,
  ModelVersion,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { BedrockModelsService } from '@bedrock-portal/backstage-plugin-bedrock-models-node';
import {
  backendMessage,
  explainBackendError,
  isTransientBackendError,
} from './backendErrors';
import { describeImportFailure, importFailedError } from './importFailure';

/**
 * How the import action waits for a version to finish importing.
 *
 * @public
 */
export type ImportWaitOptions = {
  /** Time between two reads of the version from the backend. */
  pollIntervalMs: number;
  /** Longest time without a progress line in the task log (a line is also written on every change). */
  progressIntervalMs: number;
  /** How long to wait before failing the step; the import itself goes on in the backend. */
  timeoutMs: number;
};

/**
 * Defaults: the backend follows the job in AWS on its own schedule (every 30 s by default), so
 * reading the backend every 5 s costs a database read and shows a change within seconds. A progress
 * line is due 10 s after the last one and written at the next read, so lines are at most ~15 s apart.
 * Imports take minutes to an hour; three hours covers a large model waiting for a free import slot.
 *
 * @public
 */
export const DEFAULT_IMPORT_WAIT: ImportWaitOptions = {
  pollIntervalMs: 5_000,
  progressIntervalMs: 10_000,
  timeoutMs: 3 * 3600_000,
};

/**
 * Time as the waiting sees it; tests pass a virtual one so they neither sleep nor race.
 *
 * @public
 */
export type WaitClock = {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
};

/** The wall clock. */
export const systemClock: WaitClock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(new Error('The task was cancelled'));
        return;
      }
      let onAbort = () => {};
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      onAbort = () => {
        clearTimeout(timer);
        reject(new Error('The task was cancelled'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

/** "1h 2m 5s", "2m 5s", "5s". */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h}h ${m}m ${s}s`;
  if (m > 0) return `${m}m ${s}s`;
  return `${s}s`;
}

/**
 * The time part of a progress line: elapsed against the estimate when there is one ("2m 10s of about
 * 12 min"), saying so when it runs long; else the time since the import started.
 */
export function progressTiming(
  elapsedMs: number,
  expected?: ImportDurationEstimate,
): string {
  const elapsed = formatElapsed(elapsedMs);
  if (!expected) return `${elapsed} since the import started`;
  const estimate = formatEstimate(expected.expectedMs);
  if (elapsedMs <= expected.expectedMs) return `${elapsed} of ${estimate}`;
  if (elapsedMs <= expected.slowAfterMs) {
    return `${elapsed}, longer than expected (${estimate}; imports vary)`;
  }
  return `${elapsed}, over twice the expected ${estimate.replace(
    /^about /,
    '',
  )}: the job may be waiting for a free import slot in AWS; it goes on`;
}

/**
 * Waits until a version is ready, reading it from the bedrock-models backend (never AWS: the backend
 * follows the job and keeps AWS's answer). Logs a progress line with the status and elapsed time (of
 * the expected time, when given) on every change and at least every `progressIntervalMs`. Returns the
 * ready version; throws a plain summary with the AWS codes apart when the import failed, and when the
 * wait times out. A backend that is briefly unreachable (restarting) is waited out, not a failure.
 */
export async function waitForImportedVersion(input: {
  service: BedrockModelsService;
  modelName: string;
  version: number;
  credentials: BackstageCredentials;
  logger: LoggerService;
  options: ImportWaitOptions;
  clock?: WaitClock;
  signal?: AbortSignal;
  /** How long the import is expected to take (from the weights' size); progress lines measure against it. */
  expected?: ImportDurationEstimate;
}): Promise<ModelVersion> {
  const { service, modelName, version, credentials, logger, options } = input;
  const clock = input.clock ?? systemClock;
  const label = `${modelName} v${version}`;
  const waitStart = clock.now();
  let importStart = waitStart;
  let lastLineAt: number | undefined;
  let lastStatus: string | undefined;

  const progress = (line: string, warn = false) => {
    lastLineAt = clock.now();
    const text = `${label}: ${line}, ${progressTiming(
      lastLineAt - importStart,
      input.expected,
    )}`;
    if (warn) logger.warn(text);
    else logger.info(text);
  };
  const lineIsDue = () =>
    lastLineAt === undefined ||
    clock.now() - lastLineAt >= options.progressIntervalMs;

  /** The version, or undefined while the backend cannot be reached. */
  const readVersion = async (): Promise<ModelVersion | undefined> => {
    let found: ModelVersion | undefined;
    try {
      found = await service.getVersion({ modelName, version }, { credentials });
    } catch (error) {
      if (!isTransientBackendError(error)) {
        throw explainBackendError(error, `Reading the status of ${label}`);
      }
      if (lineIsDue()) {
        progress(
          `${
            lastStatus ?? 'status unknown'
          } (the portal did not answer: ${backendMessage(error)}); retrying`,
          true,
        );
      }
      return undefined;
    }
    if (!found) {
      throw new NotFoundError(
        `${label} is not in the registry: it was never created or has been removed.`,
      );
    }
    return found;
  };

  for (;;) {
    const current = await readVersion();
    if (current) {
      if (lastStatus === undefined) {
        // Count from when the import started, also when this step resumes a task after a restart.
        const created = Date.parse(current.createdAt);
        if (created <= clock.now()) importStart = created;
      }
      const changed = current.status !== lastStatus;
      lastStatus = current.status;
      switch (current.status) {
        case 'ready':
          progress(
            `ready${
              current.importedModelArn ? ` as ${current.importedModelArn}` : ''
            }`,
          );
          return current;
        case 'failed': {
          const failure = describeImportFailure(
            current,
            formatElapsed(clock.now() - importStart),
          );
          // The task log shows the error's plain text (summary and details) once, as the step fails.
          throw importFailedError(failure);
        }
        case 'retired':
        case 'deleted':
          throw new Error(
            `${label} was ${current.status} before its import finished; start a new import.`,
          );
        default:
          if (changed || lineIsDue()) {
            progress(
              current.lastCheckError
                ? `${current.status} (the portal could not check the job in AWS last time: ${current.lastCheckError})`
                : current.status,
            );
          }
      }
    }

    if (clock.now() - waitStart >= options.timeoutMs) {
      throw new Error(
        `${label} was still ${
          lastStatus ?? 'of unknown status'
        } after waiting ${formatElapsed(
          clock.now() - waitStart,
        )}. The import goes on in the portal: follow it on the model's page, or run the task again to resume waiting (that never starts a second import).`,
      );
    }
    await clock.sleep(options.pollIntervalMs, input.signal);
  }
}

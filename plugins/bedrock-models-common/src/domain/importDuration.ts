/**
 * How long an import is expected to take, in milliseconds.
 *
 * @public
 */
export type ImportDurationEstimate = {
  /** The likely time from the job's start to a ready model. */
  expectedMs: number;
  /** Past this, the import is slower than usual (still not a failure: a queued job waits longer). */
  slowAfterMs: number;
};

const MINUTE = 60_000;
const GB = 1e9;

// AWS publishes no duration for Custom Model Import. These are a rule of thumb: a fixed part (the job
// is scheduled, the model's instance is set up) and a part per GB of weights (copied from S3 and
// converted). It gives ~12 min for a Llama 3.1 8B fine-tune in bf16 (16 GB) and about an hour for a 70B
// one (140 GB), in line with the times people report; change it here when measurements disagree.
const FIXED_MS = 5 * MINUTE;
const PER_GB_MS = 25_000;
/** Imports vary: only twice the expected time counts as slow. */
const SLOW_FACTOR = 2;

/**
 * The expected duration of an import of `weightBytes` of .safetensors weights, rounded up to whole
 * minutes so it reads as the estimate it is. Undefined when the size is unknown.
 *
 * @public
 */
export function estimateImportDuration(
  weightBytes: number | undefined,
): ImportDurationEstimate | undefined {
  if (weightBytes === undefined || !Number.isFinite(weightBytes)) {
    return undefined;
  }
  const raw = FIXED_MS + (Math.max(0, weightBytes) / GB) * PER_GB_MS;
  const expectedMs = Math.ceil(raw / MINUTE) * MINUTE;
  return { expectedMs, slowAfterMs: expectedMs * SLOW_FACTOR };
}

/**
 * "about 12 min", "about 1 h 3 min": an estimate as people read it.
 *
 * @public
 */
export function formatEstimate(ms: number): string {
  const minutes = Math.max(1, Math.round(ms / MINUTE));
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `about ${minutes} min`;
  return rest === 0 ? `about ${hours} h` : `about ${hours} h ${rest} min`;
}

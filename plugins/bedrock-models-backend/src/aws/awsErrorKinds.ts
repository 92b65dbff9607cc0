/** An error from an AWS SDK v3 client, as far as the registry looks at it. */
type SdkError = {
  name?: string;
  message?: string;
  $retryable?: unknown;
  $metadata?: { httpStatusCode?: number };
};

/** Errors that pass with time: AWS is throttling, failing or unreachable, or a quota slot is busy. */
const TRANSIENT_NAMES = new Set([
  'ThrottlingException',
  'TooManyRequestsException',
  'ServiceUnavailableException',
  'InternalServerException',
  'ServiceQuotaExceededException',
  'ModelNotReadyException',
  'TimeoutError',
  'RequestTimeout',
]);

/**
 * Whether an AWS error means "try again later" (throttling, 5xx, network, busy quota) rather than
 * "this request can never work" (validation, access, conflict, not found).
 */
export function isTransientAwsError(error: unknown): boolean {
  const e = error as SdkError;
  if (e?.name && TRANSIENT_NAMES.has(e.name)) return true;
  const status = e?.$metadata?.httpStatusCode;
  if (status !== undefined) return status >= 500 || status === 429;
  // No HTTP answer at all: connection refused or reset, DNS, socket timeout.
  return true;
}

/** The message of an AWS error, for users and logs. */
export function awsErrorMessage(error: unknown): string {
  const e = error as SdkError;
  return `${e?.name ?? 'Error'}: ${e?.message ?? String(error)}`;
}

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

/**
 * Whether CreateModelImportJob refused because the job name is taken. AWS answers ValidationException
 * "The provided job name is currently in use." (names stay taken forever: there is no
 * DeleteModelImportJob) and gives no other signal than the message; ConflictException is accepted too.
 */
export function isJobNameInUse(error: unknown): boolean {
  const e = error as SdkError;
  if (e?.name === 'ConflictException') return true;
  return (
    e?.name === 'ValidationException' &&
    /job name is (currently )?in use/i.test(e.message ?? '')
  );
}

/**
 * What to do about an AWS refusal, in words an owner or an admin can act on; the AWS text itself goes
 * to the log (it can name roles and accounts).
 */
export function awsErrorAdvice(error: unknown, operation: string): string {
  const e = error as SdkError;
  switch (e?.name) {
    case 'AccessDeniedException':
    case 'AccessDenied':
      return `the portal's AWS role may not call ${operation}; ask the portal admins to grant it (docs/aws-setup.md lists the policy)`;
    case 'ValidationException':
      return /role|assume/i.test(e.message ?? '')
        ? `Bedrock could not assume the import role; ask the portal admins to check bedrockModels.accounts[].importRoleArn and its trust policy (docs/aws-setup.md)`
        : `Bedrock found the request invalid`;
    case 'ServiceQuotaExceededException':
      return `a Bedrock quota is full; retire a version or ask for a quota increase`;
    case 'ModelTimeoutException':
      return `the model took too long to answer; try again, or use a shorter prompt`;
    case 'ModelErrorException':
      return `the model failed while answering; check the model's artifacts and try again`;
    case 'ModelNotReadyException':
      return `the model is still loading (a cold start); try again in a few minutes`;
    default:
      return isTransientAwsError(error)
        ? `AWS is unavailable or throttling; try again later`
        : `AWS refused ${operation}`;
  }
}

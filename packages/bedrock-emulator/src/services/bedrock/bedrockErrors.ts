import { AwsError } from '../../core/AwsError';

/** Bedrock's throttling answer, the same on the control plane and the runtime. */
export function bedrockThrottlingError(): AwsError {
  return new AwsError(
    'ThrottlingException',
    429,
    'Too many requests, please wait before trying again.',
  );
}

/** Bedrock's 500 and 503 answers, the same on the control plane and the runtime. */
export function bedrockServerError(status: 500 | 503): AwsError {
  return status === 503
    ? new AwsError(
        'ServiceUnavailableException',
        503,
        'The service is unavailable. Try again later.',
      )
    : new AwsError(
        'InternalServerException',
        500,
        'An internal server error occurred. Retry your request.',
      );
}

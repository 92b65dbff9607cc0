import { iamDenialMessage } from '../../core/accessDenied';
import { AwsError, validationError } from '../../core/AwsError';
import { EmulatorRequest } from '../../core/EmulatorRequest';

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

/** AccessDeniedException (403), as IAM words a missing permission for `action` (e.g. `bedrock:GetImportedModel`). */
export function bedrockAccessDeniedError(
  request: EmulatorRequest,
  action: string,
): AwsError {
  return new AwsError(
    'AccessDeniedException',
    403,
    iamDenialMessage(request, action),
  );
}

/**
 * CreateModelImportJob with a role Bedrock cannot assume (it does not exist, or its trust policy
 * does not name bedrock.amazonaws.com). Unverified: AWS documents neither the type nor the wording;
 * a ValidationException naming the role is what its other role checks answer.
 */
export function roleNotAssumableError(request: EmulatorRequest): AwsError {
  let roleArn = 'the provided role';
  try {
    const input = JSON.parse(request.body.toString('utf8'));
    if (typeof input?.roleArn === 'string') roleArn = input.roleArn;
  } catch {
    // The fault answers whatever the body is; only the message loses the role's name.
  }
  return validationError(
    `Amazon Bedrock could not assume the role ${roleArn}. Check that the role exists and that its trust policy allows bedrock.amazonaws.com to assume it (sts:AssumeRole).`,
  );
}

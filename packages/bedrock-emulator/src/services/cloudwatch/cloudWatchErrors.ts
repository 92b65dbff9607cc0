import { AwsError } from '../../core/AwsError';
import { EmulatorResponse } from '../../core/EmulatorRequest';
import { renderAwsJsonError } from '../../protocols/awsJson';

/** CloudWatch's awsJson1_0 content type. */
export const CLOUDWATCH_CONTENT_TYPE = 'application/x-amz-json-1.0';

/**
 * CloudWatch errors by their query error code (the name the CloudWatch API reference uses, which
 * handlers throw as `AwsError.type`), with the shape id the JSON protocol sends as `__type`.
 * CloudWatch is awsQueryCompatible: the SDK reads the code from `x-amzn-query-error` first and maps
 * it to its exception class through the shape's `awsQueryError` trait.
 */
const QUERY_ERRORS: Record<
  string,
  { shapeId: string; messageMember?: 'Message' }
> = {
  InvalidParameterValue: {
    shapeId: 'com.amazonaws.cloudwatch#InvalidParameterValueException',
  },
  InvalidParameterCombination: {
    shapeId: 'com.amazonaws.cloudwatch#InvalidParameterCombinationException',
  },
  MissingParameter: {
    shapeId: 'com.amazonaws.cloudwatch#MissingRequiredParameterException',
  },
  InvalidNextToken: { shapeId: 'com.amazonaws.cloudwatch#InvalidNextToken' },
  InternalServiceError: {
    shapeId: 'com.amazonaws.cloudwatch#InternalServiceFault',
    messageMember: 'Message',
  },
  // Throttling, unavailability and IAM denials are not modeled shapes: the AWS front end sends them.
  AccessDenied: {
    shapeId: 'com.amazon.coral.service#AccessDeniedException',
  },
  Throttling: { shapeId: 'com.amazon.coral.availability#ThrottlingException' },
  ServiceUnavailable: {
    shapeId: 'com.amazon.coral.availability#ServiceUnavailableException',
  },
};

/** 400 InvalidParameterValue (the SDK's InvalidParameterValueException). */
export function invalidParameterValue(message: string): AwsError {
  return new AwsError('InvalidParameterValue', 400, message);
}

/** 400 InvalidParameterCombination (InvalidParameterCombinationException). */
export function invalidParameterCombination(message: string): AwsError {
  return new AwsError('InvalidParameterCombination', 400, message);
}

/** 400 MissingParameter (MissingRequiredParameterException) for a parameter path like `MetricData.member.1.MetricName`. */
export function missingParameter(path: string): AwsError {
  return new AwsError(
    'MissingParameter',
    400,
    `The parameter ${path} is required.`,
  );
}

/** 400 InvalidNextToken. */
export function invalidNextToken(): AwsError {
  return new AwsError(
    'InvalidNextToken',
    400,
    'The NextToken is not valid for this request: pass it exactly as the previous response returned it, ' +
      'with the same parameters.',
  );
}

/**
 * Renders an error as query-compatible awsJson1_0: `__type` is the shape id and
 * `x-amzn-query-error: <Code>;<Sender|Receiver>` carries the query code. The header is always
 * sent: the SDK builds its error from it, and older SDKs fail without it.
 */
export function renderCloudWatchError(error: AwsError): EmulatorResponse {
  // The framework's generic 500 has no CloudWatch counterpart but InternalServiceError.
  const code =
    error.type === 'InternalServerException'
      ? 'InternalServiceError'
      : error.type;
  const known = QUERY_ERRORS[code];
  const fault = error.status >= 500 ? 'Receiver' : 'Sender';
  const fields = known?.messageMember
    ? { ...error.fields, Message: error.message }
    : error.fields;
  return renderAwsJsonError(
    new AwsError(known?.shapeId ?? code, error.status, error.message, fields),
    CLOUDWATCH_CONTENT_TYPE,
    { 'x-amzn-query-error': `${code};${fault}` },
  );
}

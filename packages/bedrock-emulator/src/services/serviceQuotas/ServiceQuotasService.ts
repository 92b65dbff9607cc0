import { iamDenialMessage } from '../../core/accessDenied';
import { AwsError } from '../../core/AwsError';
import { EmulatorService } from '../../core/EmulatorService';
import { renderAwsJsonError, resolveAwsJson } from '../../protocols/awsJson';
import { serviceQuotaOperations } from './serviceQuotaOperations';

const CONTENT_TYPE = 'application/x-amz-json-1.1';

/** Service Quotas (awsJson1_1, `ServiceQuotasV20190624`), serving the Bedrock import quotas. */
export function createServiceQuotasService(): EmulatorService {
  return {
    name: 'servicequotas',
    signingName: 'servicequotas',
    resolve: (request, context) =>
      resolveAwsJson({
        request,
        targetPrefix: 'ServiceQuotasV20190624',
        contentType: CONTENT_TYPE,
        operations: serviceQuotaOperations(context),
      }),
    renderError: error => renderAwsJsonError(error, CONTENT_TYPE),
    throttlingError: () =>
      new AwsError('TooManyRequestsException', 400, 'Rate exceeded'),
    accessDeniedError: (request, operation) =>
      new AwsError(
        'AccessDeniedException',
        403,
        iamDenialMessage(request, `servicequotas:${operation}`),
      ),
    serverError: status =>
      new AwsError(
        'ServiceException',
        status,
        status === 503
          ? 'Service Quotas is temporarily unavailable. Try again later.'
          : 'Something went wrong. Try again later.',
      ),
  };
}

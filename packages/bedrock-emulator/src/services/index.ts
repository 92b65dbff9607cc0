import { EmulatorService } from '../core/EmulatorService';
import { createBedrockService } from './bedrock/BedrockService';
import { createBedrockRuntimeService } from './bedrockRuntime/BedrockRuntimeService';
import { createCloudWatchService } from './cloudwatch/CloudWatchService';
import { createServiceQuotasService } from './serviceQuotas/ServiceQuotasService';
import { createS3Service } from './s3/S3Service';
import { createSsmService } from './ssm/SsmService';

/**
 * Every emulated service, in routing order. Both Bedrock clients sign as `bedrock`, so the runtime
 * (which claims only `POST /model/{id}/invoke`, `/invoke-with-response-stream`, `/converse` and
 * `/converse-stream`) is asked before the control plane.
 */
export function createServices(): EmulatorService[] {
  return [
    createBedrockRuntimeService(),
    createBedrockService(),
    createServiceQuotasService(),
    createCloudWatchService(),
    createS3Service(),
    createSsmService(),
  ];
}

import { BedrockQuota } from '../../core/bedrockQuotas';

/** The one service code the emulator serves, and its display name in Service Quotas. */
export const BEDROCK_SERVICE = {
  ServiceCode: 'bedrock',
  ServiceName: 'Amazon Bedrock',
} as const;

/** The `ServiceQuota` structure of the Service Quotas API. */
export type ServiceQuotaShape = {
  ServiceCode: string;
  ServiceName: string;
  QuotaArn: string;
  QuotaCode: string;
  QuotaName: string;
  Value: number;
  Unit: string;
  Adjustable: boolean;
  GlobalQuota: boolean;
  Description: string;
  QuotaAppliedAtLevel: 'ACCOUNT';
};

/**
 * A Bedrock quota as Service Quotas describes it. Applied values carry the account in their ARN;
 * AWS defaults (`accountId` undefined) do not, as in `arn:aws:servicequotas:us-east-1::bedrock/L-...`.
 */
export function toServiceQuotaShape(
  quota: BedrockQuota,
  value: number,
  region: string,
  accountId: string | undefined,
): ServiceQuotaShape {
  return {
    ServiceCode: BEDROCK_SERVICE.ServiceCode,
    ServiceName: BEDROCK_SERVICE.ServiceName,
    QuotaArn: `arn:aws:servicequotas:${region}:${accountId ?? ''}:${
      BEDROCK_SERVICE.ServiceCode
    }/${quota.code}`,
    QuotaCode: quota.code,
    QuotaName: quota.name,
    Value: value,
    Unit: 'None',
    Adjustable: quota.adjustable,
    GlobalQuota: false,
    Description: quota.description,
    QuotaAppliedAtLevel: 'ACCOUNT',
  };
}

import { createHash } from 'node:crypto';

/**
 * The key ARN Bedrock reports in `*KmsKeyArn` fields for the `importedModelKmsKeyId` given at
 * creation: a key ARN as is; a key id, an alias name (`alias/<name>`) or an alias ARN resolved to a
 * key ARN in the alias's account and Region. There is no KMS here, so an alias stands for a fake key
 * whose id is derived from the alias (the same alias always gives the same key).
 */
export function resolveKmsKeyArn(
  keyId: string,
  where: { accountId: string; region: string },
): string {
  const arn =
    /^arn:(aws(?:-[^:]+)?):kms:([a-zA-Z0-9-]*):([0-9]{12}):(.+)$/.exec(keyId);
  if (arn) {
    const [, partition, region, accountId, resource] = arn;
    if (resource.startsWith('key/')) return keyId;
    return keyArn(partition, region, accountId, aliasKeyId(keyId));
  }
  if (keyId.startsWith('alias/')) {
    const aliasArn = `arn:aws:kms:${where.region}:${where.accountId}:${keyId}`;
    return keyArn('aws', where.region, where.accountId, aliasKeyId(aliasArn));
  }
  return keyArn('aws', where.region, where.accountId, keyId);
}

function keyArn(
  partition: string,
  region: string,
  accountId: string,
  id: string,
): string {
  return `arn:${partition}:kms:${region}:${accountId}:key/${id}`;
}

/** A UUID-shaped key id (as KMS key ids are) derived from the alias ARN. */
function aliasKeyId(aliasArn: string): string {
  const hex = createHash('sha256').update(aliasArn).digest('hex');
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    `4${hex.slice(13, 16)}`,
    `8${hex.slice(17, 20)}`,
    hex.slice(20, 32),
  ].join('-');
}

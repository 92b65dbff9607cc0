/**
 * What a SigV4 `Authorization` header says about the request it signs.
 *
 * @public
 */
export type SigV4Scope = {
  accessKeyId: string;
  /** The credential date, `YYYYMMDD`. */
  date: string;
  region: string;
  /** The signing name, e.g. `bedrock`, `s3`, `ssm`. */
  service: string;
};

const SCOPE_PATTERN =
  /^AWS4-HMAC-SHA256 Credential=([^/\s]+)\/(\d{8})\/([a-z0-9-]+)\/([a-z0-9-]+)\/aws4_request\b/;

/**
 * Reads the credential scope of a SigV4 `Authorization` header. Signatures are not verified:
 * the emulator accepts any credentials, but needs the scope to route and to keep state per Region.
 *
 * @public
 */
export function readSigV4Scope(
  authorization: string | undefined,
): SigV4Scope | undefined {
  const match = authorization ? SCOPE_PATTERN.exec(authorization) : null;
  if (!match) {
    return undefined;
  }
  const [, accessKeyId, date, region, service] = match;
  return { accessKeyId, date, region, service };
}

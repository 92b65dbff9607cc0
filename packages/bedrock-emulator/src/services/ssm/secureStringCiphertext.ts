import { createHmac, hkdfSync } from 'node:crypto';

/** Bytes every KMS symmetric ciphertext blob starts with, so the text looks like one (`AQICAH...`). */
const KMS_BLOB_HEADER = Buffer.from([0x01, 0x02, 0x02, 0x00, 0x78]);
const HKDF_MAX_BYTES = 255 * 32;

/**
 * What GetParameter shows for a SecureString without WithDecryption: an opaque, base64 text shaped
 * like a KMS ciphertext blob. It is derived, not encrypted: the emulator has no KMS and keeps the
 * plain value in its state, so this text cannot be decrypted by anything. It is stable for one
 * version and changes with the value, and its length grows with the value's, as AWS's does.
 */
export function secureStringCiphertext(
  scope: { accountId: string; region: string; keyId: string },
  name: string,
  version: number,
  value: string,
): string {
  const key = `${scope.accountId}:${scope.region}:${scope.keyId}`;
  const digest = createHmac('sha256', key)
    .update(`${name}\u0000${version}\u0000${value}`)
    .digest();
  const length = Math.min(HKDF_MAX_BYTES, 96 + Buffer.byteLength(value));
  const body = Buffer.from(
    hkdfSync('sha256', digest, key, 'ssm-securestring', length),
  );
  return Buffer.concat([KMS_BLOB_HEADER, body]).toString('base64');
}

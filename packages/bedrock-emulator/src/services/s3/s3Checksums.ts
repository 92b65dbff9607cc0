import { createHash } from 'node:crypto';

/** The flexible checksum algorithms S3 accepts on upload. */
export const CHECKSUM_ALGORITHMS = [
  'CRC32',
  'CRC32C',
  'CRC64NVME',
  'SHA1',
  'SHA256',
] as const;

/** One of S3's flexible checksum algorithms. */
export type ChecksumAlgorithm = (typeof CHECKSUM_ALGORITHMS)[number];

/** A full-object checksum as S3 reports it: algorithm and base64 value. */
export type ObjectChecksum = { algorithm: ChecksumAlgorithm; value: string };

/** The header (and aws-chunked trailer) carrying a checksum, e.g. `x-amz-checksum-crc32`. */
export function checksumHeaderName(algorithm: ChecksumAlgorithm): string {
  return `x-amz-checksum-${algorithm.toLowerCase()}`;
}

/** The algorithm a checksum header or trailer name stands for, if any. */
export function checksumAlgorithmOfHeader(
  name: string,
): ChecksumAlgorithm | undefined {
  return CHECKSUM_ALGORITHMS.find(
    a => checksumHeaderName(a) === name.toLowerCase(),
  );
}

function uint32Base64(value: number): string {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(value >>> 0);
  return bytes.toString('base64');
}

function uint64Base64(value: bigint): string {
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64BE(value);
  return bytes.toString('base64');
}

/** Table of a reflected 32-bit CRC for the given reversed polynomial. */
function crc32Table(reversedPolynomial: number): Uint32Array {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) {
      c = c & 1 ? (c >>> 1) ^ reversedPolynomial : c >>> 1;
    }
    table[n] = c >>> 0;
  }
  return table;
}

const CRC32_TABLE = crc32Table(0xedb88320);
const CRC32C_TABLE = crc32Table(0x82f63b78);

function crc32(data: Buffer, table: Uint32Array): number {
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) {
    crc = table[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/**
 * CRC-64/NVME: reflected, polynomial 0xAD93D23594C93659 (reversed 0x9A6C9329AC4BC9B5). The table and
 * the running value are split into 32-bit halves, as BigInt arithmetic per byte is ~30x slower.
 */
const CRC64NVME_TABLE = (() => {
  const high = new Uint32Array(256);
  const low = new Uint32Array(256);
  for (let n = 0n; n < 256n; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) {
      c = c & 1n ? (c >> 1n) ^ 0x9a6c9329ac4bc9b5n : c >> 1n;
    }
    high[Number(n)] = Number(c >> 32n);
    low[Number(n)] = Number(c & 0xffffffffn);
  }
  return { high, low };
})();

function crc64nvme(data: Buffer): bigint {
  const { high: tableHigh, low: tableLow } = CRC64NVME_TABLE;
  let high = 0xffffffff;
  let low = 0xffffffff;
  for (let i = 0; i < data.length; i++) {
    const index = (low ^ data[i]) & 0xff;
    low = ((low >>> 8) | ((high & 0xff) << 24)) ^ tableLow[index];
    high = (high >>> 8) ^ tableHigh[index];
  }
  return (
    (BigInt((high ^ 0xffffffff) >>> 0) << 32n) |
    BigInt((low ^ 0xffffffff) >>> 0)
  );
}

/** Base64 of the big-endian checksum of `data`, as S3 and the SDK write it. */
export function computeChecksum(
  algorithm: ChecksumAlgorithm,
  data: Buffer,
): string {
  switch (algorithm) {
    case 'CRC32':
      return uint32Base64(crc32(data, CRC32_TABLE));
    case 'CRC32C':
      return uint32Base64(crc32(data, CRC32C_TABLE));
    case 'CRC64NVME':
      return uint64Base64(crc64nvme(data));
    case 'SHA1':
      return createHash('sha1').update(data).digest('base64');
    case 'SHA256':
      return createHash('sha256').update(data).digest('base64');
    default:
      throw new Error(
        `Unknown checksum algorithm ${algorithm satisfies never}`,
      );
  }
}

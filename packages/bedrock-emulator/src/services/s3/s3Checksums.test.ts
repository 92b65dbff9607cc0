import { createHash } from 'node:crypto';
import {
  checksumAlgorithmOfHeader,
  checksumHeaderName,
  computeChecksum,
} from './s3Checksums';

/** The standard check input of CRC catalogues. */
const CHECK_INPUT = Buffer.from('123456789');
const hex = (base64: string) => Buffer.from(base64, 'base64').toString('hex');

describe('computeChecksum', () => {
  it('matches the catalogued check values of each CRC', () => {
    expect(hex(computeChecksum('CRC32', CHECK_INPUT))).toBe('cbf43926');
    expect(hex(computeChecksum('CRC32C', CHECK_INPUT))).toBe('e3069283');
    expect(hex(computeChecksum('CRC64NVME', CHECK_INPUT))).toBe(
      'ae8b14860a799888',
    );
  });

  it('gives the digests for the SHA algorithms', () => {
    expect(computeChecksum('SHA1', CHECK_INPUT)).toBe(
      createHash('sha1').update(CHECK_INPUT).digest('base64'),
    );
    expect(computeChecksum('SHA256', CHECK_INPUT)).toBe(
      createHash('sha256').update(CHECK_INPUT).digest('base64'),
    );
  });

  it('checksums an empty body', () => {
    expect(hex(computeChecksum('CRC32', Buffer.alloc(0)))).toBe('00000000');
    expect(hex(computeChecksum('CRC64NVME', Buffer.alloc(0)))).toBe(
      '0000000000000000',
    );
  });
});

describe('checksum header names', () => {
  it('map algorithms to headers and back', () => {
    expect(checksumHeaderName('CRC64NVME')).toBe('x-amz-checksum-crc64nvme');
    expect(checksumAlgorithmOfHeader('X-Amz-Checksum-SHA256')).toBe('SHA256');
    expect(checksumAlgorithmOfHeader('x-amz-checksum-type')).toBeUndefined();
  });
});

import { crc32 as nodeCrc32 } from 'node:zlib';
import { crc32 } from './crc32';
import { encodeEventStreamMessage, eventMessage } from './eventStream';

/** Reads a message back, checking both CRCs against Node's own CRC-32. */
function decode(message: Buffer) {
  const total = message.readUInt32BE(0);
  const headersLength = message.readUInt32BE(4);
  expect(total).toBe(message.length);
  expect(message.readUInt32BE(8)).toBe(nodeCrc32(message.subarray(0, 8)));
  expect(message.readUInt32BE(total - 4)).toBe(
    nodeCrc32(message.subarray(0, total - 4)),
  );
  const headers: Record<string, string> = {};
  let at = 12;
  while (at < 12 + headersLength) {
    const nameLength = message.readUInt8(at);
    const name = message.toString('utf8', at + 1, at + 1 + nameLength);
    expect(message.readUInt8(at + 1 + nameLength)).toBe(7);
    const valueLength = message.readUInt16BE(at + 2 + nameLength);
    const start = at + 4 + nameLength;
    headers[name] = message.toString('utf8', start, start + valueLength);
    at = start + valueLength;
  }
  return { headers, payload: message.subarray(at, total - 4) };
}

describe('event-stream framing', () => {
  it('computes CRC-32 as IEEE defines it', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(crc32(Buffer.alloc(0))).toBe(0);
    const bytes = Buffer.from('any bytes at all \u00e9\u0000\u00ff');
    expect(crc32(bytes)).toBe(nodeCrc32(bytes));
  });

  it('frames an event with prelude and message CRCs and string headers', () => {
    const bytes = Buffer.from('{"a":1}').toString('base64');
    const { headers, payload } = decode(eventMessage('chunk', { bytes }));
    expect(headers).toEqual({
      ':event-type': 'chunk',
      ':content-type': 'application/json',
      ':message-type': 'event',
    });
    expect(JSON.parse(payload.toString('utf8'))).toEqual({ bytes });
  });

  it('frames an empty payload', () => {
    const { headers, payload } = decode(
      encodeEventStreamMessage({ a: 'b' }, Buffer.alloc(0)),
    );
    expect(headers).toEqual({ a: 'b' });
    expect(payload).toHaveLength(0);
  });
});

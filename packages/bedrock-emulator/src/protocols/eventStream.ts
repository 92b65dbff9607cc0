import { crc32 } from './crc32';

/** The media type of an AWS event stream. */
export const EVENT_STREAM_CONTENT_TYPE = 'application/vnd.amazon.eventstream';

// Header value type 7 is a string (UTF-8, two-byte length).
const STRING_HEADER = 7;

function encodeHeaders(headers: Record<string, string>): Buffer {
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(headers)) {
    const nameBytes = Buffer.from(name, 'utf8');
    const valueBytes = Buffer.from(value, 'utf8');
    const header = Buffer.alloc(1 + nameBytes.length + 1 + 2);
    header.writeUInt8(nameBytes.length, 0);
    nameBytes.copy(header, 1);
    header.writeUInt8(STRING_HEADER, 1 + nameBytes.length);
    header.writeUInt16BE(valueBytes.length, 2 + nameBytes.length);
    parts.push(header, valueBytes);
  }
  return Buffer.concat(parts);
}

/**
 * One binary event-stream message: a prelude (total length, headers length, and the prelude's
 * CRC-32), the headers, the payload, and the CRC-32 of everything before it.
 */
export function encodeEventStreamMessage(
  headers: Record<string, string>,
  payload: Buffer,
): Buffer {
  const headerBytes = encodeHeaders(headers);
  const total = 12 + headerBytes.length + payload.length + 4;
  const message = Buffer.alloc(total);
  message.writeUInt32BE(total, 0);
  message.writeUInt32BE(headerBytes.length, 4);
  message.writeUInt32BE(crc32(message.subarray(0, 8)), 8);
  headerBytes.copy(message, 12);
  payload.copy(message, 12 + headerBytes.length);
  message.writeUInt32BE(crc32(message.subarray(0, total - 4)), total - 4);
  return message;
}

/** An event of a restJson event stream: its member name and its members as a JSON payload. */
export function eventMessage(eventType: string, members: unknown): Buffer {
  return encodeEventStreamMessage(
    {
      ':event-type': eventType,
      ':content-type': 'application/json',
      ':message-type': 'event',
    },
    Buffer.from(JSON.stringify(members), 'utf8'),
  );
}

/** A modeled exception inside an event stream (e.g. `modelStreamErrorException`). */
export function exceptionMessage(
  exceptionType: string,
  members: unknown,
): Buffer {
  return encodeEventStreamMessage(
    {
      ':exception-type': exceptionType,
      ':content-type': 'application/json',
      ':message-type': 'exception',
    },
    Buffer.from(JSON.stringify(members), 'utf8'),
  );
}

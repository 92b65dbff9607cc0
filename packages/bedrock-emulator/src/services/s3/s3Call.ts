import { EmulatorClock } from '../../core/EmulatorClock';
import { EmulatorRequest } from '../../core/EmulatorRequest';
import { S3Store } from './S3Store';

/** What an S3 operation handler works with: the request, the S3 data and the emulator's clock. */
export type S3Call = {
  request: EmulatorRequest;
  store: S3Store;
  clock: EmulatorClock;
};

/** One header's value as a single string (Node joins repeated headers into an array or a list). */
export function headerOf(call: S3Call, name: string): string | undefined {
  const value = call.request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(',') : value;
}

import { ServerResponse } from 'node:http';

/** An error the emulator answers the way AWS does: status, `x-amzn-errortype` and a `{message}` body. */
export class AwsError extends Error {
  constructor(readonly type: string, readonly status: number, message: string) {
    super(message);
    this.name = type;
  }
}

/** Writes an AWS-style JSON error response. */
export function writeAwsError(res: ServerResponse, error: AwsError): void {
  res.writeHead(error.status, {
    'content-type': 'application/json',
    'x-amzn-errortype': error.type,
    'x-amzn-requestid': crypto.randomUUID(),
  });
  res.end(JSON.stringify({ message: error.message }));
}

/**
 * An error the emulator answers the way AWS does. Each protocol renders it in its own shape:
 * restJson and awsJson as `x-amzn-errortype` plus a JSON body, restXml (S3) as an `<Error>` document.
 */
export class AwsError extends Error {
  constructor(
    /** The error type the SDK turns into its exception class, e.g. `ValidationException`. */
    readonly type: string,
    readonly status: number,
    message: string,
    /** Extra fields some errors carry in their body (e.g. S3's `BucketName`, a status code). */
    readonly fields: Record<string, string | number> = {},
  ) {
    super(message);
    this.name = type;
  }
}

/** 400 ValidationException with AWS's wording for a constraint on one member. */
export function validationError(message: string): AwsError {
  return new AwsError('ValidationException', 400, message);
}

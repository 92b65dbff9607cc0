import { AwsError } from './AwsError';
import { EmulatorClock } from './EmulatorClock';
import { EmulatorRequest, EmulatorResponse } from './EmulatorRequest';
import { EmulatorOptions } from './EmulatorOptions';
import { EmulatorState } from './EmulatorState';

/** What every service handler can reach: the shared state, the clock and the options. */
export type EmulatorContext = {
  state: EmulatorState;
  clock: EmulatorClock;
  options: EmulatorOptions;
};

/** A request matched to one operation of one service, ready to run. */
export type ResolvedOperation = {
  /** The operation's AWS name, e.g. `CreateModelImportJob`; faults are set per operation. */
  operation: string;
  run(): Promise<EmulatorResponse> | EmulatorResponse;
};

/** One emulated AWS service. */
export interface EmulatorService {
  /** Name used in fault rules and logs: bedrock, bedrock-runtime, s3, ssm, servicequotas, cloudwatch. */
  readonly name: string;
  /** SigV4 signing name the service's SDK client uses (both Bedrock clients sign as `bedrock`). */
  readonly signingName: string;
  /** The operation this request calls, or undefined when it is not this service's. */
  resolve(
    request: EmulatorRequest,
    context: EmulatorContext,
  ): ResolvedOperation | undefined;
  /** Renders an error in this service's protocol. */
  renderError(error: AwsError, request: EmulatorRequest): EmulatorResponse;
  /** The error this service answers when throttling (fault injection). */
  throttlingError(): AwsError;
  /** The error this service answers for an injected 500 or 503. */
  serverError(status: 500 | 503): AwsError;
}

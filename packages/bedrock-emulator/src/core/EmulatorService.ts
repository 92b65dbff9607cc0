import { AwsError } from './AwsError';
import { EmulatorClock } from './EmulatorClock';
import { EmulatorRequest, EmulatorResponse } from './EmulatorRequest';
import { EmulatorOptions } from './EmulatorOptions';
import { EmulatorState } from './EmulatorState';
import { NamedFault } from './FaultInjector';

/** What every service handler can reach: the shared state, the clock and the options. */
export type EmulatorContext = {
  state: EmulatorState;
  clock: EmulatorClock;
  options: EmulatorOptions;
};

/** What fault injection asks of an operation that runs. */
export type RunOptions = {
  /** Break a streamed answer after its first event with a `modelStreamErrorException` event. */
  midStreamError?: boolean;
};

/** A request matched to one operation of one service, ready to run. */
export type ResolvedOperation = {
  /** The operation's AWS name, e.g. `CreateModelImportJob`; faults are set per operation. */
  operation: string;
  run(options?: RunOptions): Promise<EmulatorResponse> | EmulatorResponse;
  /** Told of every error the call is answered with, thrown or injected (the runtime counts them). */
  onError?(error: AwsError): void;
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
  /** The error this service answers when IAM denies the caller the operation (fault injection). */
  accessDeniedError(request: EmulatorRequest, operation: string): AwsError;
  /** The error for an injected fault only this service has (see `NamedFault`). */
  namedFaultError?(
    fault: Exclude<NamedFault, 'modelStreamError'>,
    request: EmulatorRequest,
  ): AwsError | undefined;
}

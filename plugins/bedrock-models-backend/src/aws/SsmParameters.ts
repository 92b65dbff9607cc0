import {
  GetParameterCommand,
  ParameterNotFound,
  PutParameterCommand,
} from '@aws-sdk/client-ssm';
import { AwsClients } from './AwsClients';
import { AwsTarget } from './BedrockImportApi';

/** SSM Parameter Store as the registry uses it: where callers read a pointer's ARN. */
export class SsmParameters {
  constructor(private readonly clients: AwsClients) {}

  /** Writes (overwrites) a String parameter. */
  async put(
    target: AwsTarget,
    name: string,
    value: string,
    options: { abortSignal?: AbortSignal } = {},
  ): Promise<void> {
    const ssm = await this.clients.ssm(target.accountId, target.region);
    await ssm.send(
      new PutParameterCommand({
        Name: name,
        Value: value,
        Type: 'String',
        Overwrite: true,
      }),
      { abortSignal: options.abortSignal },
    );
  }

  /** The parameter's value; undefined when there is no such parameter. */
  async get(target: AwsTarget, name: string): Promise<string | undefined> {
    const ssm = await this.clients.ssm(target.accountId, target.region);
    try {
      const { Parameter } = await ssm.send(
        new GetParameterCommand({ Name: name }),
      );
      return Parameter?.Value;
    } catch (error) {
      if (error instanceof ParameterNotFound) return undefined;
      throw error;
    }
  }
}

import { GetParameterCommand, ParameterNotFound } from '@aws-sdk/client-ssm';
import { LoggerService } from '@backstage/backend-plugin-api';
import { AwsClients } from '../aws/AwsClients';
import { parameterNameFor, RegistryConfig } from '../config/readRegistryConfig';
import { DatabaseRegistryStore } from '../database/DatabaseRegistryStore';

/**
 * Repairs drift between the database and SSM: for every pointer, reads its parameter and, when it is
 * missing or names another ARN (someone edited it, or a write was lost), queues the write again.
 */
export class SsmReconciler {
  constructor(
    private readonly deps: {
      store: DatabaseRegistryStore;
      clients: AwsClients;
      config: RegistryConfig;
      logger: LoggerService;
    },
  ) {}

  /** Checks every pointer; returns how many were in step, requeued, or could not be read. */
  async reconcile(): Promise<{
    inStep: number;
    requeued: number;
    unreadable: number;
  }> {
    const counts = { inStep: 0, requeued: 0, unreadable: 0 };
    for (const pointer of await this.deps.store.publishedPointers()) {
      if (pointer.pending) {
        // A write is already on its way; the publisher will bring SSM in step.
        continue;
      }
      const parameterName = parameterNameFor(
        this.deps.config,
        pointer.modelName,
        pointer.alias,
      );
      let current: string | undefined;
      try {
        const ssm = await this.deps.clients.ssm(
          pointer.accountId,
          pointer.region,
        );
        const { Parameter } = await ssm.send(
          new GetParameterCommand({ Name: parameterName }),
        );
        current = Parameter?.Value;
      } catch (error) {
        if (!(error instanceof ParameterNotFound)) {
          counts.unreadable += 1;
          this.deps.logger.warn(
            `Could not read ${parameterName} in ${pointer.accountId}/${pointer.region}: ${error}`,
          );
          continue;
        }
      }
      if (current === pointer.value) {
        counts.inStep += 1;
        continue;
      }
      this.deps.logger.warn(
        `${parameterName} in ${pointer.accountId}/${pointer.region} is ${
          current ?? 'missing'
        }, not ${pointer.value}: publishing it again`,
      );
      await this.deps.store.requeuePublish({ ...pointer, parameterName });
      counts.requeued += 1;
    }
    return counts;
  }
}

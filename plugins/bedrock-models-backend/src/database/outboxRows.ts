/** A write of a pointer's value to SSM, to queue. */
export type OutboxWrite = {
  modelName: string;
  alias: string;
  region: string;
  /** The pointer revision whose value the row publishes. */
  revision: number;
  historyId: number;
  accountId: string;
  parameterName: string;
  value: string;
};

/** The `ssm_outbox` row of a write queued now: the one place that maps a write to its columns. */
export function toOutboxInsert(write: OutboxWrite, now: Date) {
  return {
    model_name: write.modelName,
    alias: write.alias,
    region: write.region,
    revision: write.revision,
    history_id: write.historyId,
    account_id: write.accountId,
    parameter_name: write.parameterName,
    value: write.value,
    status: 'pending',
    attempts: 0,
    next_attempt_at: now,
    created_at: now,
  };
}

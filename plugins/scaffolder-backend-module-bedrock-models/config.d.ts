export interface Config {
  scaffolder?: {
    /** The bedrock-models template actions. */
    bedrockModels?: {
      /** How `bedrock:model:import` waits for a version to finish importing. */
      importWait?: {
        /** Seconds between two reads of the version from the bedrock-models backend; defaults to 5. */
        pollIntervalSeconds?: number;
        /** Longest time without a progress line in the task log, in seconds; defaults to 10. */
        progressIntervalSeconds?: number;
        /** Minutes to wait before failing the step (the import itself goes on); defaults to 180. */
        timeoutMinutes?: number;
      };
      /** How `bedrock:model:evaluate` follows an evaluation run (its timeout is the step's input). */
      evaluationWait?: {
        /** Seconds between two reads of the run from the bedrock-models backend; defaults to 5. */
        pollIntervalSeconds?: number;
        /** Longest time without a progress line in the task log, in seconds; defaults to 30. */
        progressIntervalSeconds?: number;
      };
    };
  };
}

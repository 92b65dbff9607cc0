export interface Config {
  /** The bedrock-models registry: where it manages models, and how it publishes their pointers. */
  bedrockModels?: {
    /**
     * AWS accounts and Regions whose fine-tunes the portal manages. Credentials for each account come
     * from the `aws` section (@backstage/integration-aws-node): static keys, a profile or a role to assume.
     */
    accounts?: Array<{
      accountId: string;
      /** A name people read instead of the 12-digit id (e.g. ml-prod), shown on the portal's pages. */
      alias?: string;
      regions: string[];
      /** IAM role Bedrock assumes to read import artifacts from S3 (needed to import into this account). */
      importRoleArn?: string;
    }>;
    /**
     * Where imports may come from: per account, the S3 folders artifacts may be read from. Anything else
     * is refused with a message naming the allowed folders. `{group}` in a prefix stands for the name of
     * the model's owner (`support-ml` for group:default/support-ml), so each team imports from its own
     * folder. An account without sources accepts no imports.
     */
    sources?: Array<{
      accountId: string;
      /** Folders every owner may import from, e.g. `s3://ml-artifacts/teams/{group}/`. */
      prefixes?: string[];
      /** Further folders for named owners (entity refs). */
      owners?: Array<{ owner: string; prefixes: string[] }>;
    }>;
    /**
     * Moves that need approval. The first rule covering a move's alias and the model's classification
     * applies; without one a promote or rollback moves at once.
     */
    approvals?: {
      /** Hours a request stays open before it expires; defaults to 24. */
      expiryHours?: number;
      rules?: Array<{
        /** Aliases covered; every alias when left out. */
        aliases?: string[];
        /** Classifications covered; every classification when left out. */
        classifications?: string[];
        /** Approvals needed, from people other than the requester; defaults to 1. */
        approvals?: number;
        /** Who may approve: `owners` (the model's owners) and group or user entity refs; defaults to owners. */
        approvers?: string[];
        /** Owners may roll back without approval, which the history records; defaults to true. */
        allowEmergencyRollback?: boolean;
        /** Overrides approvals.expiryHours for this rule. */
        expiryHours?: number;
      }>;
    };
    /** Per alias: whether a promote needs a passing evaluation of the version (block), warns, or ignores it. */
    evaluationGates?: Array<{
      alias: string;
      /** Defaults to block. */
      mode?: 'block' | 'warn' | 'ignore';
      /** Share of prompts that must pass, 0-1; defaults to 1. */
      minPassRate?: number;
    }>;
    /** What the registry tells people through Backstage notifications. */
    notifications?: {
      /** Minutes an SSM write may keep failing before a pointer's owners and the admins are told; defaults to 15. */
      publishFailingMinutes?: number;
    };
    /** Alias pointers each model has per Region; defaults to production and staging. */
    aliases?: string[];
    /** SSM parameter prefix; a pointer is published at `<prefix>/<model>/<alias>`. Defaults to /bedrock-models. */
    ssmParameterPrefix?: string;
    /** Groups (entity refs) allowed to promote, roll back and retire any model. */
    adminGroups?: string[];
    /** Data classifications a model may have; defaults to public, internal, confidential, phi. */
    classifications?: string[];
    /**
     * Data-residency policy: classification -> Regions where data of that class may be stored and served.
     * A classification not listed may go to any managed Region. Validation refuses imports that break it.
     */
    dataResidency?: { [classification: string]: string[] };
    /** How imports are followed. */
    imports?: {
      /** At most one GetModelImportJob per job per this many seconds; defaults to 30. */
      pollIntervalSeconds?: number;
      /** Call each new version once (Converse or InvokeModel) to record its cold-start time; defaults to false. */
      warmUp?: boolean;
    };
    /**
     * Keep-warm heartbeats (docs/keep-warm.md): imported models scale to zero after an idle spell, and a
     * pointer's keep-warm policy sends a one-token call often enough that its copy stays loaded.
     */
    keepWarm?: {
      /**
       * Minutes a copy may idle before Bedrock evicts it; heartbeat intervals must be shorter. AWS does not
       * document it ("typically an hour"); defaults to 60.
       */
      evictionMinutes?: number;
      /** Minutes before a window opens that heartbeats start, so a restore is done by then; defaults to 10. */
      leadMinutes?: number;
      /** Heartbeat interval of a policy that does not give one; defaults to 14. */
      defaultIntervalMinutes?: number;
      /**
       * A call that waited this long before it was served is recorded as a cold start (as is every call
       * that met ModelNotReadyException); defaults to 15.
       */
      coldStartThresholdSeconds?: number;
    };
    /** Models found in AWS that the portal did not import. */
    discovery?: {
      /** Owner (entity ref) of discovered models with no `bedrock-models.io/owner` tag; defaults to group:default/ml-platform. */
      defaultOwner?: string;
      /** Classification of discovered models with no classification tag; defaults to internal. */
      defaultClassification?: string;
      /** Minutes between two discovery passes over every account and Region; defaults to 10. */
      frequencyMinutes?: number;
    };
    /**
     * Prices for cost figures. AWS list prices (late 2025): 0.05718 USD per CMU-minute in us-east-1 and
     * us-west-2, 0.07144 in eu-central-1, 1.95 USD per CMU-month of storage. A Region without a price
     * gets no cost figure.
     */
    pricing?: {
      /** Defaults to USD. */
      currency?: string;
      /** Region -> price of one Custom Model Unit running for one minute. */
      cmuMinute?: { [region: string]: number };
      /** Price of storing one Custom Model Unit for a month. */
      storageCmuMonth?: number;
      /** Region -> hourly rate of the always-on alternative the cost-shape comparison uses. */
      alwaysOnHourly?: { [region: string]: number };
      /** Where the prices come from, shown next to cost figures. */
      source?: string;
    };
    /**
     * Local development only: one endpoint for every AWS service (the bedrock-emulator), instead of AWS.
     * @visibility backend
     */
    awsEndpoint?: string;
  };
}

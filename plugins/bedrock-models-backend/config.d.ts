export interface Config {
  /** The bedrock-models registry: where it manages models, and how it publishes their pointers. */
  bedrockModels?: {
    /**
     * AWS accounts and Regions whose fine-tunes the portal manages. Credentials for each account come
     * from the `aws` section (@backstage/integration-aws-node): static keys, a profile or a role to assume.
     */
    accounts?: Array<{
      accountId: string;
      regions: string[];
    }>;
    /** Alias pointers each model has per Region; defaults to production and staging. */
    aliases?: string[];
    /** SSM parameter prefix; a pointer is published at `<prefix>/<model>/<alias>`. Defaults to /bedrock-models. */
    ssmParameterPrefix?: string;
    /** Groups (entity refs) allowed to promote, roll back and retire any model. */
    adminGroups?: string[];
    /** Data classifications a model may have; defaults to public, internal, confidential, phi. */
    classifications?: string[];
    /**
     * Local development only: one endpoint for every AWS service (the bedrock-emulator), instead of AWS.
     * @visibility backend
     */
    awsEndpoint?: string;
  };
}

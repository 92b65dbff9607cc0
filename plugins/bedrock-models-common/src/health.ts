/** What `GET /api/bedrock-models/health` answers. */
export type BedrockModelsHealth = {
  status: 'ok';
  database: {
    /** The knex client in use, e.g. `pg` or `better-sqlite3`. */
    client: string;
    /** Number of the plugin's migrations applied to the database. */
    migrationsApplied: number;
  };
};

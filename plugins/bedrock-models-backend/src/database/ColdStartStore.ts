import { ColdStart } from '@bedrock-portal/backstage-plugin-bedrock-models-common';

/** A measured cold start, with the account of the version it met. */
export type ColdStartRecord = ColdStart & { accountId: string };

/** Cold starts the portal measured: its warm-ups, heartbeats and evaluation calls. */
export interface ColdStartStore {
  record(coldStart: ColdStartRecord): Promise<void>;
  /** Cold starts since `since`, newest first, of one model (and Region) or of every model. */
  list(filter: {
    since: Date;
    modelName?: string;
    region?: string;
  }): Promise<ColdStartRecord[]>;
}

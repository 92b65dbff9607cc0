import { DiscoverySyncState } from '@bedrock-portal/backstage-plugin-bedrock-models-common';

/** One discovery pass over an account and Region: a success, or the error that stopped it. */
export type DiscoveryPass = {
  accountId: string;
  region: string;
  at: Date;
  error?: string;
  /** Import jobs in progress the portal did not start, counted by a successful pass. */
  outsideJobsInProgress?: number;
};

/** How discovery last went in each account and Region, shared by every replica. */
export interface DiscoveryStateStore {
  recordPass(pass: DiscoveryPass): Promise<void>;
  /** Every account and Region discovery has tried. */
  states(): Promise<DiscoverySyncState[]>;
  state(
    accountId: string,
    region: string,
  ): Promise<DiscoverySyncState | undefined>;
}

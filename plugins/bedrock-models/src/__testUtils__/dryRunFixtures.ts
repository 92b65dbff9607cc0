import type { PointerMoveResponse } from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { aMove, aPointer } from './modelFixtures';

/** What a dry run of a promote of production in us-east-1 from version 2 to `to` answers. */
export function aDryRun(
  to: number,
  overrides: Partial<PointerMoveResponse> = {},
): PointerMoveResponse {
  return {
    move: aMove({ seq: 3, fromVersion: 2, toVersion: to }),
    pointer: aPointer('production', 'us-east-1', to, {
      revision: 3,
      rollbackTarget: 2,
    }),
    published: false,
    dryRun: true,
    needsApproval: false,
    ...overrides,
  };
}

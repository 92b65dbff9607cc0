import type { PointerMoveResponse } from '@bedrock-portal/backstage-plugin-bedrock-models-common';

/**
 * What a promote or rollback means for callers right now: whether the SSM parameter they read already
 * names the new ARN (the backend wrote it within the request), or will shortly (its outbox retries).
 */
export function callersNotice(
  response: Pick<PointerMoveResponse, 'published' | 'pointer'>,
): string {
  const { parameterName } = response.pointer;
  return response.published
    ? `Callers reading ${parameterName} get the new ARN now.`
    : `Saved; SSM (${parameterName}) is being updated and will follow within a minute.`;
}

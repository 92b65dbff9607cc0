import type { DecisionResponse } from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { callersNotice } from '../model/callersNotice';
import { approvalsSoFar } from './approvalViews';

/** The decisions a person can take on a request. */
export type Decision = 'approve' | 'reject' | 'cancel';

/** What a decision came to, in a sentence for the page's confirmation. */
export function decisionOutcome(
  decision: Decision,
  response: DecisionResponse,
): string {
  const request = response.approvalRequest;
  const where = `${request.alias} in ${request.region}`;
  const stays = `the ${request.alias} pointer of ${request.modelName} in ${request.region} stays where it is.`;
  if (decision === 'reject') return `Rejected: ${stays}`;
  if (decision === 'cancel') return `Cancelled: ${stays}`;
  if (response.move) {
    return `Approved: version ${response.move.move.toVersion} of ${
      request.modelName
    } now serves ${where}. ${callersNotice(response.move)}`;
  }
  return `Your approval is recorded (${approvalsSoFar(
    request,
  )}); the pointer moves when the rule has them all.`;
}

import { Flex, Text } from '@backstage/ui';
import type { ReactNode } from 'react';
import type {
  ModelVersion,
  PointerMoveResponse,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { describeError } from '../../api/describeError';
import {
  approvalRuleInWords,
  namedApprovers,
  NameOf,
} from '../../model/approvalNotice';
import { useEntityDisplayNames } from '../../names/useEntityDisplayNames';
import { LastActivity, lastActivityInWords } from '../../model/lastActivity';
import { EvidenceList } from './EvidenceList';

/** A value that is being read, was read, or could not be. */
export type Reading<T> = { loading: boolean; value?: T; error?: Error };

const mono = { fontFamily: 'monospace', wordBreak: 'break-all' } as const;

function versionLine(
  number: number | null | undefined,
  version: ModelVersion | undefined,
) {
  if (number === null || number === undefined) {
    return 'no version';
  }
  return (
    <Flex direction="column" gap="0.5">
      <Text as="span" variant="body-small">
        <strong>version {number}</strong>
      </Text>
      <Text as="span" variant="body-x-small" style={mono}>
        {version?.importedModelArn ?? 'ARN not known'}
      </Text>
    </Flex>
  );
}

/** Whether the move needs approval, in words, from the dry run. */
function approvalLine(
  kind: 'promote' | 'rollback',
  alias: string,
  preview: Reading<PointerMoveResponse>,
  nameOf: NameOf,
): string {
  if (preview.loading) return 'Checking…';
  if (preview.error || !preview.value) {
    return `Not known: ${
      preview.error
        ? describeError(preview.error)
        : 'the portal did not say what this move would do'
    }`;
  }
  const { approvalRule, needsApproval } = preview.value;
  if (approvalRule && needsApproval) {
    return `${approvalRuleInWords(
      approvalRule,
      nameOf,
    )} Nothing moves until it is approved.`;
  }
  if (approvalRule && kind === 'rollback') {
    return 'Not needed: the approval rule for this pointer lets owners roll back at once, as an emergency; the history records it as one.';
  }
  return `Not needed: no approval rule covers ${alias} of this model, so the pointer moves when you click.`;
}

/**
 * What a promote or rollback would do, before the click, from the backend's dry run and the model as
 * read: the SSM parameter callers read, where, the ARN it names now and after, when the new version
 * last served calls, and whether the move needs approval.
 */
export const MoveEvidence = (props: {
  kind: 'promote' | 'rollback';
  alias: string;
  region: string;
  accountId: string;
  from: { number: number | null; version?: ModelVersion };
  to: { number: number | undefined; version?: ModelVersion };
  preview: Reading<PointerMoveResponse>;
  activity: Reading<LastActivity>;
}) => {
  const { preview, activity, to } = props;
  const parameterName = preview.value?.pointer.parameterName;
  const displayName = useEntityDisplayNames(
    namedApprovers(preview.value?.approvalRule?.approvers ?? []),
  );
  let activityText = 'Reading CloudWatch…';
  if (activity.error) {
    activityText = `not known: ${describeError(activity.error)}`;
  } else if (activity.value) {
    activityText = lastActivityInWords(activity.value);
  }
  let callersRead: ReactNode = preview.loading ? 'Checking…' : 'not known';
  if (parameterName) {
    callersRead = (
      <Text as="span" variant="body-small" style={mono}>
        {parameterName}
      </Text>
    );
  }
  return (
    <EvidenceList
      label="What this move does"
      items={[
        {
          term: 'Callers read',
          value: callersRead,
        },
        {
          term: 'Where',
          value: `${props.region}, account ${props.accountId}`,
        },
        {
          term: 'Now',
          value: versionLine(props.from.number, props.from.version),
        },
        { term: 'After', value: versionLine(to.number, to.version) },
        {
          term:
            to.number === undefined
              ? 'Last invoked'
              : `Version ${to.number} last invoked`,
          value: activityText,
        },
        {
          term: 'Approval',
          value: approvalLine(props.kind, props.alias, preview, displayName),
        },
      ]}
    />
  );
};

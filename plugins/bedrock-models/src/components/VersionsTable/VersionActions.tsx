import { Button, Cell, Flex } from '@backstage/ui';
import type { ActionState } from '../../model/versionActions';
import { DisabledReason } from '../shared/DisabledReason';

/** Promote and Retire for one version; a disabled action says why (permission is said once, above). */
export const VersionActions = (props: {
  versionNumber: number;
  promote: ActionState;
  retire: ActionState;
  onPromote: () => void;
  onRetire: () => void;
  /** Id of the notice that explains a permission refusal for every row. */
  permissionNoticeId: string;
}) => {
  const { versionNumber, promote, retire } = props;
  const describedBy = (state: ActionState, id: string) => {
    if (state.enabled) return undefined;
    return state.cause === 'permission' ? props.permissionNoticeId : id;
  };
  const promoteReasonId = `promote-reason-${versionNumber}`;
  const retireReasonId = `retire-reason-${versionNumber}`;
  return (
    <Cell>
      <Flex direction="column" gap="1">
        <Flex gap="1">
          <Button
            size="small"
            // A disabled primary button looks live in some themes: only an available Promote is primary.
            variant={promote.enabled ? 'primary' : 'secondary'}
            isDisabled={!promote.enabled}
            aria-label={`Promote version ${versionNumber}`}
            aria-describedby={describedBy(promote, promoteReasonId)}
            onPress={props.onPromote}
          >
            Promote
          </Button>
          <Button
            size="small"
            variant="secondary"
            isDisabled={!retire.enabled}
            aria-label={`Retire version ${versionNumber}`}
            aria-describedby={describedBy(retire, retireReasonId)}
            onPress={props.onRetire}
          >
            Retire
          </Button>
        </Flex>
        {!promote.enabled && promote.cause === 'state' && (
          <DisabledReason id={promoteReasonId} reason={promote.reason} />
        )}
        {!retire.enabled && retire.cause === 'state' && (
          <DisabledReason id={retireReasonId} reason={retire.reason} />
        )}
      </Flex>
    </Cell>
  );
};

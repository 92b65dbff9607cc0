import { useEffect, useRef } from 'react';
import { Alert, Button, Flex, Link } from '@backstage/ui';
import { approvalRequestPath } from '../../approvals/approvalViews';
import type { MoveOutcome } from '../../model/moveOutcome';

/**
 * The confirmation of a promote or rollback, above the pointers: what moved and what callers see, with
 * Undo (a rollback with the reason filled in); or, for a move that needs approval, that nothing moved
 * and where the request is. It takes the focus when it appears, so a keyboard user is next to Undo.
 */
export const MoveConfirmation = (props: {
  outcome: MoveOutcome;
  onUndo: () => void;
  onDismiss: () => void;
}) => {
  const { outcome } = props;
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [outcome]);
  return (
    <Alert
      ref={ref}
      tabIndex={-1}
      role="status"
      aria-label="Move confirmation"
      status={outcome.kind === 'moved' ? 'success' : 'info'}
      title={outcome.summary}
      description={
        outcome.kind === 'moved' && outcome.warnings
          ? `It went ahead despite: ${outcome.warnings.join(' ')}`
          : undefined
      }
      customActions={
        <Flex gap="2" align="center">
          {outcome.kind === 'moved' && outcome.undo && (
            <Button size="small" variant="secondary" onPress={props.onUndo}>
              Undo
            </Button>
          )}
          {outcome.kind === 'requested' && (
            <Link href={approvalRequestPath(outcome.requestId)}>
              Open the request
            </Link>
          )}
          <Button size="small" variant="tertiary" onPress={props.onDismiss}>
            Dismiss
          </Button>
        </Flex>
      }
    />
  );
};

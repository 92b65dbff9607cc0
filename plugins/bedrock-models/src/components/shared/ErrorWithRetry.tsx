import { Alert, Button } from '@backstage/ui';
import { describeError } from '../../api/describeError';

/** A failed load: what failed, the backend's reason (announced to screen readers), and a Retry button. */
export const ErrorWithRetry = (props: {
  title: string;
  error: Error;
  onRetry: () => void;
}) => (
  <Alert
    role="alert"
    status="danger"
    title={props.title}
    description={describeError(props.error)}
    customActions={
      <Button size="small" variant="secondary" onPress={props.onRetry}>
        Retry
      </Button>
    }
  />
);

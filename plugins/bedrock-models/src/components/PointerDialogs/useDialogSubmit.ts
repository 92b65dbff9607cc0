import { useState } from 'react';
import { describeError, isConflict } from '../../api/describeError';

/**
 * The state of a dialog's one change: whether it is being sent, the backend's reason when it failed, and
 * a 409 (someone changed the model since the page read it) told apart, after which the page re-reads.
 */
export function useDialogSubmit(onConflict: () => void) {
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string>();
  const [conflict, setConflict] = useState<string>();

  const run = async (change: () => Promise<void>) => {
    setSubmitting(true);
    setError(undefined);
    setConflict(undefined);
    try {
      await change();
    } catch (e) {
      if (isConflict(e)) {
        setConflict(describeError(e as Error));
        onConflict();
      } else {
        setError(describeError(e as Error));
      }
    } finally {
      setSubmitting(false);
    }
  };

  /** Forgets the last outcome (the user changed what the dialog would send). */
  const reset = () => {
    setError(undefined);
    setConflict(undefined);
  };

  return { submitting, error, conflict, run, reset };
}

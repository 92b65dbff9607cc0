import { Button, DialogFooter } from '@backstage/ui';

/** The footer of a dialog that sends one change: Cancel, and the change's own button. */
export const ChangeDialogFooter = (props: {
  /** What the button does: Promote, Roll back, Retire. */
  label: string;
  onCancel: () => void;
  onSubmit: () => void;
  submitting: boolean;
  disabled: boolean;
  destructive?: boolean;
}) => (
  <DialogFooter>
    <Button variant="secondary" onPress={props.onCancel}>
      Cancel
    </Button>
    <Button
      variant="primary"
      destructive={props.destructive}
      onPress={props.onSubmit}
      isPending={props.submitting}
      isDisabled={props.disabled}
    >
      {props.label}
    </Button>
  </DialogFooter>
);

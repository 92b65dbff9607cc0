import { TextAreaField } from '@backstage/ui';
import { MAX_REASON_LENGTH } from '@bedrock-portal/backstage-plugin-bedrock-models-common';

/** The reason a move or retirement is made; it is kept in the history. */
export const ReasonField = (props: {
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  /** Focus the field when it appears (a dialog whose first field it is). */
  autoFocus?: boolean;
}) => (
  <TextAreaField
    label="Reason"
    description="Kept in the history, with your name and the time."
    isRequired
    maxLength={MAX_REASON_LENGTH}
    value={props.value}
    onChange={props.onChange}
    placeholder={props.placeholder}
    autoFocus={props.autoFocus}
  />
);

import { TextAreaField, TextField } from '@backstage/ui';

/**
 * A text field of the suite editor with the backend's problems about it shown under it (and announced
 * as its error), until it is edited.
 */
export const CheckedField = (props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  problems?: string[];
  description?: string;
  multiline?: boolean;
  isRequired?: boolean;
  autoFocus?: boolean;
}) => {
  const { problems } = props;
  const shared = {
    label: props.label,
    description: props.description,
    value: props.value,
    onChange: props.onChange,
    isRequired: props.isRequired,
    autoFocus: props.autoFocus,
    // 'aria' shows the problems at once (not on a form submit) and marks the field invalid.
    validationBehavior: 'aria' as const,
    validate: () => (problems && problems.length > 0 ? problems : null),
  };
  return props.multiline ? (
    <TextAreaField {...shared} />
  ) : (
    <TextField {...shared} />
  );
};

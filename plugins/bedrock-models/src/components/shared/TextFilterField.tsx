import { useEffect, useState } from 'react';
import useDebounce from 'react-use/esm/useDebounce';
import { TextField } from '@backstage/ui';

/** How long typing pauses before a text filter is applied. */
const TEXT_FILTER_DEBOUNCE_MS = 400;

/**
 * A free-text filter applied a moment after typing stops; `check` names what is wrong with a value the
 * backend would refuse (which is then not applied).
 */
export const TextFilterField = (props: {
  label: string;
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  placeholder?: string;
  description?: string;
  check?: (value: string) => string | undefined;
}) => {
  const [text, setText] = useState(props.value ?? '');
  // A change from outside (Clear filters, a link) replaces what was typed.
  useEffect(() => setText(props.value ?? ''), [props.value]);
  const trimmed = text.trim();
  const problem = trimmed && props.check ? props.check(trimmed) : undefined;
  useDebounce(
    () => {
      if (problem) return;
      const next = trimmed || undefined;
      if (next !== (props.value || undefined)) props.onChange(next);
    },
    TEXT_FILTER_DEBOUNCE_MS,
    [trimmed, problem],
  );
  return (
    <TextField
      label={props.label}
      value={text}
      onChange={setText}
      placeholder={props.placeholder}
      description={props.description}
      // The field shows the problem as it is typed; the filter keeps its last good value meanwhile.
      validationBehavior="aria"
      validate={value =>
        value.trim() && props.check ? props.check(value.trim()) : undefined
      }
      style={{ minWidth: 200 }}
    />
  );
};

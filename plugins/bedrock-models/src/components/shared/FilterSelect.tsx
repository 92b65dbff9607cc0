import { memo } from 'react';
import { Select } from '@backstage/ui';

// react-aria keys cannot be empty strings, so "no filter" has its own key.
const ALL = '__all';

/**
 * A filter that picks one value or all, wide enough for its longest choice (a select's trigger cuts
 * what does not fit, and "not man…" reads as nothing). Memoized: a bar of them re-renders only the
 * select whose value or options changed, given stable options and onChange.
 */
export const FilterSelect = memo(function FilterSelectView(props: {
  label: string;
  options: Array<{ id: string; label: string }>;
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  allLabel?: string;
}) {
  const options = [
    { id: ALL, label: props.allLabel ?? 'All' },
    ...props.options,
  ];
  // About 8 px a character of the label or longest choice, and the trigger's arrow and padding.
  const longest = Math.max(
    props.label.length,
    ...options.map(o => o.label.length),
  );
  return (
    <Select
      label={props.label}
      options={options}
      value={props.value ?? ALL}
      onChange={key => props.onChange(key === ALL ? undefined : String(key))}
      style={{ minWidth: Math.min(Math.max(140, longest * 8 + 56), 340) }}
    />
  );
});

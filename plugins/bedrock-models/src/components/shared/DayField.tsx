import { useId } from 'react';
import { FieldLabel, Flex } from '@backstage/ui';

/** A day (`YYYY-MM-DD`), picked with the browser's own date input: typed, or from its calendar. */
export const DayField = (props: {
  label: string;
  value: string | undefined;
  onChange: (day: string | undefined) => void;
  min?: string;
  max?: string;
}) => {
  const id = useId();
  return (
    <Flex direction="column" gap="1">
      <FieldLabel label={props.label} htmlFor={id} />
      <input
        id={id}
        type="date"
        value={props.value ?? ''}
        min={props.min}
        max={props.max}
        onChange={e => props.onChange(e.target.value || undefined)}
        style={{
          height: '2.5rem',
          boxSizing: 'border-box',
          padding: '0 var(--bui-space-3, 12px)',
          border: '1px solid var(--bui-border-2, #ccc)',
          borderRadius: 'var(--bui-radius-2, 4px)',
          background: 'var(--bui-bg-neutral-1, transparent)',
          color: 'var(--bui-fg-primary, inherit)',
          font: 'inherit',
          fontSize: 'var(--bui-font-size-3, 14px)',
        }}
      />
    </Flex>
  );
};

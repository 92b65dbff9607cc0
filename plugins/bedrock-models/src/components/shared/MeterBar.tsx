import { Box } from '@backstage/ui';

/** How full a bar is, 0 to 1; over 0.8 it warns and at 1 it is full. */
export function meterLevel(fraction: number): 'ok' | 'warning' | 'full' {
  if (fraction >= 1) return 'full';
  return fraction > 0.8 ? 'warning' : 'ok';
}

const COLORS = {
  ok: 'var(--bui-accent-bg, #1f5493)',
  warning: 'var(--bui-fg-warning, #e5a000)',
  full: 'var(--bui-fg-negative, #e22b2b)',
};

/**
 * A horizontal bar showing a value against a maximum (a quota used against its limit); `plain` bars
 * (a share of a whole) keep one colour however full they are.
 */
export const MeterBar = (props: {
  value: number;
  max: number;
  label: string;
  plain?: boolean;
}) => {
  const fraction = props.max > 0 ? Math.min(props.value / props.max, 1) : 0;
  return (
    <Box
      role="meter"
      aria-label={props.label}
      aria-valuemin={0}
      aria-valuemax={props.max}
      aria-valuenow={props.value}
      style={{
        height: 10,
        borderRadius: 5,
        background: 'var(--bui-bg-neutral-3, #e6e6e6)',
        overflow: 'hidden',
      }}
    >
      <div
        style={{
          width: `${fraction * 100}%`,
          height: '100%',
          background: COLORS[props.plain ? 'ok' : meterLevel(fraction)],
        }}
      />
    </Box>
  );
};

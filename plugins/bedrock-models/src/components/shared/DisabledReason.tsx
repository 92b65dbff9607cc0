import { Text } from '@backstage/ui';

/** Why the button next to it is disabled; `id` is what the button's aria-describedby names. */
export const DisabledReason = (props: { id: string; reason: string }) => (
  <Text id={props.id} as="p" variant="body-x-small" color="secondary">
    {props.reason}
  </Text>
);

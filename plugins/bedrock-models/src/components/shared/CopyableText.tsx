import { CopyTextButton } from '@backstage/core-components';
import { Flex, Text } from '@backstage/ui';

/** A value (an ARN, a parameter name) shown in full with a button that copies it. */
export const CopyableText = (props: { text: string; label: string }) => (
  <Flex align="center" gap="1">
    <Text
      as="span"
      variant="body-small"
      style={{ fontFamily: 'monospace', wordBreak: 'break-all' }}
    >
      {props.text}
    </Text>
    <CopyTextButton text={props.text} aria-label={`Copy ${props.label}`} />
  </Flex>
);

import { Flex, Text } from '@backstage/ui';

const named = (version: number | null | undefined) =>
  version === null || version === undefined
    ? 'no version'
    : `version ${version}`;

/** "production in us-east-1: from version 2 to version 3", in words and as a line to scan. */
export const MoveSummary = (props: {
  alias: string;
  region: string;
  from: number | null | undefined;
  to: number | null | undefined;
}) => (
  <Flex direction="column" gap="1">
    <Text as="p" variant="body-medium">
      The <strong>{props.alias}</strong> pointer in{' '}
      <strong>{props.region}</strong>
    </Text>
    <Text as="p" variant="body-medium" aria-label="move">
      from <strong>{named(props.from)}</strong> to{' '}
      <strong>{named(props.to)}</strong>
    </Text>
  </Flex>
);

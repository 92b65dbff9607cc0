import { Box, Flex, Text } from '@backstage/ui';
import type { PointerMove } from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { formatDateTime } from '../../format/formatDateTime';

const named = (version: number | null) =>
  version === null ? 'no version' : `version ${version}`;

/** Pointer moves, newest first: who, when, which pointer, from, to, and why. */
export const HistoryTimeline = (props: { moves: PointerMove[] }) => {
  const moves = [...props.moves].sort(
    (a, b) => Date.parse(b.at) - Date.parse(a.at) || b.id - a.id,
  );
  if (moves.length === 0) {
    return (
      <Text as="p" color="secondary">
        No pointer has moved yet.
      </Text>
    );
  }
  return (
    <ol
      aria-label="Pointer history"
      style={{ listStyle: 'none', margin: 0, padding: 0 }}
    >
      {moves.map(move => (
        <li key={move.id}>
          <Box
            pl="3"
            pb="3"
            style={{ borderLeft: '2px solid var(--bui-border-2, #ccc)' }}
          >
            <Flex direction="column" gap="0.5">
              <Text as="p" variant="body-x-small" color="secondary">
                {formatDateTime(move.at)}
              </Text>
              <Text as="p" variant="body-medium">
                <strong>{move.actor}</strong>{' '}
                {move.kind === 'rollback' ? 'rolled back' : 'promoted'}{' '}
                {move.alias} in {move.region} from {named(move.fromVersion)} to{' '}
                {named(move.toVersion)}
              </Text>
              <Text as="p" variant="body-small" color="secondary">
                “{move.reason}”
              </Text>
            </Flex>
          </Box>
        </li>
      ))}
    </ol>
  );
};

import { Flex, Text } from '@backstage/ui';
import type { EvaluationResult } from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { formatLatency } from '../../evaluation/runSummary';

/** One prompt's result in one run: passed or not and why, latency (a cold start marked), tokens, the answer. */
export const ResultCell = (props: {
  result?: EvaluationResult;
  /** What to say when the run has no result for this prompt. */
  missing: string;
}) => {
  const { result } = props;
  if (!result) {
    return (
      <Text as="p" variant="body-small" color="secondary">
        {props.missing}
      </Text>
    );
  }
  const tokens =
    result.outputTokens !== undefined
      ? ` · ${result.inputTokens ?? '?'} in / ${result.outputTokens} out tokens`
      : '';
  return (
    <Flex direction="column" gap="1">
      <Flex gap="2" align="center" style={{ flexWrap: 'wrap' }}>
        <Text
          as="span"
          variant="body-small"
          weight="bold"
          color={result.passed ? 'success' : 'danger'}
        >
          {result.passed ? 'passed' : 'failed'}
        </Text>
        <Text as="span" variant="body-small" color="secondary">
          {formatLatency(result.latencyMs)}
          {tokens}
        </Text>
        {result.coldStart && (
          <Text
            as="span"
            variant="body-x-small"
            color="warning"
            title="The call met a cold start (ModelNotReadyException, retried): its latency is not held against the version."
            style={{
              border: '1px solid currentColor',
              borderRadius: 4,
              padding: '0 4px',
            }}
          >
            cold start
          </Text>
        )}
      </Flex>
      {result.failures.length > 0 && (
        <ul style={{ margin: 0, paddingLeft: 18 }} aria-label="Failed checks">
          {result.failures.map(f => (
            <li key={f}>
              <Text as="span" variant="body-small" color="danger">
                {f}
              </Text>
            </li>
          ))}
        </ul>
      )}
      <Text
        as="p"
        variant="body-small"
        style={{
          whiteSpace: 'pre-wrap',
          maxHeight: 160,
          overflowY: 'auto',
          background: 'var(--bui-bg-neutral-2, #f4f4f4)',
          padding: 6,
          borderRadius: 4,
          margin: 0,
        }}
      >
        {result.output || '(empty answer)'}
      </Text>
    </Flex>
  );
};

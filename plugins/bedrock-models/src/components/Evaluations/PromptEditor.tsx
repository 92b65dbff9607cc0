import { Box, Button, Flex, Grid, Text } from '@backstage/ui';
import type { PromptDraft } from '../../evaluation/suiteDraft';
import {
  problemKey,
  PromptField,
  SuiteProblems,
} from '../../evaluation/suiteProblems';
import { CheckedField } from './CheckedField';

/** One prompt of the suite: its id, text and checks, each with the backend's problems under it. */
export const PromptEditor = (props: {
  index: number;
  draft: PromptDraft;
  problems: SuiteProblems;
  onChange: (next: PromptDraft, edited: PromptField) => void;
  onRemove: () => void;
  autoFocus?: boolean;
}) => {
  const { index, draft, problems } = props;
  const problemsOf = (field: PromptField) =>
    problems.byField.get(problemKey(index, field));
  const field = (name: Exclude<PromptField, 'prompt-card'>) => ({
    value: draft[name],
    onChange: (value: string) =>
      props.onChange({ ...draft, [name]: value }, name),
    problems: problemsOf(name),
  });
  const cardProblems = problemsOf('prompt-card');
  const legend = `Prompt ${index + 1}`;
  return (
    <Box
      as="fieldset"
      aria-label={legend}
      p="3"
      style={{
        border: '1px solid var(--bui-border-1, #ddd)',
        borderRadius: 8,
        margin: 0,
      }}
    >
      <Flex direction="column" gap="2">
        <Flex justify="between" align="center">
          <Text as="span" variant="title-x-small">
            {legend}
          </Text>
          <Button
            size="small"
            variant="tertiary"
            onPress={props.onRemove}
            aria-label={`Remove prompt ${index + 1}`}
          >
            Remove
          </Button>
        </Flex>
        <Grid.Root columns={{ initial: '1', md: '3' }} gap="2">
          <CheckedField
            label="Id"
            description="Letters, digits, _ . -; unique in the suite."
            isRequired
            autoFocus={props.autoFocus}
            {...field('id')}
          />
          <Grid.Item colSpan={{ initial: '1', md: '2' }}>
            <CheckedField
              label="Prompt"
              multiline
              isRequired
              {...field('prompt')}
            />
          </Grid.Item>
          <CheckedField
            label="Must contain"
            description="One phrase a line; each must be in the answer."
            multiline
            {...field('mustContain')}
          />
          <CheckedField
            label="Must not contain"
            description="One phrase a line; none may be in the answer."
            multiline
            {...field('mustNotContain')}
          />
          <CheckedField
            label="Must match (regular expression)"
            description="The answer must match it, e.g. ^Dear "
            {...field('mustMatch')}
          />
          <CheckedField
            label="Max latency (ms)"
            description="Not held against a cold start."
            {...field('maxLatencyMs')}
          />
          <CheckedField
            label="Max output tokens"
            {...field('maxOutputTokens')}
          />
        </Grid.Root>
        {cardProblems && (
          <Text as="p" variant="body-small" color="danger" role="alert">
            {cardProblems.join(' ')}
          </Text>
        )}
      </Flex>
    </Box>
  );
};

import { useState } from 'react';
import { Alert, Button, Flex, Text } from '@backstage/ui';
import { useApi } from '@backstage/frontend-plugin-api';
import type { EvaluationSuite } from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { bedrockModelsApiRef } from '../../api/BedrockModelsApi';
import { describeError } from '../../api/describeError';
import {
  emptyPrompt,
  fromDraft,
  PromptDraft,
  toDraft,
} from '../../evaluation/suiteDraft';
import {
  problemKey,
  PromptField,
  SuiteProblems,
  suiteProblems,
} from '../../evaluation/suiteProblems';
import { PromptEditor } from './PromptEditor';

const NO_PROBLEMS: SuiteProblems = { general: [], byField: new Map() };

/**
 * Edits a model's evaluation suite: prompts, each with its checks. The backend checks what is saved;
 * each of its problems shows next to the field it is about (until that field is edited).
 */
export const SuiteEditor = (props: {
  modelName: string;
  suite: EvaluationSuite;
  onSaved: (suite: EvaluationSuite) => void;
  onCancel: () => void;
}) => {
  const api = useApi(bedrockModelsApiRef);
  const [drafts, setDrafts] = useState<PromptDraft[]>(() =>
    props.suite.prompts.length > 0
      ? props.suite.prompts.map(toDraft)
      : [emptyPrompt([])],
  );
  const [problems, setProblems] = useState<SuiteProblems>(NO_PROBLEMS);
  const [saving, setSaving] = useState(false);

  const change = (index: number, next: PromptDraft, edited: PromptField) => {
    setDrafts(current => current.map((d, i) => (i === index ? next : d)));
    // The problem was about the old value: forget it.
    const key = problemKey(index, edited);
    if (problems.byField.has(key)) {
      const byField = new Map(problems.byField);
      byField.delete(key);
      setProblems({ ...problems, byField });
    }
  };
  const remove = (index: number) => {
    setDrafts(current => current.filter((_, i) => i !== index));
    // Problems are by position: after a removal they would point at the wrong prompt.
    setProblems(NO_PROBLEMS);
  };
  const save = async () => {
    setSaving(true);
    setProblems(NO_PROBLEMS);
    try {
      const saved = await api.putEvaluationSuite({
        modelName: props.modelName,
        prompts: drafts.map(fromDraft),
      });
      props.onSaved(saved);
    } catch (error) {
      setProblems(suiteProblems(describeError(error as Error)));
    } finally {
      setSaving(false);
    }
  };
  const fieldProblems = problems.byField.size;

  return (
    <Flex
      direction="column"
      gap="3"
      aria-label="Evaluation suite editor"
      role="group"
    >
      <Text as="p" variant="body-small" color="secondary">
        Each prompt is sent to the version through the Bedrock runtime; its
        answer passes when every check holds. Leave a check empty to skip it.
      </Text>
      {drafts.map((draft, index) => (
        <PromptEditor
          key={draft.key}
          index={index}
          draft={draft}
          problems={problems}
          autoFocus={index === 0}
          onChange={(next, edited) => change(index, next, edited)}
          onRemove={() => remove(index)}
        />
      ))}
      {(problems.general.length > 0 || fieldProblems > 0) && (
        <Alert
          role="alert"
          status="danger"
          title="The suite was not saved"
          description={
            problems.general.length > 0
              ? problems.general.join(' ')
              : `Fix the ${
                  fieldProblems === 1 ? 'field' : `${fieldProblems} fields`
                } marked below their input.`
          }
        />
      )}
      <Flex gap="2">
        <Button
          variant="secondary"
          onPress={() =>
            setDrafts(current => [
              ...current,
              emptyPrompt(current.map(d => d.id)),
            ])
          }
        >
          Add prompt
        </Button>
        <Button variant="primary" onPress={save} isPending={saving}>
          Save suite
        </Button>
        <Button variant="tertiary" onPress={props.onCancel}>
          Cancel
        </Button>
      </Flex>
    </Flex>
  );
};

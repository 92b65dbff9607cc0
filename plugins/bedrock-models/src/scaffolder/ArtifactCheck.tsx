import { ReactNode, useCallback, useEffect, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { useApi } from '@backstage/core-plugin-api';
import { Alert, Button, Flex, Text } from '@backstage/ui';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import {
  DetectedArtifacts,
  estimateImportDuration,
  formatEstimate,
  ValidationProblem,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { bedrockModelsApiRef } from '../api/BedrockModelsApi';
import { ErrorWithRetry } from '../components/shared/ErrorWithRetry';
import {
  artifactCheckForm,
  ArtifactCheckFieldNames,
} from './artifactCheckInputs';
import { ArtifactCheckResult, checkArtifacts } from './runArtifactCheck';
import { artifactCheckSummary } from './artifactCheckSummary';

/**
 * The field's `ui:options`: where the form keeps what is checked (the import template's names by default).
 *
 * @public
 */
export type ArtifactCheckOptions = { fields?: ArtifactCheckFieldNames };

/** How long the inputs must stay still before a check: typing an S3 URI is not a check per key. */
const SETTLE_MS = 600;

function gigabytes(bytes: number): string {
  return `${(bytes / 1e9).toFixed(1)} GB`;
}

/** What the artifacts are, as the backend read them, as label and value pairs. */
function detectedFacts(detected: DetectedArtifacts): Array<[string, string]> {
  const facts: Array<[string, string]> = [];
  if (detected.architecture) {
    facts.push([
      'Architecture',
      detected.family
        ? `${detected.architecture} (${detected.family})`
        : detected.architecture,
    ]);
  }
  facts.push([
    'Weights',
    `${gigabytes(detected.weightBytes)} in ${detected.fileCount} files`,
  ]);
  if (detected.parameterCount) {
    facts.push([
      'Parameters',
      `about ${(detected.parameterCount / 1e9).toFixed(1)} billion`,
    ]);
  }
  if (detected.contextLength) {
    facts.push([
      'Context',
      `${detected.contextLength.toLocaleString('en-US')} tokens`,
    ]);
  }
  if (detected.precision) facts.push(['Precision', detected.precision]);
  if (detected.cmuEstimate) {
    facts.push(['Custom Model Units', `${detected.cmuEstimate} per copy`]);
  }
  if (detected.converseSupported !== undefined) {
    facts.push([
      'Converse API',
      detected.converseSupported ? 'yes' : 'no (InvokeModel only)',
    ]);
  }
  const expected = estimateImportDuration(detected.weightBytes);
  if (expected && detected.weightBytes > 0) {
    facts.push(['Import time', formatEstimate(expected.expectedMs)]);
  }
  return facts;
}

const ProblemList = (props: {
  problems: ValidationProblem[];
  label: string;
}) => (
  <ul aria-label={props.label} style={{ margin: 0, paddingInlineStart: 20 }}>
    {props.problems.map(problem => (
      <li key={`${problem.code}:${problem.message}`}>
        <Text variant="body-medium">{problem.message}</Text>{' '}
        <Text variant="body-x-small" color="secondary">
          ({problem.code})
        </Text>
      </li>
    ))}
  </ul>
);

const Findings = (props: { result: ArtifactCheckResult }) => {
  const { result } = props;
  const count = result.errors.length;
  return (
    <Flex direction="column" gap="3">
      {result.passed ? (
        <Alert
          status="success"
          title="The artifacts can be imported"
          description="Nothing stops the import: go on with Next. The validate step checks again when the task runs."
        />
      ) : (
        <Alert
          status="danger"
          title={`${count} problem${
            count === 1 ? '' : 's'
          } to fix before you can create the import`}
          description={
            <ProblemList problems={result.errors} label="Problems to fix" />
          }
        />
      )}
      {result.warnings.length > 0 && (
        <Alert
          status="warning"
          title={`${result.warnings.length} warning${
            result.warnings.length === 1 ? '' : 's'
          }${result.passed ? ': the import can go ahead' : ''}`}
          description={
            <ProblemList problems={result.warnings} label="Warnings" />
          }
        />
      )}
      {result.detected && result.detected.fileCount > 0 && (
        <dl
          aria-label="What the artifacts are"
          style={{
            display: 'grid',
            gridTemplateColumns: 'max-content 1fr',
            columnGap: 16,
            rowGap: 4,
            margin: 0,
          }}
        >
          {detectedFacts(result.detected).map(([label, value]) => (
            <div key={label} style={{ display: 'contents' }}>
              <Text as="div" variant="body-small" color="secondary">
                <dt>{label}</dt>
              </Text>
              <Text as="div" variant="body-small">
                <dd style={{ margin: 0 }}>{value}</dd>
              </Text>
            </div>
          ))}
        </dl>
      )}
    </Flex>
  );
};

/**
 * The template field `BedrockArtifactCheck`: asks the bedrock-models backend, before Create, whether
 * the artifacts the form names can be imported, as the template's validate step will, and shows every
 * problem with its fix (the backend's words), the warnings, and what the artifacts are. It checks again
 * when an input changes; its validation (see `validateArtifactCheck`) keeps Next and Create from going
 * on while the check fails. Its value is a one-line summary, shown on the review step.
 */
export const ArtifactCheck = (
  props: FieldExtensionComponentProps<string, ArtifactCheckOptions>,
) => {
  // The form shows the validation's errors (rawErrors) under the field itself.
  const { formData, onChange, schema, uiSchema } = props;
  const api = useApi(bedrockModelsApiRef);
  const form = artifactCheckForm(
    (props.formContext?.formData ?? {}) as Record<string, unknown>,
    uiSchema?.['ui:options']?.fields,
  );
  const key = 'key' in form ? form.key : undefined;

  // The key once it has settled, and whether the next check must not reuse a recent answer.
  const [settled, setSettled] = useState<{ key?: string; fresh: boolean }>({
    key,
    fresh: false,
  });
  useEffect(() => {
    if (key === settled.key) return undefined;
    const timer = setTimeout(
      () => setSettled({ key, fresh: false }),
      SETTLE_MS,
    );
    return () => clearTimeout(timer);
  }, [key, settled.key]);

  const check = useAsyncRetry(async () => {
    if (!settled.key || !('inputs' in form) || form.key !== settled.key) {
      return undefined;
    }
    return checkArtifacts(api, form.inputs, settled.key, {
      fresh: settled.fresh,
    });
    // The form object changes on every render; its key says when its inputs did.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, settled]);

  const checking = key !== settled.key || check.loading;
  const summary = artifactCheckSummary({
    missing: 'missing' in form ? form.missing : undefined,
    checking,
    failedToCheck: Boolean(check.error),
    result: check.value,
  });
  // The value is never empty, so the form always runs this field's validation on Next.
  useEffect(() => {
    if (formData !== summary) onChange(summary);
  }, [formData, summary, onChange]);

  const checkAgain = useCallback(() => setSettled({ key, fresh: true }), [key]);

  const title = schema.title ?? 'Check artifacts';
  let state: ReactNode = null;
  if ('missing' in form) {
    state = (
      <Text variant="body-medium" color="secondary">
        Fill in {form.missing.join(', ')} to check the artifacts.
      </Text>
    );
  } else if (checking) {
    state = (
      <Alert
        status="info"
        isPending
        title={`Checking ${form.inputs.s3Uri} for ${form.inputs.region}…`}
      />
    );
  } else if (check.error) {
    state = (
      <ErrorWithRetry
        title="The artifacts could not be checked"
        error={check.error}
        onRetry={checkAgain}
      />
    );
  } else if (check.value) {
    state = <Findings result={check.value} />;
  }
  return (
    <Flex direction="column" gap="3" aria-label={title} role="group">
      <Flex direction="column" gap="1">
        <Text as="h3" variant="title-x-small">
          {title}
        </Text>
        {schema.description && (
          <Text variant="body-small" color="secondary">
            {schema.description}
          </Text>
        )}
      </Flex>
      <div aria-live="polite">{state}</div>
      {'inputs' in form && !checking && !check.error && (
        <Flex>
          <Button size="small" variant="secondary" onPress={checkAgain}>
            Check again
          </Button>
        </Flex>
      )}
    </Flex>
  );
};

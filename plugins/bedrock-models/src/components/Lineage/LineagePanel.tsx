import { Button, Flex, Link, Text } from '@backstage/ui';
import type { ModelDetails } from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { modelRecord } from '../../model/modelRecord';
import { CopyableText } from '../shared/CopyableText';
import { downloadFile } from '../shared/downloadFile';

const Line = (props: { label: string; children: React.ReactNode }) => (
  <Flex direction="column" gap="0.5">
    <Text variant="body-x-small" color="secondary">
      {props.label}
    </Text>
    {props.children}
  </Flex>
);

const missing = (
  <Text variant="body-small" color="secondary">
    not entered
  </Text>
);

/** Whether a link may be offered as one (the report lives on the web, not in S3 or a file share). */
const isWebLink = (url: string) => /^https?:\/\//i.test(url);

/**
 * Where the model came from, as entered at import: base model, training data, training job and evaluation
 * report; and an export of the whole model record (lineage, versions, pointers, moves) as JSON.
 */
export const LineagePanel = (props: {
  details: ModelDetails;
  now?: () => Date;
}) => {
  const { lineage, name } = props.details.model;
  const exportRecord = () => {
    const at = (props.now?.() ?? new Date()).toISOString();
    downloadFile(
      `${name}-record-${at.slice(0, 10)}.json`,
      `${JSON.stringify(modelRecord(props.details, at), null, 2)}\n`,
      'application/json',
    );
  };
  return (
    <Flex direction="column" gap="3">
      <Line label="Base model">
        {lineage.baseModel ? (
          <Text variant="body-small">{lineage.baseModel}</Text>
        ) : (
          missing
        )}
      </Line>
      <Line label="Training data">
        {lineage.trainingDataUri ? (
          <CopyableText
            text={lineage.trainingDataUri}
            label="training data URI"
          />
        ) : (
          missing
        )}
      </Line>
      <Line label="Training job">
        {lineage.trainingJob ? (
          <CopyableText text={lineage.trainingJob} label="training job" />
        ) : (
          missing
        )}
      </Line>
      <Line label="Evaluation report">
        {lineage.evaluationReportUrl &&
          isWebLink(lineage.evaluationReportUrl) && (
            <Link
              href={lineage.evaluationReportUrl}
              target="_blank"
              rel="noopener noreferrer"
              variant="body-small"
            >
              {lineage.evaluationReportUrl}
            </Link>
          )}
        {lineage.evaluationReportUrl &&
          !isWebLink(lineage.evaluationReportUrl) && (
            <CopyableText
              text={lineage.evaluationReportUrl}
              label="evaluation report"
            />
          )}
        {!lineage.evaluationReportUrl && missing}
      </Line>
      <Flex
        justify="between"
        align="center"
        style={{ flexWrap: 'wrap' }}
        gap="2"
      >
        <Text variant="body-x-small" color="secondary">
          Entered at import. The export holds it with the versions, pointers and
          recent moves.
        </Text>
        <Button size="small" variant="secondary" onPress={exportRecord}>
          Export model record (JSON)
        </Button>
      </Flex>
    </Flex>
  );
};

import { useState } from 'react';
import { CodeSnippet } from '@backstage/core-components';
import { Flex, Select, Text } from '@backstage/ui';
import type { ModelDetails } from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { sdkSnippet, supportsConverse } from '../../model/sdkSnippet';
import { ssmParameterName } from '../../model/ssmParameterName';
import { CopyableText } from '../shared/CopyableText';

/** How callers use the model: the SSM parameter to read the ARN from, and a short SDK snippet. */
export const UseThisModel = (props: {
  details: ModelDetails;
  ssmParameterPrefix: string;
  /** Set when the prefix is the default because settings could not be read. */
  prefixNote?: string;
  alias?: string;
}) => {
  const { details } = props;
  const alias = props.alias ?? 'production';
  const regions = [
    ...new Set(
      details.pointers.filter(p => p.alias === alias).map(p => p.region),
    ),
  ].sort();
  const [chosen, setChosen] = useState<string>();
  const region = chosen && regions.includes(chosen) ? chosen : regions[0];
  const parameterName = ssmParameterName(
    props.ssmParameterPrefix,
    details.model.name,
    alias,
  );
  if (!region) {
    return (
      <Text as="p" color="secondary">
        No version serves {alias} yet: promote one, and callers read its ARN
        from the SSM parameter {parameterName}.
      </Text>
    );
  }
  const pointer = details.pointers.find(
    p => p.alias === alias && p.region === region,
  );
  const version = details.versions.find(
    v => v.number === pointer?.version && v.region === region,
  );
  const converse = version ? supportsConverse(version) : false;
  return (
    <Flex direction="column" gap="2">
      <Text as="p" variant="body-small">
        Read the ARN from SSM Parameter Store at run time, so callers follow
        promotions and rollbacks without a deploy:
      </Text>
      <CopyableText text={parameterName} label="SSM parameter name" />
      {props.prefixNote && (
        <Text variant="body-x-small" color="warning">
          {props.prefixNote}
        </Text>
      )}
      {regions.length > 1 && (
        <Select
          label="Region"
          options={regions.map(r => ({ id: r, label: r }))}
          value={region}
          onChange={key => setChosen(String(key))}
        />
      )}
      <Text as="p" variant="body-small">
        {converse
          ? 'This version speaks the Converse API:'
          : 'This version is not an instruct (chat) model, so call it with InvokeModel:'}
      </Text>
      <CodeSnippet
        language="python"
        text={sdkSnippet({
          parameterName,
          region,
          converse,
          architecture: version?.architecture,
        })}
        showCopyCodeButton
      />
    </Flex>
  );
};

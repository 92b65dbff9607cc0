import { useState } from 'react';
import { CodeSnippet } from '@backstage/core-components';
import { Flex, Select, Text } from '@backstage/ui';
import type { ModelDetails } from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { sdkSnippet, supportsConverse } from '../../model/sdkSnippet';
import { CopyableText } from '../shared/CopyableText';

/**
 * How callers use the model: the SSM parameter its production pointer publishes to (as the backend
 * names it) and a short SDK snippet that reads it.
 */
export const UseThisModel = (props: {
  details: ModelDetails;
  /** The alias callers use in production: the first one the portal configures. */
  alias: string;
}) => {
  const { details, alias } = props;
  const pointers = details.pointers
    .filter(p => p.alias === alias)
    .sort((a, b) => a.region.localeCompare(b.region));
  const [chosen, setChosen] = useState<string>();
  const pointer = pointers.find(p => p.region === chosen) ?? pointers[0];
  if (!pointer) {
    return (
      <Text as="p" color="secondary">
        No version serves {alias} yet: promote one, and this shows the SSM
        parameter callers read its ARN from.
      </Text>
    );
  }
  const { region, parameterName } = pointer;
  const version = details.versions.find(
    v => v.number === pointer.version && v.region === region,
  );
  const converse = version ? supportsConverse(version) : false;
  return (
    <Flex direction="column" gap="2">
      <Text as="p" variant="body-small">
        Read the ARN from SSM Parameter Store at run time, so callers follow
        promotions and rollbacks without a deploy:
      </Text>
      <CopyableText text={parameterName} label="SSM parameter name" />
      {pointers.length > 1 && (
        <Select
          label="Region"
          options={pointers.map(p => ({ id: p.region, label: p.region }))}
          value={region}
          onChange={key => setChosen(String(key))}
        />
      )}
      <Text as="p" variant="body-small">
        {converse
          ? 'This version speaks the Converse API:'
          : 'This version is not an instruct (chat) model, so call it with InvokeModel:'}
      </Text>
      {/* Long lines scroll inside the card instead of running past its edge. */}
      <div style={{ minWidth: 0, maxWidth: '100%', overflowX: 'auto' }}>
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
      </div>
    </Flex>
  );
};

import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { Alert, Flex, Select, Skeleton, Text } from '@backstage/ui';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { bedrockModelsApiRef } from '../api/BedrockModelsApi';
import { ErrorWithRetry } from '../components/shared/ErrorWithRetry';
import { addableModels } from './addableModels';
import { modelNameOf } from './artifactCheckInputs';

/**
 * The template field `BedrockModelPicker`: the models the signed-in user may add a version to (their
 * own and their groups'; every model for the portal admins), each with its name, title and owner. Its
 * value is the model's name.
 */
export const ModelPicker = (props: FieldExtensionComponentProps<string>) => {
  // The form shows the validation's errors (rawErrors) under the field itself.
  const { formData, onChange, schema, required } = props;
  const api = useApi(bedrockModelsApiRef);
  const identityApi = useApi(identityApiRef);
  const permissionApi = useApi(permissionApiRef);
  const list = useAsyncRetry(
    () => addableModels({ api, identityApi, permissionApi }),
    [api, identityApi, permissionApi],
  );
  const label = schema.title ?? 'Model';

  if (list.loading) {
    return (
      <Flex direction="column" gap="1">
        <Text variant="body-small">{label}</Text>
        <Skeleton width={320} height={32} />
      </Flex>
    );
  }
  if (list.error) {
    return (
      <ErrorWithRetry
        title={`${label}: your models cannot be listed`}
        error={list.error}
        onRetry={list.retry}
      />
    );
  }
  const models = list.value?.models ?? [];
  if (models.length === 0) {
    return (
      <Alert
        status="warning"
        title={`${label}: you may add versions to no model yet`}
        description="Only a model's owners and the portal admins may add versions. Import a new model instead, or ask the model's owners to add you to their team."
      />
    );
  }
  const options = models.map(model => ({
    id: model.name,
    label: model.title ? `${model.name} (${model.title})` : model.name,
    description: `Owner: ${model.owner}`,
  }));
  const chosen = modelNameOf(formData);
  return (
    <Flex direction="column" gap="1">
      <Select
        label={label}
        description={
          schema.description ??
          (list.value?.admin
            ? 'Every model: you are a portal admin.'
            : "Your models and your teams' models.")
        }
        isRequired={required}
        placeholder="Choose a model"
        options={options}
        search={{ placeholder: 'Filter by name' }}
        value={options.some(o => o.id === chosen) ? chosen : null}
        onChange={key => onChange(String(key))}
      />
    </Flex>
  );
};

import { useEffect } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { useApi } from '@backstage/core-plugin-api';
import { Alert, Flex, Select, Skeleton, Text } from '@backstage/ui';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { bedrockModelsApiRef } from '../api/BedrockModelsApi';
import { ErrorWithRetry } from '../components/shared/ErrorWithRetry';
import { SettingList, settingChoices } from './settingChoices';

/**
 * The picker's `ui:options`.
 *
 * @public
 */
export type PortalSettingPickerOptions = {
  /** Which setting to offer. */
  list: SettingList;
  /** For `regions`: the form field holding the account whose Regions to offer (default `accountId`). */
  accountField?: string;
  /**
   * For `regions`: the form field holding the data classification; only the Regions the data-residency
   * policy allows for it are offered. Unset: any Region of the account.
   */
  classificationField?: string;
};

/** Why a picker has nothing to offer, and what to do. */
function nothingToChoose(
  label: string,
  list: SettingList,
  accountId?: string,
  classification?: string,
): string {
  if (list !== 'regions') {
    return `${label}: the portal's configuration offers nothing to choose.`;
  }
  if (accountId && classification) {
    return `${label}: data classified ${classification} may not be stored in any Region the portal manages in account ${accountId}; choose another classification or account.`;
  }
  return `${label}: choose an AWS account first; the portal manages no Region in ${
    accountId ?? 'no account'
  }.`;
}

/**
 * A template field offering one of the portal's settings (accounts, an account's Regions, data
 * classifications) as the backend reads them from its configuration, so the form never offers what an
 * import would refuse. Chooses the template's default, else the first choice, when nothing valid is chosen.
 */
export const PortalSettingPicker = (
  props: FieldExtensionComponentProps<string, PortalSettingPickerOptions>,
) => {
  const { formData, onChange, schema, uiSchema, required, rawErrors } = props;
  const options = uiSchema?.['ui:options'];
  const list = options?.list ?? 'accounts';
  const api = useApi(bedrockModelsApiRef);
  const settings = useAsyncRetry(() => api.getSettings(), [api]);
  const stepsData = (props.formContext?.formData ?? {}) as Record<
    string,
    unknown
  >;
  const accountId =
    list === 'regions'
      ? (stepsData[options?.accountField ?? 'accountId'] as string | undefined)
      : undefined;
  const classification =
    list === 'regions' && options?.classificationField
      ? (stepsData[options.classificationField] as string | undefined)
      : undefined;
  const choices = settings.value
    ? settingChoices(settings.value, list, accountId, classification)
    : [];

  // A value the configuration does not offer (another account's Region, a stale default) is replaced.
  const preferred =
    typeof schema.default === 'string' &&
    choices.some(c => c.id === schema.default)
      ? schema.default
      : choices[0]?.id;
  const valid = choices.some(c => c.id === formData);
  useEffect(() => {
    if (settings.value && !valid && preferred !== undefined) {
      onChange(preferred);
    }
  }, [settings.value, valid, preferred, onChange]);

  const label = schema.title ?? list;
  if (settings.loading) {
    return (
      <Flex direction="column" gap="1">
        <Text variant="body-small">{label}</Text>
        <Skeleton width={240} height={32} />
      </Flex>
    );
  }
  if (settings.error) {
    return (
      <ErrorWithRetry
        title={`${label}: the portal's settings cannot be read`}
        error={settings.error}
        onRetry={settings.retry}
      />
    );
  }
  if (choices.length === 0) {
    return (
      <Alert
        status="warning"
        title={nothingToChoose(label, list, accountId, classification)}
      />
    );
  }
  return (
    <Flex direction="column" gap="1">
      <Select
        label={label}
        description={schema.description}
        isRequired={required}
        options={choices}
        value={valid ? formData : preferred}
        onChange={key => onChange(String(key))}
      />
      {rawErrors?.map(error => (
        <Text key={error} variant="body-small" color="danger">
          {error}
        </Text>
      ))}
    </Flex>
  );
};

import type { PortalSettings } from '@bedrock-portal/backstage-plugin-bedrock-models-common';

/**
 * Which of the portal's settings a template field offers.
 *
 * @public
 */
export type SettingList = 'accounts' | 'regions' | 'classifications';

/** One choice of a settings picker. */
export type SettingChoice = { id: string; label: string };

// AWS's names for the Regions Custom Model Import runs in; any other Region shows as its code.
const REGION_NAMES: Record<string, string> = {
  'us-east-1': 'US East (N. Virginia)',
  'us-east-2': 'US East (Ohio)',
  'us-west-2': 'US West (Oregon)',
  'eu-central-1': 'Europe (Frankfurt)',
  'eu-west-1': 'Europe (Ireland)',
  'eu-west-2': 'Europe (London)',
  'ap-northeast-1': 'Asia Pacific (Tokyo)',
  'ap-south-1': 'Asia Pacific (Mumbai)',
  'ap-southeast-2': 'Asia Pacific (Sydney)',
};

const CLASSIFICATION_NAMES: Record<string, string> = {
  public: 'Public',
  internal: 'Internal',
  confidential: 'Confidential',
  phi: 'PHI (protected health information)',
  pii: 'PII (personal data)',
};

/** A Region's name as the AWS console writes it, followed by its code. */
export function regionLabel(region: string): string {
  const name = REGION_NAMES[region];
  return name ? `${name} ${region}` : region;
}

/**
 * The Regions the data-residency policy allows for a classification (`bedrockModels.dataResidency`),
 * or undefined when it allows any (no classification chosen, or none listed for it).
 */
export function residencyRegions(
  settings: PortalSettings,
  classification?: string,
): string[] | undefined {
  return classification ? settings.dataResidency?.[classification] : undefined;
}

/**
 * The choices a picker offers, from the backend's settings (the configuration the backend enforces), so
 * the form cannot drift from what an import accepts. Regions are those of `accountId` (none until an
 * account is chosen) that the data-residency policy allows for `classification`.
 */
export function settingChoices(
  settings: PortalSettings,
  list: SettingList,
  accountId?: string,
  classification?: string,
): SettingChoice[] {
  switch (list) {
    case 'accounts':
      return settings.accounts.map(a => ({
        id: a.accountId,
        label: a.accountId,
      }));
    case 'regions': {
      const account = settings.accounts.find(a => a.accountId === accountId);
      const allowed = residencyRegions(settings, classification);
      return (account?.regions ?? [])
        .filter(region => !allowed || allowed.includes(region))
        .map(region => ({
          id: region,
          label: regionLabel(region),
        }));
    }
    case 'classifications':
      return settings.classifications.map(c => ({
        id: c,
        label: CLASSIFICATION_NAMES[c] ?? c,
      }));
    default:
      throw new Error(`Unknown settings list "${list}"`);
  }
}

/** Why a value is not one of the choices, or undefined when it is. */
export function settingChoiceProblem(
  settings: PortalSettings,
  list: SettingList,
  value: string | undefined,
  accountId?: string,
  classification?: string,
): string | undefined {
  if (!value) return undefined;
  const choices = settingChoices(settings, list, accountId, classification);
  if (choices.some(c => c.id === value)) return undefined;
  const allowed = choices.map(c => c.id).join(', ') || 'none';
  switch (list) {
    case 'accounts':
      return `The portal does not manage account ${value}; choose one of: ${allowed}.`;
    case 'regions': {
      const managed = settingChoices(settings, list, accountId).some(
        c => c.id === value,
      );
      if (managed && classification) {
        return `Data classified ${classification} may not be stored in ${value} under the data-residency policy; choose one of: ${allowed}.`;
      }
      return `The portal does not manage ${value} in account ${
        accountId ?? '(none chosen)'
      }; choose one of: ${allowed}.`;
    }
    default:
      return `"${value}" is not a data classification the portal knows; choose one of: ${allowed}.`;
  }
}

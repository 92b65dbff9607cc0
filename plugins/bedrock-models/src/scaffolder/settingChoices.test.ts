import type { PortalSettings } from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { portalSettings } from '../__testUtils__/modelFixtures';
import {
  regionLabel,
  settingChoiceProblem,
  settingChoices,
} from './settingChoices';

const settings: PortalSettings = {
  ...portalSettings(),
  accounts: [
    { accountId: '111122223333', regions: ['us-east-1', 'eu-central-1'] },
    { accountId: '444455556666', regions: ['us-west-2', 'sa-east-1'] },
  ],
  aliases: ['production', 'staging'],
  classifications: ['internal', 'phi', 'secret'],
  dataResidency: { phi: ['eu-central-1', 'us-west-2'], secret: [] as string[] },
};

describe('settingChoices', () => {
  it('offers the configured accounts, the chosen account’s Regions and the classifications', () => {
    expect(settingChoices(settings, 'accounts')).toEqual([
      { id: '111122223333', label: '111122223333' },
      { id: '444455556666', label: '444455556666' },
    ]);
    expect(settingChoices(settings, 'regions', '444455556666')).toEqual([
      { id: 'us-west-2', label: 'US West (Oregon) us-west-2' },
      { id: 'sa-east-1', label: 'sa-east-1' },
    ]);
    expect(settingChoices(settings, 'regions')).toEqual([]);
    expect(settingChoices(settings, 'classifications')).toEqual([
      { id: 'internal', label: 'Internal' },
      { id: 'phi', label: 'PHI (protected health information)' },
      { id: 'secret', label: 'secret' },
    ]);
  });

  it('offers only the Regions the data-residency policy allows for the classification', () => {
    expect(
      settingChoices(settings, 'regions', '111122223333', 'phi').map(c => c.id),
    ).toEqual(['eu-central-1']);
    expect(
      settingChoices(settings, 'regions', '444455556666', 'phi').map(c => c.id),
    ).toEqual(['us-west-2']);
    // A classification the policy does not list may go anywhere the account is managed.
    expect(
      settingChoices(settings, 'regions', '111122223333', 'internal').map(
        c => c.id,
      ),
    ).toEqual(['us-east-1', 'eu-central-1']);
    expect(
      settingChoices(settings, 'regions', '111122223333', 'secret'),
    ).toEqual([]);
  });

  it('says why a managed Region is refused for a classification', () => {
    expect(
      settingChoiceProblem(
        settings,
        'regions',
        'us-east-1',
        '111122223333',
        'phi',
      ),
    ).toBe(
      'Data classified phi may not be stored in us-east-1 under the data-residency policy; choose one of: eu-central-1.',
    );
    expect(
      settingChoiceProblem(
        settings,
        'regions',
        'us-west-2',
        '111122223333',
        'phi',
      ),
    ).toBe(
      'The portal does not manage us-west-2 in account 111122223333; choose one of: eu-central-1.',
    );
  });

  it('names a Region as the console does', () => {
    expect(regionLabel('eu-central-1')).toBe('Europe (Frankfurt) eu-central-1');
    expect(regionLabel('xx-test-1')).toBe('xx-test-1');
  });

  it('says what to choose instead of a value the configuration does not have', () => {
    expect(
      settingChoiceProblem(settings, 'regions', 'us-east-1', '111122223333'),
    ).toBeUndefined();
    expect(
      settingChoiceProblem(settings, 'regions', 'us-east-1', '444455556666'),
    ).toBe(
      'The portal does not manage us-east-1 in account 444455556666; choose one of: us-west-2, sa-east-1.',
    );
    expect(settingChoiceProblem(settings, 'accounts', '999999999999')).toBe(
      'The portal does not manage account 999999999999; choose one of: 111122223333, 444455556666.',
    );
    expect(settingChoiceProblem(settings, 'classifications', 'top')).toBe(
      '"top" is not a data classification the portal knows; choose one of: internal, phi, secret.',
    );
    expect(
      settingChoiceProblem(settings, 'accounts', undefined),
    ).toBeUndefined();
  });
});

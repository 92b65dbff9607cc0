import { mockServices } from '@backstage/backend-test-utils';
import { readImportWaitConfig } from './importWaitConfig';

describe('readImportWaitConfig', () => {
  it('reads seconds and minutes into milliseconds', () => {
    const config = mockServices.rootConfig({
      data: {
        scaffolder: {
          bedrockModels: {
            importWait: {
              pollIntervalSeconds: 0.2,
              progressIntervalSeconds: 15,
              timeoutMinutes: 90,
            },
          },
        },
      },
    });

    expect(readImportWaitConfig(config)).toEqual({
      pollIntervalMs: 200,
      progressIntervalMs: 15_000,
      timeoutMs: 5_400_000,
    });
  });

  it('leaves unset values out, so the defaults apply', () => {
    const config = mockServices.rootConfig({
      data: {
        scaffolder: { bedrockModels: { importWait: { timeoutMinutes: 5 } } },
      },
    });

    expect(readImportWaitConfig(config)).toEqual({ timeoutMs: 300_000 });
    expect(readImportWaitConfig(mockServices.rootConfig())).toEqual({});
  });
});

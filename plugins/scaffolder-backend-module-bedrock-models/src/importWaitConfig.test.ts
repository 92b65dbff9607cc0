import { mockServices } from '@backstage/backend-test-utils';
import {
  readEvaluationWaitConfig,
  readImportWaitConfig,
} from './importWaitConfig';

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

describe('readEvaluationWaitConfig', () => {
  it('reads seconds into milliseconds, leaving unset values to the defaults', () => {
    const config = mockServices.rootConfig({
      data: {
        scaffolder: {
          bedrockModels: { evaluationWait: { pollIntervalSeconds: 0.5 } },
        },
      },
    });

    expect(readEvaluationWaitConfig(config)).toEqual({ pollIntervalMs: 500 });
    expect(
      readEvaluationWaitConfig(
        mockServices.rootConfig({
          data: {
            scaffolder: {
              bedrockModels: {
                evaluationWait: {
                  pollIntervalSeconds: 2,
                  progressIntervalSeconds: 60,
                },
              },
            },
          },
        }),
      ),
    ).toEqual({ pollIntervalMs: 2000, progressIntervalMs: 60_000 });
    expect(readEvaluationWaitConfig(mockServices.rootConfig())).toEqual({});
  });
});

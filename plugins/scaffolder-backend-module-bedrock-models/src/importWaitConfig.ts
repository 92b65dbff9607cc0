import { RootConfigService } from '@backstage/backend-plugin-api';
import { EvaluationWaitOptions } from './actions/evaluateModelAction';
import { ImportWaitOptions } from './actions/importProgress';

/** Reads `scaffolder.bedrockModels.importWait`; unset values keep the action's defaults. */
export function readImportWaitConfig(
  config: RootConfigService,
): Partial<ImportWaitOptions> {
  const wait = config.getOptionalConfig('scaffolder.bedrockModels.importWait');
  const seconds = (key: string) => {
    const value = wait?.getOptionalNumber(key);
    return value === undefined ? undefined : value * 1000;
  };
  const minutes = wait?.getOptionalNumber('timeoutMinutes');
  const options: Partial<ImportWaitOptions> = {
    pollIntervalMs: seconds('pollIntervalSeconds'),
    progressIntervalMs: seconds('progressIntervalSeconds'),
    timeoutMs: minutes === undefined ? undefined : minutes * 60_000,
  };
  // Unset keys must not override the defaults with undefined.
  return Object.fromEntries(
    Object.entries(options).filter(([, value]) => value !== undefined),
  );
}

/** Reads `scaffolder.bedrockModels.evaluationWait`; unset values keep the action's defaults. */
export function readEvaluationWaitConfig(
  config: RootConfigService,
): Partial<EvaluationWaitOptions> {
  const wait = config.getOptionalConfig(
    'scaffolder.bedrockModels.evaluationWait',
  );
  const options: Partial<EvaluationWaitOptions> = {};
  const poll = wait?.getOptionalNumber('pollIntervalSeconds');
  if (poll !== undefined) options.pollIntervalMs = poll * 1000;
  const progress = wait?.getOptionalNumber('progressIntervalSeconds');
  if (progress !== undefined) options.progressIntervalMs = progress * 1000;
  return options;
}

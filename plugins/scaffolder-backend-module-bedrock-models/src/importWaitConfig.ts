import { RootConfigService } from '@backstage/backend-plugin-api';
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

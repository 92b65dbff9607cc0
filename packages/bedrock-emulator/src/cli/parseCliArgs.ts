import { EmulatorOptions } from '../core/EmulatorOptions';
import { parseFaultRules } from '../core/FaultInjector';

/** The CLI's usage text. */
export const USAGE = `Usage: bedrock-emulator [options]

  --port <n>               port to listen on (default 4599, env BEDROCK_EMULATOR_PORT; 0 = any free port)
  --host <addr>            address to listen on (default 127.0.0.1)
  --seed demo              start with demo artifacts, imported models and a month of metrics
  --state-file <path>      keep state in this JSON file across restarts
  --time-scale <x>         divide simulated durations (imports, cold starts, latency) by x (default 1)
  --import-seconds <n>     how long an import job runs, in AWS seconds (default 600)
  --cold-start-idle <n>    idle seconds before a model copy is evicted (default 3600)
  --cold-start-restore <n> seconds restoring a copy takes, before the per-CMU part (default 30)
  --cold-start-restore-per-cmu <n>  seconds restoring takes on top per CMU of a copy (default 20)
  --cold-start-hold <n>    seconds a call to a cold model is held before ModelNotReadyException (default 300)
  --requests-per-copy <n>  concurrent calls a copy serves before another copy is added (default 4)
  --quota-imported-models <n>   imported models per account and Region (default 3)
  --quota-concurrent-jobs <n>   concurrent import jobs per account and Region (default 1)
  --account <12 digits>    the default account (default 123456789012)
  --faults <json>          fault rules, e.g. '[{"service":"bedrock","throttleRate":0.3}]'
  --fault-seed <n>         seed of the fault injector (default 1)
  --help                   this text
`;

function numberArg(name: string, value: string | undefined): number {
  const n = Number(value);
  if (value === undefined || value === '' || !Number.isFinite(n)) {
    throw new Error(`${name} needs a number, got ${value ?? 'nothing'}`);
  }
  return n;
}

/** Parses the CLI's arguments (and BEDROCK_EMULATOR_PORT) into emulator options. */
export function parseCliArgs(
  argv: string[],
  env: Record<string, string | undefined> = {},
): { help: true } | { help: false; options: Partial<EmulatorOptions> } {
  const options: Partial<EmulatorOptions> = {};
  const quotas: Partial<EmulatorOptions['quotas']> = {};
  if (env.BEDROCK_EMULATOR_PORT) {
    options.port = numberArg(
      'BEDROCK_EMULATOR_PORT',
      env.BEDROCK_EMULATOR_PORT,
    );
  }
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      i += 1;
      return argv[i];
    };
    switch (flag) {
      case '--help':
      case '-h':
        return { help: true };
      case '--port':
        options.port = numberArg(flag, value());
        break;
      case '--host':
        options.host = value();
        break;
      case '--seed': {
        const seed = value();
        if (seed !== 'demo') {
          throw new Error(`--seed knows only "demo", got ${seed}`);
        }
        options.seed = seed;
        break;
      }
      case '--state-file':
        options.stateFile = value();
        break;
      case '--time-scale':
        options.timeScale = numberArg(flag, value());
        break;
      case '--import-seconds':
        options.importJobSeconds = numberArg(flag, value());
        break;
      case '--cold-start-idle':
        options.coldStartIdleSeconds = numberArg(flag, value());
        break;
      case '--cold-start-restore':
        options.coldStartRestoreSeconds = numberArg(flag, value());
        break;
      case '--cold-start-restore-per-cmu':
        options.coldStartRestorePerCmuSeconds = numberArg(flag, value());
        break;
      case '--cold-start-hold':
        options.coldStartHoldSeconds = numberArg(flag, value());
        break;
      case '--requests-per-copy':
        options.requestsPerCopy = numberArg(flag, value());
        break;
      case '--quota-imported-models':
        quotas.importedModelsPerRegion = numberArg(flag, value());
        break;
      case '--quota-concurrent-jobs':
        quotas.concurrentImportJobs = numberArg(flag, value());
        break;
      case '--account':
        options.defaultAccountId = value();
        break;
      case '--faults':
        options.faults = parseFaultRules(JSON.parse(value() ?? ''));
        break;
      case '--fault-seed':
        options.faultSeed = numberArg(flag, value());
        break;
      default:
        throw new Error(`Unknown option ${flag}\n\n${USAGE}`);
    }
  }
  if (Object.keys(quotas).length > 0) {
    options.quotas = {
      importedModelsPerRegion: 3,
      concurrentImportJobs: 1,
      ...quotas,
    };
  }
  return { help: false, options };
}

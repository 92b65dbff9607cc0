import fs from 'node:fs';
import path from 'node:path';

type StateData = {
  version: 1;
  /** Per service: its global data under `global`, and per account and Region under `regional`. */
  services: Record<
    string,
    { global?: unknown; regional?: Record<string, Record<string, unknown>> }
  >;
};

/**
 * All the emulator's state, as plain JSON-compatible data owned by each service, so it can be
 * saved to a file and loaded again. Services keep their own shape inside their slot.
 */
export class EmulatorState {
  private constructor(private data: StateData) {}

  static empty(): EmulatorState {
    return new EmulatorState({ version: 1, services: {} });
  }

  static fromJSON(json: string): EmulatorState {
    const data = JSON.parse(json) as StateData;
    if (data?.version !== 1 || typeof data.services !== 'object') {
      throw new Error(
        'The state file is not a bedrock-emulator state (version 1)',
      );
    }
    return new EmulatorState(data);
  }

  toJSON(): string {
    return JSON.stringify(this.data);
  }

  /** Data of a service shared by every account and Region (e.g. S3's global bucket namespace). */
  global<T>(service: string, init: () => T): T {
    const slot = (this.data.services[service] ??= {});
    if (slot.global === undefined) {
      slot.global = init();
    }
    return slot.global as T;
  }

  /** Data of a service in one account and Region. */
  regional<T>(
    service: string,
    accountId: string,
    region: string,
    init: () => T,
  ): T {
    const slot = (this.data.services[service] ??= {});
    const accounts = (slot.regional ??= {});
    const regions = (accounts[accountId] ??= {});
    if (regions[region] === undefined) {
      regions[region] = init();
    }
    return regions[region] as T;
  }

  /** Every (account, Region) pair a service has data for, with that data. */
  allRegional<T>(
    service: string,
  ): Array<{ accountId: string; region: string; data: T }> {
    const accounts = this.data.services[service]?.regional ?? {};
    return Object.entries(accounts).flatMap(([accountId, regions]) =>
      Object.entries(regions).map(([region, data]) => ({
        accountId,
        region,
        data: data as T,
      })),
    );
  }

  /** Forgets everything. */
  reset(): void {
    this.data = { version: 1, services: {} };
  }
}

/** Saves the state to a file, at most every `intervalMs`, writing a temporary file then renaming it. */
export class StateFileWriter {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly file: string,
    private readonly state: EmulatorState,
    private readonly intervalMs = 200,
  ) {}

  static load(file: string): EmulatorState | undefined {
    if (!fs.existsSync(file)) {
      return undefined;
    }
    return EmulatorState.fromJSON(fs.readFileSync(file, 'utf8'));
  }

  schedule(): void {
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, this.intervalMs);
  }

  flush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    fs.mkdirSync(path.dirname(path.resolve(this.file)), { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, this.state.toJSON());
    fs.renameSync(temporary, this.file);
  }
}

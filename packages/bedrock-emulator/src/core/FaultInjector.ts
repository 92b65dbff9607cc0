/**
 * A fault to inject into matching calls. Rates are probabilities between 0 and 1.
 *
 * @public
 */
export type FaultRule = {
  /** Service name (bedrock, bedrock-runtime, s3, ssm, servicequotas, cloudwatch); all when absent. */
  service?: string;
  /** Operation name, e.g. CreateModelImportJob; all of the service's when absent. */
  operation?: string;
  /** Regions the rule applies to (one Region down while the others answer); all when absent. */
  regions?: string[];
  /** Share of calls answered with the service's throttling error. */
  throttleRate?: number;
  /** Share of calls answered with a server error (`errorStatus`, default 500). */
  errorRate?: number;
  errorStatus?: 500 | 503;
  /** Share of calls whose connection is dropped without an answer. */
  dropRate?: number;
  /** Latency added to every matching call, in milliseconds. */
  latencyMs?: number;
  /** Share of calls refused as the caller's IAM policy would: the service's AccessDenied error. */
  accessDeniedRate?: number;
  /** bedrock CreateModelImportJob only: share refused because Bedrock cannot assume the job's role. */
  roleNotAssumableRate?: number;
  /** bedrock-runtime only: share answered ModelTimeoutException (408). */
  modelTimeoutRate?: number;
  /** bedrock-runtime only: share answered ModelErrorException (424). */
  modelErrorRate?: number;
  /**
   * bedrock-runtime streaming only (InvokeModelWithResponseStream, ConverseStream): share whose
   * stream breaks after its first event with a `modelStreamErrorException` event.
   */
  modelStreamErrorRate?: number;
};

/** Faults that only some services and operations have. */
export type NamedFault =
  | 'roleNotAssumable'
  | 'modelTimeout'
  | 'modelError'
  | 'modelStreamError';

/** Where each named fault can happen, and the rule field that sets its rate. */
const NAMED_FAULTS: Array<{
  kind: NamedFault;
  key: keyof FaultRule;
  service: string;
  operations?: string[];
}> = [
  {
    kind: 'roleNotAssumable',
    key: 'roleNotAssumableRate',
    service: 'bedrock',
    operations: ['CreateModelImportJob'],
  },
  { kind: 'modelTimeout', key: 'modelTimeoutRate', service: 'bedrock-runtime' },
  { kind: 'modelError', key: 'modelErrorRate', service: 'bedrock-runtime' },
  {
    kind: 'modelStreamError',
    key: 'modelStreamErrorRate',
    service: 'bedrock-runtime',
    operations: ['InvokeModelWithResponseStream', 'ConverseStream'],
  },
];

/** What the injector decided for one call. */
export type FaultDecision =
  | { kind: 'none'; latencyMs: number }
  | { kind: 'throttle'; latencyMs: number }
  | { kind: 'error'; status: 500 | 503; latencyMs: number }
  | { kind: 'drop'; latencyMs: number }
  | { kind: 'accessDenied'; latencyMs: number }
  | { kind: NamedFault; latencyMs: number };

const RATE_KEYS = [
  'throttleRate',
  'errorRate',
  'dropRate',
  'accessDeniedRate',
  'roleNotAssumableRate',
  'modelTimeoutRate',
  'modelErrorRate',
  'modelStreamErrorRate',
] as const;

/** Checks a list of rules from untrusted input, returning the problem or the rules. */
export function parseFaultRules(input: unknown): FaultRule[] {
  if (!Array.isArray(input)) {
    throw new TypeError('Faults must be a JSON array of rules');
  }
  return input.map((rule, index) => {
    if (typeof rule !== 'object' || rule === null) {
      throw new TypeError(`Fault rule ${index} must be an object`);
    }
    const r = rule as Record<string, unknown>;
    for (const key of Object.keys(r)) {
      if (
        ![
          'service',
          'operation',
          'regions',
          'errorStatus',
          'latencyMs',
          ...RATE_KEYS,
        ].includes(key)
      ) {
        throw new TypeError(
          `Fault rule ${index} has an unknown field "${key}"`,
        );
      }
    }
    for (const key of RATE_KEYS) {
      const value = r[key];
      if (
        value !== undefined &&
        (typeof value !== 'number' || value < 0 || value > 1)
      ) {
        throw new TypeError(
          `Fault rule ${index}: ${key} must be a number from 0 to 1`,
        );
      }
    }
    if (
      r.errorStatus !== undefined &&
      r.errorStatus !== 500 &&
      r.errorStatus !== 503
    ) {
      throw new TypeError(
        `Fault rule ${index}: errorStatus must be 500 or 503`,
      );
    }
    if (
      r.latencyMs !== undefined &&
      (typeof r.latencyMs !== 'number' || r.latencyMs < 0)
    ) {
      throw new TypeError(
        `Fault rule ${index}: latencyMs must be a non-negative number`,
      );
    }
    for (const key of ['service', 'operation'] as const) {
      if (r[key] !== undefined && typeof r[key] !== 'string') {
        throw new TypeError(`Fault rule ${index}: ${key} must be a string`);
      }
    }
    if (
      r.regions !== undefined &&
      !(
        Array.isArray(r.regions) &&
        r.regions.every(region => typeof region === 'string')
      )
    ) {
      throw new TypeError(
        `Fault rule ${index}: regions must be an array of Region names`,
      );
    }
    for (const named of NAMED_FAULTS) {
      if (r[named.key] === undefined) continue;
      if (r.service !== undefined && r.service !== named.service) {
        throw new TypeError(
          `Fault rule ${index}: ${named.key} applies only to the ${named.service} service`,
        );
      }
      if (
        named.operations &&
        typeof r.operation === 'string' &&
        !named.operations.includes(r.operation)
      ) {
        throw new TypeError(
          `Fault rule ${index}: ${
            named.key
          } applies only to ${named.operations.join(' and ')}`,
        );
      }
    }
    return r as FaultRule;
  });
}

/** Whether a named fault can happen in this service's operation. */
function applies(
  named: (typeof NAMED_FAULTS)[number],
  service: string,
  operation: string,
): boolean {
  return (
    named.service === service &&
    (named.operations === undefined || named.operations.includes(operation))
  );
}

/**
 * Decides, call by call, which injected fault (if any) applies. Random numbers come from a seeded
 * generator (mulberry32), so the same seed and the same sequence of calls give the same faults.
 */
export class FaultInjector {
  private rules: FaultRule[];
  private randomState: number;

  constructor(rules: FaultRule[], seed: number) {
    this.rules = rules;
    this.randomState = seed >>> 0;
  }

  getRules(): FaultRule[] {
    return this.rules;
  }

  setRules(rules: FaultRule[]): void {
    this.rules = rules;
  }

  decide(service: string, operation: string, region?: string): FaultDecision {
    const matching = this.rules.filter(
      r =>
        (r.service === undefined || r.service === service) &&
        (r.operation === undefined || r.operation === operation) &&
        (r.regions === undefined ||
          (region !== undefined && r.regions.includes(region))),
    );
    const latencyMs = matching.reduce((sum, r) => sum + (r.latencyMs ?? 0), 0);
    for (const rule of matching) {
      if (rule.dropRate && this.random() < rule.dropRate) {
        return { kind: 'drop', latencyMs };
      }
      // IAM decides before throttling and before the service looks at the request.
      if (rule.accessDeniedRate && this.random() < rule.accessDeniedRate) {
        return { kind: 'accessDenied', latencyMs };
      }
      if (rule.throttleRate && this.random() < rule.throttleRate) {
        return { kind: 'throttle', latencyMs };
      }
      for (const named of NAMED_FAULTS) {
        const rate = rule[named.key] as number | undefined;
        if (
          rate &&
          applies(named, service, operation) &&
          this.random() < rate
        ) {
          return { kind: named.kind, latencyMs };
        }
      }
      if (rule.errorRate && this.random() < rule.errorRate) {
        return { kind: 'error', status: rule.errorStatus ?? 500, latencyMs };
      }
    }
    return { kind: 'none', latencyMs };
  }

  private random(): number {
    this.randomState = (this.randomState + 0x6d2b79f5) >>> 0;
    let t = this.randomState;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
}

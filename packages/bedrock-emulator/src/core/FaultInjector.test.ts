import { FaultInjector, parseFaultRules } from './FaultInjector';

describe('FaultInjector', () => {
  it('applies rules by service and operation, with the given rates', () => {
    const injector = new FaultInjector(
      [
        {
          service: 'bedrock',
          operation: 'GetModelImportJob',
          throttleRate: 0.3,
          errorRate: 0.1,
          latencyMs: 5,
        },
      ],
      42,
    );
    const decisions = Array.from({ length: 2000 }, () =>
      injector.decide('bedrock', 'GetModelImportJob'),
    );
    const share = (kind: string) =>
      decisions.filter(d => d.kind === kind).length / decisions.length;
    expect(share('throttle')).toBeCloseTo(0.3, 1);
    expect(share('error')).toBeCloseTo(0.07, 1); // 10% of the calls not throttled
    expect(decisions.every(d => d.latencyMs === 5)).toBe(true);
    expect(injector.decide('bedrock', 'ListImportedModels')).toEqual({
      kind: 'none',
      latencyMs: 0,
    });
    expect(injector.decide('ssm', 'GetModelImportJob')).toEqual({
      kind: 'none',
      latencyMs: 0,
    });
  });

  it('applies a rule with Regions only to calls signed for those Regions', () => {
    const injector = new FaultInjector(
      [{ service: 'bedrock', regions: ['us-west-2'], errorRate: 1 }],
      1,
    );
    expect(
      injector.decide('bedrock', 'ListImportedModels', 'us-west-2'),
    ).toEqual({ kind: 'error', status: 500, latencyMs: 0 });
    expect(
      injector.decide('bedrock', 'ListImportedModels', 'us-east-1'),
    ).toEqual({ kind: 'none', latencyMs: 0 });
    expect(injector.decide('bedrock', 'ListImportedModels')).toEqual({
      kind: 'none',
      latencyMs: 0,
    });
    expect(() => parseFaultRules([{ regions: 'us-west-2' }])).toThrow(
      'regions must be an array of Region names',
    );
  });

  it('gives the same faults for the same seed', () => {
    const run = () => {
      const injector = new FaultInjector(
        [{ errorRate: 0.5, errorStatus: 503 }],
        7,
      );
      return Array.from(
        { length: 50 },
        () => injector.decide('s3', 'PutObject').kind,
      );
    };
    expect(run()).toEqual(run());
  });

  it('refuses malformed rules with the problem', () => {
    expect(() => parseFaultRules({})).toThrow(
      'Faults must be a JSON array of rules',
    );
    expect(() => parseFaultRules([{ throttleRate: 2 }])).toThrow(
      'throttleRate must be a number from 0 to 1',
    );
    expect(() => parseFaultRules([{ errorStatus: 502 }])).toThrow(
      'errorStatus must be 500 or 503',
    );
    expect(() => parseFaultRules([{ rate: 1 }])).toThrow(
      'unknown field "rate"',
    );
    expect(parseFaultRules([{ service: 'ssm', dropRate: 0.1 }])).toEqual([
      { service: 'ssm', dropRate: 0.1 },
    ]);
  });

  it('applies named faults only where the service has them', () => {
    const injector = new FaultInjector(
      [
        {
          roleNotAssumableRate: 1,
          modelTimeoutRate: 1,
          modelStreamErrorRate: 1,
        },
      ],
      3,
    );
    expect(injector.decide('bedrock', 'CreateModelImportJob').kind).toBe(
      'roleNotAssumable',
    );
    expect(injector.decide('bedrock', 'ListImportedModels').kind).toBe('none');
    expect(injector.decide('bedrock-runtime', 'InvokeModel').kind).toBe(
      'modelTimeout',
    );
    expect(injector.decide('s3', 'PutObject').kind).toBe('none');
    const streams = new FaultInjector([{ modelStreamErrorRate: 1 }], 3);
    expect(streams.decide('bedrock-runtime', 'ConverseStream').kind).toBe(
      'modelStreamError',
    );
    expect(streams.decide('bedrock-runtime', 'Converse').kind).toBe('none');
  });

  it('denies access before throttling, in any service', () => {
    const injector = new FaultInjector(
      [{ accessDeniedRate: 1, throttleRate: 1 }],
      5,
    );
    expect(injector.decide('ssm', 'GetParameter').kind).toBe('accessDenied');
  });

  it('refuses a named fault on a service or operation that does not have it', () => {
    expect(() =>
      parseFaultRules([{ service: 'ssm', roleNotAssumableRate: 1 }]),
    ).toThrow(
      'Fault rule 0: roleNotAssumableRate applies only to the bedrock service',
    );
    expect(() =>
      parseFaultRules([
        {
          service: 'bedrock-runtime',
          operation: 'InvokeModel',
          modelStreamErrorRate: 1,
        },
      ]),
    ).toThrow(
      'modelStreamErrorRate applies only to InvokeModelWithResponseStream and ConverseStream',
    );
    expect(() => parseFaultRules([{ accessDeniedRate: 1.5 }])).toThrow(
      'accessDeniedRate must be a number from 0 to 1',
    );
  });
});

import {
  CloudWatchClient,
  CloudWatchServiceException,
  DescribeAlarmsCommand,
  GetMetricDataCommand,
  GetMetricDataCommandInput,
  GetMetricDataOutput,
  InternalServiceFault,
  InvalidNextToken,
  InvalidParameterCombinationException,
  InvalidParameterValueException,
  ListMetricsCommand,
  ListMetricsCommandInput,
  MetricDataQuery,
  MetricDataResult,
  MetricDatum,
  MissingRequiredParameterException,
  paginateGetMetricData,
  paginateListMetrics,
  PutMetricDataCommand,
  PutMetricDataCommandInput,
} from '@aws-sdk/client-cloudwatch';
import { recordMetric } from '../../core/metricsStore';
import { RunningEmulator, startEmulator } from '../../startEmulator';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const MODEL_ID = 'arn:aws:bedrock:us-east-1:123456789012:imported-model/abc123';
const OTHER_ACCOUNT = '111122223333';

let emulator: RunningEmulator;
/** Start of the recorded samples: two hours ago, on a five-minute boundary. */
let base: number;

function clientFor(
  options: { region?: string; accessKeyId?: string; maxAttempts?: number } = {},
): CloudWatchClient {
  return new CloudWatchClient({
    endpoint: emulator.endpoint,
    region: options.region ?? 'us-east-1',
    credentials: {
      accessKeyId: options.accessKeyId ?? 'test',
      secretAccessKey: 'test',
    },
    maxAttempts: options.maxAttempts ?? 1,
  });
}

function record(
  minuteOffset: number,
  value: number,
  options: {
    region?: string;
    accountId?: string;
    metricName?: string;
    modelId?: string;
    namespace?: string;
  } = {},
): void {
  recordMetric(emulator.context, {
    accountId: options.accountId ?? '123456789012',
    region: options.region ?? 'us-east-1',
    namespace: options.namespace ?? 'AWS/Bedrock',
    metricName: options.metricName ?? 'Invocations',
    dimensions: { ModelId: options.modelId ?? MODEL_ID },
    timestampMs: base + minuteOffset * MINUTE + 17_000,
    value,
  });
}

/** A MetricStat query on AWS/Bedrock for MODEL_ID. */
function query(
  id: string,
  stat: string,
  period: number,
  overrides: Partial<MetricDataQuery> = {},
): MetricDataQuery {
  return {
    Id: id,
    MetricStat: {
      Metric: {
        Namespace: 'AWS/Bedrock',
        MetricName: 'Invocations',
        Dimensions: [{ Name: 'ModelId', Value: MODEL_ID }],
      },
      Period: period,
      Stat: stat,
    },
    ...overrides,
  };
}

/** A window's timestamps as minute offsets from `base`, with the values. */
function pointsOf(
  result: MetricDataResult | undefined,
): Array<[number, number]> {
  return (result?.Timestamps ?? []).map((t, i) => [
    (t.getTime() - base) / MINUTE,
    result?.Values?.[i] as number,
  ]);
}

function getData(
  queries: MetricDataQuery[],
  extra: Partial<GetMetricDataCommandInput> = {},
  client = clientFor(),
) {
  return client.send(
    new GetMetricDataCommand({
      MetricDataQueries: queries,
      StartTime: new Date(base),
      EndTime: new Date(base + 15 * MINUTE),
      ...extra,
    }),
  );
}

async function setFaults(rules: unknown[]): Promise<void> {
  const response = await fetch(`${emulator.endpoint}/_emulator/faults`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(rules),
  });
  expect(response.status).toBe(200);
}

async function rejectionOf(
  promise: Promise<unknown>,
): Promise<CloudWatchServiceException> {
  try {
    await promise;
  } catch (error) {
    return error as CloudWatchServiceException;
  }
  throw new Error('Expected the call to fail');
}

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  base =
    Math.floor(
      (emulator.context.clock.now() - 2 * 60 * MINUTE) / (5 * MINUTE),
    ) *
    5 *
    MINUTE;
  // Minute 0: 1 and 3; minute 1: 10; minute 2: 4; minute 5: 7 and 9; minute 11: 5.
  for (const [minute, value] of [
    [0, 1],
    [0, 3],
    [1, 10],
    [2, 4],
    [5, 7],
    [5, 9],
    [11, 5],
  ]) {
    record(minute, value);
  }
  // The same metric elsewhere, to show data is kept per Region and per account.
  record(0, 100, { region: 'eu-central-1' });
  record(0, 1000, { accountId: OTHER_ACCOUNT });
});

afterAll(async () => {
  await emulator?.close();
});

describe('GetMetricData', () => {
  it.each<[string, Array<[number, number]>]>([
    [
      'Sum',
      [
        [0, 4],
        [1, 10],
        [2, 4],
        [5, 16],
        [11, 5],
      ],
    ],
    [
      'SampleCount',
      [
        [0, 2],
        [1, 1],
        [2, 1],
        [5, 2],
        [11, 1],
      ],
    ],
    [
      'Average',
      [
        [0, 2],
        [1, 10],
        [2, 4],
        [5, 8],
        [11, 5],
      ],
    ],
    [
      'Minimum',
      [
        [0, 1],
        [1, 10],
        [2, 4],
        [5, 7],
        [11, 5],
      ],
    ],
    [
      'Maximum',
      [
        [0, 3],
        [1, 10],
        [2, 4],
        [5, 9],
        [11, 5],
      ],
    ],
  ])('aggregates %s per minute', async (stat, expected) => {
    const { MetricDataResults } = await getData([query('m1', stat, 60)], {
      ScanBy: 'TimestampAscending',
    });
    expect(pointsOf(MetricDataResults?.[0])).toEqual(expected);
  });

  it.each<[string, Array<[number, number]>]>([
    [
      'Sum',
      [
        [0, 18],
        [5, 16],
        [10, 5],
      ],
    ],
    [
      'SampleCount',
      [
        [0, 4],
        [5, 2],
        [10, 1],
      ],
    ],
    [
      'Average',
      [
        [0, 4.5],
        [5, 8],
        [10, 5],
      ],
    ],
    [
      'Minimum',
      [
        [0, 1],
        [5, 7],
        [10, 5],
      ],
    ],
    [
      'Maximum',
      [
        [0, 10],
        [5, 9],
        [10, 5],
      ],
    ],
  ])('aggregates %s per five minutes', async (stat, expected) => {
    const { MetricDataResults } = await getData([query('m1', stat, 300)], {
      ScanBy: 'TimestampAscending',
    });
    expect(pointsOf(MetricDataResults?.[0])).toEqual(expected);
  });

  it('answers newest first by default, with Date timestamps and the metric name as label', async () => {
    const output: GetMetricDataOutput = await getData([
      query('invocations', 'Sum', 300),
    ]);
    expect(output.NextToken).toBeUndefined();
    expect(output.Messages).toEqual([]);
    const [result] = output.MetricDataResults ?? [];
    expect(result).toMatchObject({
      Id: 'invocations',
      Label: 'Invocations',
      StatusCode: 'Complete',
    });
    expect(result.Timestamps?.[0]).toBeInstanceOf(Date);
    expect(pointsOf(result)).toEqual([
      [10, 5],
      [5, 16],
      [0, 18],
    ]);
  });

  it('answers every query in order, with its label, and leaves out ReturnData false', async () => {
    const { MetricDataResults } = await getData([
      query('sum', 'Sum', 300, { Label: 'Calls' }),
      query('hidden', 'Sum', 300, { ReturnData: false }),
      query('missing', 'Sum', 300, {
        MetricStat: {
          Metric: {
            Namespace: 'AWS/Bedrock',
            MetricName: 'ModelCopy',
            Dimensions: [{ Name: 'ModelId', Value: 'none' }],
          },
          Period: 300,
          Stat: 'Maximum',
        },
      }),
    ]);
    expect(
      MetricDataResults?.map(r => [
        r.Id,
        r.Label,
        r.StatusCode,
        r.Values?.length,
      ]),
    ).toEqual([
      ['sum', 'Calls', 'Complete', 3],
      ['missing', 'ModelCopy', 'Complete', 0],
    ]);
  });

  it('matches a metric by its full set of dimensions', async () => {
    const { MetricDataResults } = await getData([
      query('nodims', 'Sum', 300, {
        MetricStat: {
          Metric: { Namespace: 'AWS/Bedrock', MetricName: 'Invocations' },
          Period: 300,
          Stat: 'Sum',
        },
      }),
    ]);
    expect(MetricDataResults?.[0].Values).toEqual([]);
  });

  it('keeps data per Region and per account', async () => {
    const inRegion = await getData(
      [query('m', 'Sum', 60)],
      {},
      clientFor({ region: 'eu-central-1' }),
    );
    expect(pointsOf(inRegion.MetricDataResults?.[0])).toEqual([[0, 100]]);
    const inAccount = await getData(
      [query('m', 'Sum', 60)],
      {},
      clientFor({ accessKeyId: OTHER_ACCOUNT }),
    );
    expect(pointsOf(inAccount.MetricDataResults?.[0])).toEqual([[0, 1000]]);
    const elsewhere = await getData(
      [query('m', 'Sum', 60)],
      {},
      clientFor({ region: 'ap-south-1' }),
    );
    expect(elsewhere.MetricDataResults?.[0].Values).toEqual([]);
  });

  it('pages by MaxDatapoints across queries, marking cut results PartialData', async () => {
    const client = clientFor();
    const queries = [query('a', 'Sum', 60), query('b', 'Maximum', 300)];
    const first = await getData(
      queries,
      { MaxDatapoints: 3, ScanBy: 'TimestampAscending' },
      client,
    );
    expect(
      first.MetricDataResults?.map(r => [r.Id, r.StatusCode, pointsOf(r)]),
    ).toEqual([
      [
        'a',
        'PartialData',
        [
          [0, 4],
          [1, 10],
          [2, 4],
        ],
      ],
    ]);
    expect(first.NextToken).toEqual(expect.any(String));
    const second = await getData(
      queries,
      {
        MaxDatapoints: 3,
        ScanBy: 'TimestampAscending',
        NextToken: first.NextToken,
      },
      client,
    );
    expect(
      second.MetricDataResults?.map(r => [r.Id, r.StatusCode, pointsOf(r)]),
    ).toEqual([
      [
        'a',
        'Complete',
        [
          [5, 16],
          [11, 5],
        ],
      ],
      ['b', 'PartialData', [[0, 10]]],
    ]);
    const third = await getData(
      queries,
      {
        MaxDatapoints: 3,
        ScanBy: 'TimestampAscending',
        NextToken: second.NextToken,
      },
      client,
    );
    expect(
      third.MetricDataResults?.map(r => [r.Id, r.StatusCode, pointsOf(r)]),
    ).toEqual([
      [
        'b',
        'Complete',
        [
          [5, 9],
          [10, 5],
        ],
      ],
    ]);
    expect(third.NextToken).toBeUndefined();
  });

  it('works with paginateGetMetricData, newest first', async () => {
    const merged: Record<string, Array<[number, number]>> = {};
    let pages = 0;
    for await (const page of paginateGetMetricData(
      { client: clientFor(), pageSize: 2 },
      {
        MetricDataQueries: [
          query('a', 'Sum', 60),
          query('b', 'SampleCount', 300),
        ],
        StartTime: new Date(base),
        EndTime: new Date(base + 15 * MINUTE),
      },
    )) {
      pages += 1;
      for (const result of page.MetricDataResults ?? []) {
        merged[result.Id as string] = [
          ...(merged[result.Id as string] ?? []),
          ...pointsOf(result),
        ];
      }
    }
    expect(pages).toBe(4);
    expect(merged).toEqual({
      a: [
        [11, 5],
        [5, 16],
        [2, 4],
        [1, 10],
        [0, 4],
      ],
      b: [
        [10, 1],
        [5, 2],
        [0, 4],
      ],
    });
  });

  it('refuses a NextToken it did not issue, or issued for other parameters', async () => {
    const first = await getData([query('a', 'Sum', 60)], { MaxDatapoints: 1 });
    await expect(
      getData([query('a', 'Sum', 60)], {
        NextToken: first.NextToken,
        StartTime: new Date(base - MINUTE),
      }),
    ).rejects.toBeInstanceOf(InvalidNextToken);
    await expect(
      getData([query('a', 'Sum', 60)], { NextToken: 'garbage' }),
    ).rejects.toBeInstanceOf(InvalidNextToken);
  });

  it('leaves out one-minute windows older than 15 days, as CloudWatch does', async () => {
    recordMetric(emulator.context, {
      accountId: '123456789012',
      region: 'us-east-1',
      namespace: 'Custom/Retention',
      metricName: 'Old',
      dimensions: {},
      timestampMs: base - 20 * DAY,
      value: 2,
    });
    const old = (period: number) =>
      getData(
        [
          {
            Id: 'old',
            MetricStat: {
              Metric: { Namespace: 'Custom/Retention', MetricName: 'Old' },
              Period: period,
              Stat: 'Sum',
            },
          },
        ],
        { StartTime: new Date(base - 21 * DAY), EndTime: new Date(base) },
      );
    expect((await old(60)).MetricDataResults?.[0].Values).toEqual([]);
    expect((await old(300)).MetricDataResults?.[0].Values).toEqual([2]);
  });

  describe('refuses invalid input', () => {
    it.each<
      [
        string,
        new (...args: never[]) => Error,
        string,
        MetricDataQuery[],
        Partial<GetMetricDataCommandInput>?,
      ]
    >([
      [
        'a period not a multiple of 60',
        InvalidParameterValueException,
        'multiple of 60',
        [query('m', 'Sum', 90)],
      ],
      [
        'a high-resolution period',
        InvalidParameterValueException,
        'high-resolution',
        [query('m', 'Sum', 10)],
      ],
      [
        'a percentile',
        InvalidParameterValueException,
        'p99',
        [query('m', 'p99', 60)],
      ],
      [
        'an unknown statistic',
        InvalidParameterValueException,
        'Median',
        [query('m', 'Median', 60)],
      ],
      [
        'metric math',
        InvalidParameterValueException,
        'Metric math is not emulated',
        [{ Id: 'e1', Expression: 'SUM(METRICS())' }],
      ],
      [
        'both Expression and MetricStat',
        InvalidParameterCombinationException,
        'mutually exclusive',
        [query('m', 'Sum', 60, { Expression: 'm * 2' })],
      ],
      [
        'an Id starting with a capital',
        InvalidParameterValueException,
        'lowercase',
        [query('M1', 'Sum', 60)],
      ],
      [
        'duplicate Ids',
        InvalidParameterValueException,
        'not unique',
        [query('m', 'Sum', 60), query('m', 'Sum', 300)],
      ],
      ['no queries', InvalidParameterValueException, 'from 1 to 500', []],
      [
        'more than 500 queries',
        InvalidParameterValueException,
        'from 1 to 500',
        Array.from({ length: 501 }, (_, i) => query(`m${i}`, 'Sum', 60)),
      ],
      [
        'a query without MetricStat',
        MissingRequiredParameterException,
        'MetricStat',
        [{ Id: 'm' }],
      ],
      [
        'a metric without MetricName',
        MissingRequiredParameterException,
        'MetricDataQueries.member.1.MetricStat.Metric.MetricName',
        [
          {
            Id: 'm',
            MetricStat: {
              Metric: { Namespace: 'AWS/Bedrock' },
              Period: 60,
              Stat: 'Sum',
            },
          },
        ],
      ],
      [
        'a bad ScanBy',
        InvalidParameterValueException,
        'ScanBy',
        [query('m', 'Sum', 60)],
        { ScanBy: 'Sideways' as 'TimestampAscending' },
      ],
      [
        'MaxDatapoints 0',
        InvalidParameterValueException,
        'MaxDatapoints',
        [query('m', 'Sum', 60)],
        { MaxDatapoints: 0 },
      ],
      [
        'an unknown unit',
        InvalidParameterValueException,
        'unit',
        [
          query('m', 'Sum', 60, {
            MetricStat: {
              ...query('m', 'Sum', 60).MetricStat!,
              Unit: 'Parsecs' as 'Count',
            },
          }),
        ],
      ],
    ])('%s', async (_case, errorClass, message, queries, extra = {}) => {
      const error = await rejectionOf(getData(queries, extra));
      expect(error).toBeInstanceOf(errorClass);
      expect(error.message).toContain(message);
      expect(error.$metadata.httpStatusCode).toBe(400);
    });

    it('refuses a StartTime that is not before EndTime', async () => {
      const error = await rejectionOf(
        getData([query('m', 'Sum', 60)], {
          StartTime: new Date(base + MINUTE),
          EndTime: new Date(base + MINUTE),
        }),
      );
      expect(error).toBeInstanceOf(InvalidParameterValueException);
      expect(error.message).toBe(
        'The parameter StartTime must be less than the parameter EndTime.',
      );
    });

    it('answers MissingParameter for a missing StartTime, with the query error code', async () => {
      const error = await rejectionOf(
        clientFor().send(
          new GetMetricDataCommand({
            MetricDataQueries: [query('m', 'Sum', 60)],
            EndTime: new Date(),
          } as GetMetricDataCommandInput),
        ),
      );
      expect(error).toBeInstanceOf(MissingRequiredParameterException);
      expect(error.message).toBe('The parameter StartTime is required.');
      expect(
        (error as unknown as { Error: { Code: string; Type: string } }).Error,
      ).toMatchObject({
        Code: 'MissingParameter',
        Type: 'Sender',
      });
    });
  });
});

describe('ListMetrics', () => {
  beforeAll(() => {
    const write = (
      namespace: string,
      metricName: string,
      dimensions: Record<string, string>,
      timestampMs: number,
    ) =>
      recordMetric(emulator.context, {
        accountId: '210987654321',
        region: 'us-west-2',
        namespace,
        metricName,
        dimensions,
        timestampMs,
        value: 1,
      });
    const now = emulator.context.clock.now();
    write('AWS/Bedrock', 'Invocations', { ModelId: 'a' }, now - 10 * MINUTE);
    write(
      'AWS/Bedrock',
      'Invocations',
      { ModelId: 'b' },
      now - 5 * 60 * MINUTE,
    );
    write(
      'AWS/Bedrock',
      'InvocationLatency',
      { ModelId: 'a' },
      now - 10 * MINUTE,
    );
    write(
      'Custom/App',
      'Requests',
      { Stage: 'prod', Api: 'x' },
      now - 10 * MINUTE,
    );
    write('Custom/Old', 'Stale', {}, now - 20 * DAY);
  });

  const list = (input: ListMetricsCommandInput) =>
    clientFor({ region: 'us-west-2', accessKeyId: '210987654321' }).send(
      new ListMetricsCommand(input),
    );
  const names = (output: {
    Metrics?: Array<{
      Namespace?: string;
      MetricName?: string;
      Dimensions?: Array<{ Value?: string }>;
    }>;
  }) =>
    output.Metrics?.map(
      m =>
        `${m.Namespace}/${m.MetricName}/${m.Dimensions?.map(d => d.Value).join(
          ',',
        )}`,
    );

  it('lists metrics with data in the past two weeks', async () => {
    expect(names(await list({}))).toEqual([
      'AWS/Bedrock/InvocationLatency/a',
      'AWS/Bedrock/Invocations/a',
      'AWS/Bedrock/Invocations/b',
      'Custom/App/Requests/prod,x',
    ]);
  });

  it('filters by namespace, metric name, dimension name and value, and recent activity', async () => {
    expect(
      names(
        await list({ Namespace: 'AWS/Bedrock', MetricName: 'Invocations' }),
      ),
    ).toEqual(['AWS/Bedrock/Invocations/a', 'AWS/Bedrock/Invocations/b']);
    expect(
      names(await list({ Dimensions: [{ Name: 'ModelId', Value: 'a' }] })),
    ).toEqual(['AWS/Bedrock/InvocationLatency/a', 'AWS/Bedrock/Invocations/a']);
    expect(names(await list({ Dimensions: [{ Name: 'Stage' }] }))).toEqual([
      'Custom/App/Requests/prod,x',
    ]);
    expect(
      names(await list({ Namespace: 'AWS/Bedrock', RecentlyActive: 'PT3H' })),
    ).toEqual(['AWS/Bedrock/InvocationLatency/a', 'AWS/Bedrock/Invocations/a']);
  });

  it('answers the Metric shape', async () => {
    const { Metrics } = await list({ Namespace: 'Custom/App' });
    expect(Metrics).toEqual([
      {
        Namespace: 'Custom/App',
        MetricName: 'Requests',
        Dimensions: [
          { Name: 'Stage', Value: 'prod' },
          { Name: 'Api', Value: 'x' },
        ],
      },
    ]);
  });

  it('pages by 500 and works with paginateListMetrics', async () => {
    const now = emulator.context.clock.now();
    for (let i = 0; i < 501; i += 1) {
      recordMetric(emulator.context, {
        accountId: '210987654321',
        region: 'us-west-2',
        namespace: 'Custom/Many',
        metricName: 'M',
        dimensions: { Index: String(i).padStart(3, '0') },
        timestampMs: now - MINUTE,
        value: i,
      });
    }
    const sizes: number[] = [];
    const seen = new Set<string>();
    for await (const page of paginateListMetrics(
      {
        client: clientFor({ region: 'us-west-2', accessKeyId: '210987654321' }),
      },
      { Namespace: 'Custom/Many' },
    )) {
      sizes.push(page.Metrics?.length ?? 0);
      page.Metrics?.forEach(m => seen.add(m.Dimensions?.[0].Value as string));
    }
    expect(sizes).toEqual([500, 1]);
    expect(seen.size).toBe(501);
  });

  it('refuses an invalid NextToken and an invalid RecentlyActive', async () => {
    await expect(list({ NextToken: 'bogus' })).rejects.toBeInstanceOf(
      InvalidNextToken,
    );
    await expect(
      list({ RecentlyActive: 'PT1H' as 'PT3H' }),
    ).rejects.toBeInstanceOf(InvalidParameterValueException);
  });
});

describe('PutMetricData', () => {
  const client = () => clientFor({ region: 'sa-east-1' });
  const read = async (metricName: string, stat: string, period = 60) => {
    const now = emulator.context.clock.now();
    const { MetricDataResults } = await client().send(
      new GetMetricDataCommand({
        MetricDataQueries: [
          {
            Id: 'm',
            MetricStat: {
              Metric: { Namespace: 'Team/Seed', MetricName: metricName },
              Period: period,
              Stat: stat,
            },
          },
        ],
        StartTime: new Date(now - 60 * MINUTE),
        EndTime: new Date(now + MINUTE),
      }),
    );
    return MetricDataResults?.[0].Values;
  };

  it('records single values, where GetMetricData and ListMetrics find them', async () => {
    const at = new Date(emulator.context.clock.now() - 3 * MINUTE);
    await client().send(
      new PutMetricDataCommand({
        Namespace: 'Team/Seed',
        MetricData: [
          { MetricName: 'Single', Value: 2, Timestamp: at, Unit: 'Count' },
          { MetricName: 'Single', Value: 5, Timestamp: at },
        ],
      }),
    );
    expect(await read('Single', 'Sum')).toEqual([7]);
    expect(await read('Single', 'Average')).toEqual([3.5]);
    const { Metrics } = await client().send(
      new ListMetricsCommand({ Namespace: 'Team/Seed', MetricName: 'Single' }),
    );
    expect(Metrics).toEqual([
      { Namespace: 'Team/Seed', MetricName: 'Single', Dimensions: [] },
    ]);
  });

  it('records Values with Counts and StatisticValues', async () => {
    const at = new Date(emulator.context.clock.now() - 3 * MINUTE);
    await client().send(
      new PutMetricDataCommand({
        Namespace: 'Team/Seed',
        MetricData: [
          {
            MetricName: 'Multi',
            Values: [1, 4],
            Counts: [3, 1],
            Timestamp: at,
          },
          {
            MetricName: 'Stats',
            StatisticValues: {
              SampleCount: 4,
              Sum: 20,
              Minimum: 2,
              Maximum: 9,
            },
            Timestamp: at,
          },
        ],
      }),
    );
    expect(await read('Multi', 'Sum')).toEqual([7]);
    expect(await read('Multi', 'SampleCount')).toEqual([4]);
    expect(await read('Multi', 'Maximum')).toEqual([4]);
    expect(await read('Stats', 'Average')).toEqual([5]);
    expect(await read('Stats', 'Minimum')).toEqual([2]);
  });

  it('accepts the gzip-compressed bodies the SDK sends for large requests', async () => {
    const encodings: string[] = [];
    const compressing = client();
    compressing.middlewareStack.add(
      next => async args => {
        const headers =
          (args.request as { headers?: Record<string, string> }).headers ?? {};
        encodings.push(headers['content-encoding'] ?? 'identity');
        return next(args);
      },
      { step: 'finalizeRequest' },
    );
    const data: MetricDatum[] = Array.from({ length: 300 }, (_, i) => ({
      MetricName: 'Bulk',
      Dimensions: [{ Name: 'Shard', Value: `shard-with-a-long-name-${i % 3}` }],
      Value: 1,
    }));
    await compressing.send(
      new PutMetricDataCommand({ Namespace: 'Team/Seed', MetricData: data }),
    );
    expect(encodings).toEqual(['gzip']);
    const { Metrics } = await client().send(
      new ListMetricsCommand({ Namespace: 'Team/Seed', MetricName: 'Bulk' }),
    );
    expect(Metrics).toHaveLength(3);
  });

  it.each<
    [string, new (...args: never[]) => Error, string, PutMetricDataCommandInput]
  >([
    [
      'an AWS/ namespace',
      InvalidParameterValueException,
      'AWS/Bedrock',
      {
        Namespace: 'AWS/Bedrock',
        MetricData: [{ MetricName: 'Invocations', Value: 1 }],
      },
    ],
    [
      'a missing Namespace',
      MissingRequiredParameterException,
      'Namespace',
      {
        MetricData: [{ MetricName: 'X', Value: 1 }],
      } as PutMetricDataCommandInput,
    ],
    [
      'Value with Values',
      InvalidParameterCombinationException,
      'mutually exclusive',
      {
        Namespace: 'Team/Seed',
        MetricData: [{ MetricName: 'X', Value: 1, Values: [1] }],
      },
    ],
    [
      'Counts of another size than Values',
      InvalidParameterCombinationException,
      'same size',
      {
        Namespace: 'Team/Seed',
        MetricData: [{ MetricName: 'X', Values: [1, 2], Counts: [1] }],
      },
    ],
    [
      'no value at all',
      MissingRequiredParameterException,
      'MetricData.member.1.Value',
      { Namespace: 'Team/Seed', MetricData: [{ MetricName: 'X' }] },
    ],
    [
      'NaN',
      InvalidParameterValueException,
      'NaN',
      { Namespace: 'Team/Seed', MetricData: [{ MetricName: 'X', Value: NaN }] },
    ],
    [
      'a timestamp older than two weeks',
      InvalidParameterValueException,
      'two weeks',
      {
        Namespace: 'Team/Seed',
        MetricData: [
          {
            MetricName: 'X',
            Value: 1,
            Timestamp: new Date(Date.now() - 15 * DAY),
          },
        ],
      },
    ],
    [
      'an incomplete StatisticSet',
      MissingRequiredParameterException,
      'StatisticValues.Maximum',
      {
        Namespace: 'Team/Seed',
        MetricData: [
          {
            MetricName: 'X',
            StatisticValues: { SampleCount: 1, Sum: 1, Minimum: 1 } as never,
          },
        ],
      },
    ],
  ])('refuses %s', async (_case, errorClass, message, input) => {
    const error = await rejectionOf(
      client().send(new PutMetricDataCommand(input)),
    );
    expect(error).toBeInstanceOf(errorClass);
    expect(error.message).toContain(message);
  });

  it('writes nothing when one datum is invalid', async () => {
    await expect(
      client().send(
        new PutMetricDataCommand({
          Namespace: 'Team/Seed',
          MetricData: [
            { MetricName: 'Atomic', Value: 1 },
            { MetricName: 'Atomic', Value: 1, Values: [2] },
          ],
        }),
      ),
    ).rejects.toBeInstanceOf(InvalidParameterCombinationException);
    expect(await read('Atomic', 'Sum')).toEqual([]);
  });
});

describe('errors and injected faults', () => {
  afterEach(() => setFaults([]));

  it('throttles as the SDK-recognised Throttling error', async () => {
    await setFaults([{ service: 'cloudwatch', throttleRate: 1 }]);
    const error = await rejectionOf(
      getData([query('m', 'Sum', 60)], {}, clientFor({ maxAttempts: 1 })),
    );
    expect(error).toBeInstanceOf(CloudWatchServiceException);
    expect(error.name).toBe('Throttling');
    expect(error.message).toBe('Rate exceeded');
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.$fault).toBe('client');
  });

  it('answers an injected 500 as InternalServiceFault', async () => {
    await setFaults([{ service: 'cloudwatch', errorRate: 1 }]);
    const error = await rejectionOf(
      clientFor().send(new ListMetricsCommand({})),
    );
    expect(error).toBeInstanceOf(InternalServiceFault);
    expect(error.$metadata.httpStatusCode).toBe(500);
  });

  it('answers an injected 503 as ServiceUnavailable', async () => {
    await setFaults([
      { service: 'cloudwatch', errorRate: 1, errorStatus: 503 },
    ]);
    const error = await rejectionOf(
      clientFor().send(new ListMetricsCommand({})),
    );
    expect(error).toBeInstanceOf(CloudWatchServiceException);
    expect(error.name).toBe('ServiceUnavailable');
    expect(error.$fault).toBe('server');
  });

  it('names an operation it does not emulate', async () => {
    const error = await rejectionOf(
      clientFor().send(new DescribeAlarmsCommand({})),
    );
    expect(error.name).toBe('UnknownOperationException');
    expect(error.message).toContain('DescribeAlarms');
  });
});

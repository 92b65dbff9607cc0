import {
  GetAWSDefaultServiceQuotaCommand,
  GetServiceQuotaCommand,
  IllegalArgumentException,
  InvalidPaginationTokenException,
  ListAWSDefaultServiceQuotasCommand,
  ListServiceQuotasCommand,
  ListServiceQuotasCommandInput,
  ListServicesCommand,
  NoSuchResourceException,
  paginateListAWSDefaultServiceQuotas,
  paginateListServiceQuotas,
  ServiceException,
  ServiceQuota,
  ServiceQuotasClient,
  TooManyRequestsException,
} from '@aws-sdk/client-service-quotas';
import { quotaData } from '../../core/bedrockQuotas';
import { RunningEmulator, startEmulator } from '../../startEmulator';

const IMPORTED_MODELS = 'L-45B04988';
const CONCURRENT_JOBS = 'L-5F098EFA';
const DEFAULT_ACCOUNT = '123456789012';
const OTHER_ACCOUNT = '111122223333';

let emulator: RunningEmulator;
let custom: RunningEmulator;

function clientFor(
  target: RunningEmulator,
  options: { region?: string; accessKeyId?: string; maxAttempts?: number } = {},
): ServiceQuotasClient {
  return new ServiceQuotasClient({
    endpoint: target.endpoint,
    region: options.region ?? 'us-east-1',
    credentials: {
      accessKeyId: options.accessKeyId ?? 'test',
      secretAccessKey: 'test',
    },
    maxAttempts: options.maxAttempts ?? 1,
  });
}

async function setFaults(
  target: RunningEmulator,
  rules: unknown[],
): Promise<void> {
  const response = await fetch(`${target.endpoint}/_emulator/faults`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(rules),
  });
  expect(response.status).toBe(200);
}

/** The rejection of a promise, to assert on its class and fields. */
async function rejectionOf(
  promise: Promise<unknown>,
): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('Expected the call to fail');
}

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  custom = await startEmulator({
    port: 0,
    quotas: { importedModelsPerRegion: 5, concurrentImportJobs: 2 },
  });
});

afterAll(async () => {
  await emulator?.close();
  await custom?.close();
});

describe('GetServiceQuota', () => {
  it('answers the applied value with the full ServiceQuota shape', async () => {
    const { Quota } = await clientFor(emulator).send(
      new GetServiceQuotaCommand({
        ServiceCode: 'bedrock',
        QuotaCode: IMPORTED_MODELS,
      }),
    );
    expect(Quota).toEqual<ServiceQuota>({
      ServiceCode: 'bedrock',
      ServiceName: 'Amazon Bedrock',
      QuotaArn: `arn:aws:servicequotas:us-east-1:${DEFAULT_ACCOUNT}:bedrock/${IMPORTED_MODELS}`,
      QuotaCode: IMPORTED_MODELS,
      QuotaName: 'Imported models per account',
      Value: 3,
      Unit: 'None',
      Adjustable: true,
      GlobalQuota: false,
      Description: expect.stringContaining('imported models'),
      QuotaAppliedAtLevel: 'ACCOUNT',
    });
  });

  it('serves the values the emulator enforces, set by the quotas option', async () => {
    const client = clientFor(custom);
    const models = await client.send(
      new GetServiceQuotaCommand({
        ServiceCode: 'bedrock',
        QuotaCode: IMPORTED_MODELS,
      }),
    );
    const jobs = await client.send(
      new GetServiceQuotaCommand({
        ServiceCode: 'bedrock',
        QuotaCode: CONCURRENT_JOBS,
      }),
    );
    expect(models.Quota?.Value).toBe(5);
    expect(jobs.Quota?.Value).toBe(2);
  });

  it('keeps applied values per account and Region', async () => {
    quotaData(custom.context, OTHER_ACCOUNT, 'eu-central-1').applied[
      IMPORTED_MODELS
    ] = 10;
    const get = (region: string, accessKeyId: string) =>
      clientFor(custom, { region, accessKeyId }).send(
        new GetServiceQuotaCommand({
          ServiceCode: 'bedrock',
          QuotaCode: IMPORTED_MODELS,
        }),
      );

    const changed = await get('eu-central-1', OTHER_ACCOUNT);
    expect(changed.Quota?.Value).toBe(10);
    expect(changed.Quota?.QuotaArn).toBe(
      `arn:aws:servicequotas:eu-central-1:${OTHER_ACCOUNT}:bedrock/${IMPORTED_MODELS}`,
    );
    expect((await get('us-east-1', OTHER_ACCOUNT)).Quota?.Value).toBe(5);
    expect((await get('eu-central-1', 'test')).Quota?.Value).toBe(5);
  });

  it('refuses an unknown service code, naming it', async () => {
    const error = await rejectionOf(
      clientFor(emulator).send(
        new GetServiceQuotaCommand({
          ServiceCode: 'ec2',
          QuotaCode: IMPORTED_MODELS,
        }),
      ),
    );
    expect(error).toBeInstanceOf(NoSuchResourceException);
    expect(error.message).toContain("'ec2'");
    expect(error.$metadata?.httpStatusCode).toBe(400);
  });

  it('refuses an unknown quota code, naming it', async () => {
    const error = await rejectionOf(
      clientFor(emulator).send(
        new GetServiceQuotaCommand({
          ServiceCode: 'bedrock',
          QuotaCode: 'L-00000000',
        }),
      ),
    );
    expect(error).toBeInstanceOf(NoSuchResourceException);
    expect(error.message).toContain("'L-00000000'");
  });

  it('refuses a ContextId: the Bedrock quotas are account-level', async () => {
    const error = await rejectionOf(
      clientFor(emulator).send(
        new GetServiceQuotaCommand({
          ServiceCode: 'bedrock',
          QuotaCode: IMPORTED_MODELS,
          ContextId: 'arn:aws:x',
        }),
      ),
    );
    expect(error).toBeInstanceOf(NoSuchResourceException);
  });

  it.each([
    ['a missing ServiceCode', { QuotaCode: IMPORTED_MODELS }],
    ['a missing QuotaCode', { ServiceCode: 'bedrock' }],
    [
      'a malformed ServiceCode',
      { ServiceCode: 'bed rock', QuotaCode: IMPORTED_MODELS },
    ],
  ])('answers IllegalArgumentException for %s', async (_case, input) => {
    const error = await rejectionOf(
      clientFor(emulator).send(
        new GetServiceQuotaCommand(
          input as { ServiceCode: string; QuotaCode: string },
        ),
      ),
    );
    expect(error).toBeInstanceOf(IllegalArgumentException);
  });
});

describe('GetAWSDefaultServiceQuota', () => {
  it('answers the AWS default, with an ARN without account, whatever the applied value', async () => {
    const { Quota } = await clientFor(custom).send(
      new GetAWSDefaultServiceQuotaCommand({
        ServiceCode: 'bedrock',
        QuotaCode: CONCURRENT_JOBS,
      }),
    );
    expect(Quota).toMatchObject({
      ServiceCode: 'bedrock',
      QuotaCode: CONCURRENT_JOBS,
      QuotaName: 'Concurrent model import jobs',
      QuotaArn: `arn:aws:servicequotas:us-east-1::bedrock/${CONCURRENT_JOBS}`,
      Value: 1,
      Adjustable: true,
      GlobalQuota: false,
    });
  });

  it('refuses unknown codes', async () => {
    const client = clientFor(emulator);
    await expect(
      client.send(
        new GetAWSDefaultServiceQuotaCommand({
          ServiceCode: 'Bedrock',
          QuotaCode: IMPORTED_MODELS,
        }),
      ),
    ).rejects.toBeInstanceOf(NoSuchResourceException);
    await expect(
      client.send(
        new GetAWSDefaultServiceQuotaCommand({
          ServiceCode: 'bedrock',
          QuotaCode: 'L-FFFFFFFF',
        }),
      ),
    ).rejects.toBeInstanceOf(NoSuchResourceException);
  });
});

describe('ListServiceQuotas', () => {
  it('lists every Bedrock quota with its applied value', async () => {
    const { Quotas, NextToken } = await clientFor(custom).send(
      new ListServiceQuotasCommand({ ServiceCode: 'bedrock' }),
    );
    expect(NextToken).toBeUndefined();
    expect(Quotas?.map(q => [q.QuotaCode, q.Value])).toEqual([
      [IMPORTED_MODELS, 5],
      [CONCURRENT_JOBS, 2],
    ]);
  });

  it('pages with an opaque token', async () => {
    const client = clientFor(emulator);
    const first = await client.send(
      new ListServiceQuotasCommand({ ServiceCode: 'bedrock', MaxResults: 1 }),
    );
    expect(first.Quotas).toHaveLength(1);
    expect(first.NextToken).toMatch(/^[a-zA-Z0-9/+]+={0,2}$/);
    const second = await client.send(
      new ListServiceQuotasCommand({
        ServiceCode: 'bedrock',
        MaxResults: 1,
        NextToken: first.NextToken,
      }),
    );
    expect(second.Quotas?.map(q => q.QuotaCode)).toEqual([CONCURRENT_JOBS]);
    expect(second.NextToken).toBeUndefined();
  });

  it('works with paginateListServiceQuotas', async () => {
    const pages = [];
    for await (const page of paginateListServiceQuotas(
      { client: clientFor(emulator), pageSize: 1 },
      { ServiceCode: 'bedrock' },
    )) {
      pages.push(page.Quotas?.map(q => q.QuotaCode));
    }
    expect(pages).toEqual([[IMPORTED_MODELS], [CONCURRENT_JOBS]]);
  });

  it('filters by QuotaCode and applied level', async () => {
    const client = clientFor(emulator);
    const byCode = await client.send(
      new ListServiceQuotasCommand({
        ServiceCode: 'bedrock',
        QuotaCode: CONCURRENT_JOBS,
      }),
    );
    expect(byCode.Quotas?.map(q => q.QuotaCode)).toEqual([CONCURRENT_JOBS]);
    const resourceLevel = await client.send(
      new ListServiceQuotasCommand({
        ServiceCode: 'bedrock',
        QuotaAppliedAtLevel: 'RESOURCE',
      }),
    );
    expect(resourceLevel.Quotas).toEqual([]);
  });

  it.each([0, 101, 1.5])(
    'answers IllegalArgumentException for MaxResults %p',
    async maxResults => {
      await expect(
        clientFor(emulator).send(
          new ListServiceQuotasCommand({
            ServiceCode: 'bedrock',
            MaxResults: maxResults,
          }),
        ),
      ).rejects.toBeInstanceOf(IllegalArgumentException);
    },
  );

  it('answers IllegalArgumentException without ServiceCode', async () => {
    await expect(
      clientFor(emulator).send(
        new ListServiceQuotasCommand({} as ListServiceQuotasCommandInput),
      ),
    ).rejects.toBeInstanceOf(IllegalArgumentException);
  });

  it('answers NoSuchResourceException for an unknown service', async () => {
    const error = await rejectionOf(
      clientFor(emulator).send(
        new ListServiceQuotasCommand({ ServiceCode: 'lambda' }),
      ),
    );
    expect(error).toBeInstanceOf(NoSuchResourceException);
    expect(error.message).toContain("'lambda'");
  });

  it('refuses a token it did not issue, or issued for another list', async () => {
    const client = clientFor(emulator);
    await expect(
      client.send(
        new ListServiceQuotasCommand({
          ServiceCode: 'bedrock',
          NextToken: 'bm90IGEgdG9rZW4=',
        }),
      ),
    ).rejects.toBeInstanceOf(InvalidPaginationTokenException);
    await expect(
      client.send(
        new ListServiceQuotasCommand({
          ServiceCode: 'bedrock',
          NextToken: 'not a token!',
        }),
      ),
    ).rejects.toBeInstanceOf(InvalidPaginationTokenException);

    const { NextToken } = await client.send(
      new ListServiceQuotasCommand({ ServiceCode: 'bedrock', MaxResults: 1 }),
    );
    await expect(
      client.send(
        new ListAWSDefaultServiceQuotasCommand({
          ServiceCode: 'bedrock',
          NextToken,
        }),
      ),
    ).rejects.toBeInstanceOf(InvalidPaginationTokenException);
    await expect(
      client.send(
        new ListServiceQuotasCommand({
          ServiceCode: 'bedrock',
          QuotaCode: IMPORTED_MODELS,
          NextToken,
        }),
      ),
    ).rejects.toBeInstanceOf(InvalidPaginationTokenException);
  });
});

describe('ListAWSDefaultServiceQuotas', () => {
  it('lists the AWS defaults and pages with paginateListAWSDefaultServiceQuotas', async () => {
    const quotas: ServiceQuota[] = [];
    for await (const page of paginateListAWSDefaultServiceQuotas(
      { client: clientFor(custom, { region: 'ap-northeast-1' }), pageSize: 1 },
      { ServiceCode: 'bedrock' },
    )) {
      quotas.push(...(page.Quotas ?? []));
    }
    expect(quotas.map(q => [q.QuotaCode, q.Value, q.QuotaArn])).toEqual([
      [
        IMPORTED_MODELS,
        3,
        `arn:aws:servicequotas:ap-northeast-1::bedrock/${IMPORTED_MODELS}`,
      ],
      [
        CONCURRENT_JOBS,
        1,
        `arn:aws:servicequotas:ap-northeast-1::bedrock/${CONCURRENT_JOBS}`,
      ],
    ]);
  });

  it('answers NoSuchResourceException for an unknown service', async () => {
    await expect(
      clientFor(emulator).send(
        new ListAWSDefaultServiceQuotasCommand({ ServiceCode: 's3' }),
      ),
    ).rejects.toBeInstanceOf(NoSuchResourceException);
  });
});

describe('ListServices', () => {
  it('lists Bedrock', async () => {
    const { Services, NextToken } = await clientFor(emulator).send(
      new ListServicesCommand({}),
    );
    expect(Services).toEqual([
      { ServiceCode: 'bedrock', ServiceName: 'Amazon Bedrock' },
    ]);
    expect(NextToken).toBeUndefined();
  });
});

describe('injected faults', () => {
  afterEach(() => setFaults(emulator, []));

  it('throttles as TooManyRequestsException', async () => {
    await setFaults(emulator, [{ service: 'servicequotas', throttleRate: 1 }]);
    const error = await rejectionOf(
      clientFor(emulator, { maxAttempts: 1 }).send(
        new ListServiceQuotasCommand({ ServiceCode: 'bedrock' }),
      ),
    );
    expect(error).toBeInstanceOf(TooManyRequestsException);
    expect(error.message).toBe('Rate exceeded');
  });

  it.each([500, 503])(
    'answers ServiceException for an injected %p',
    async status => {
      await setFaults(emulator, [
        { service: 'servicequotas', errorRate: 1, errorStatus: status },
      ]);
      const error = await rejectionOf(
        clientFor(emulator, { maxAttempts: 1 }).send(
          new GetServiceQuotaCommand({
            ServiceCode: 'bedrock',
            QuotaCode: IMPORTED_MODELS,
          }),
        ),
      );
      expect(error).toBeInstanceOf(ServiceException);
      expect(error.$metadata?.httpStatusCode).toBe(status);
    },
  );
});

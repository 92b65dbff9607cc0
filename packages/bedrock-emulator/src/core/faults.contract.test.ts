import {
  AccessDeniedException as BedrockAccessDenied,
  CreateModelImportJobCommand,
  ListImportedModelsCommand,
  ValidationException,
} from '@aws-sdk/client-bedrock';
import {
  AccessDeniedException as RuntimeAccessDenied,
  ConverseCommand,
  InvokeModelCommand,
  ModelErrorException,
  ModelTimeoutException,
} from '@aws-sdk/client-bedrock-runtime';
import {
  CloudWatchClient,
  CloudWatchServiceException,
  GetMetricDataCommand,
} from '@aws-sdk/client-cloudwatch';
import {
  ListBucketsCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import {
  AccessDeniedException as QuotasAccessDenied,
  GetServiceQuotaCommand,
  ServiceQuotasClient,
} from '@aws-sdk/client-service-quotas';
import {
  AccessDeniedException as SsmAccessDenied,
  GetParameterCommand,
  SSMClient,
} from '@aws-sdk/client-ssm';
import { llama31_8bArtifacts } from '../seed/artifactSets';
import { EmulatorTestKit, importInput } from '../__testUtils__/emulatorTestKit';

const body = new TextEncoder().encode(JSON.stringify({ prompt: 'ping' }));

describe('faults the portal must survive, set through /_emulator/faults', () => {
  let kit: EmulatorTestKit;
  let modelId: string;
  beforeAll(async () => {
    kit = await EmulatorTestKit.start({
      importJobSeconds: 0,
      coldStartRestoreSeconds: 0,
      coldStartRestorePerCmuSeconds: 0,
      timeScale: 100,
    });
    modelId = await kit.importModel('model', llama31_8bArtifacts());
  });
  afterAll(() => kit.close());
  afterEach(() => kit.setFaults([]));

  const denial = (action: string) =>
    `User: arn:aws:iam::123456789012:user/test is not authorized to perform: ${action} because no identity-based policy allows the ${action} action`;

  it('denies access in each service’s own error shape (accessDeniedRate)', async () => {
    await kit.setFaults([{ accessDeniedRate: 1 }]);
    const config = kit.clientConfig();

    const bedrock = await kit
      .bedrock()
      .send(new ListImportedModelsCommand({}))
      .catch(e => e);
    expect(bedrock).toBeInstanceOf(BedrockAccessDenied);
    expect(bedrock.$metadata.httpStatusCode).toBe(403);
    expect(bedrock.message).toBe(denial('bedrock:ListImportedModels'));

    const runtime = await kit
      .runtime()
      .send(
        new ConverseCommand({
          modelId,
          messages: [{ role: 'user', content: [{ text: 'Hi' }] }],
        }),
      )
      .catch(e => e);
    expect(runtime).toBeInstanceOf(RuntimeAccessDenied);
    // Converse is authorized as bedrock:InvokeModel.
    expect(runtime.message).toBe(denial('bedrock:InvokeModel'));

    const s3 = await new S3Client({ ...config, forcePathStyle: true })
      .send(new ListBucketsCommand({}))
      .catch(e => e);
    expect(s3).toBeInstanceOf(S3ServiceException);
    expect(s3.name).toBe('AccessDenied');
    expect(s3.$metadata.httpStatusCode).toBe(403);

    const ssm = await new SSMClient(config)
      .send(new GetParameterCommand({ Name: '/x' }))
      .catch(e => e);
    expect(ssm).toBeInstanceOf(SsmAccessDenied);
    expect(ssm.message).toBe(denial('ssm:GetParameter'));

    const quotas = await new ServiceQuotasClient(config)
      .send(
        new GetServiceQuotaCommand({
          ServiceCode: 'bedrock',
          QuotaCode: 'L-45B04988',
        }),
      )
      .catch(e => e);
    expect(quotas).toBeInstanceOf(QuotasAccessDenied);

    const cloudWatch = await new CloudWatchClient(config)
      .send(
        new GetMetricDataCommand({
          StartTime: new Date(0),
          EndTime: new Date(),
          MetricDataQueries: [],
        }),
      )
      .catch(e => e);
    expect(cloudWatch).toBeInstanceOf(CloudWatchServiceException);
    expect(cloudWatch.name).toBe('AccessDenied');
    expect(cloudWatch.$metadata.httpStatusCode).toBe(403);
    expect(cloudWatch.message).toBe(denial('cloudwatch:GetMetricData'));
  });

  it('refuses CreateModelImportJob with a ValidationException naming a role Bedrock cannot assume (unverified wording)', async () => {
    await kit.setFaults([
      {
        service: 'bedrock',
        operation: 'CreateModelImportJob',
        roleNotAssumableRate: 1,
      },
    ]);
    const s3Uri = kit.stage('artifacts', 'role/', llama31_8bArtifacts());
    const error = await kit
      .bedrock()
      .send(new CreateModelImportJobCommand(importInput('role', s3Uri)))
      .catch(e => e);
    expect(error).toBeInstanceOf(ValidationException);
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.message).toContain(
      'could not assume the role arn:aws:iam::123456789012:role/BedrockImport',
    );
    // Other operations are untouched by the rule.
    await expect(
      kit.bedrock().send(new ListImportedModelsCommand({})),
    ).resolves.toBeDefined();
  });

  it('answers ModelTimeoutException (408) and ModelErrorException (424) at runtime (unverified wording)', async () => {
    await kit.setFaults([{ service: 'bedrock-runtime', modelTimeoutRate: 1 }]);
    const timeout = await kit
      .runtime()
      .send(new InvokeModelCommand({ modelId, body }))
      .catch(e => e);
    expect(timeout).toBeInstanceOf(ModelTimeoutException);
    expect(timeout.$metadata.httpStatusCode).toBe(408);

    await kit.setFaults([{ service: 'bedrock-runtime', modelErrorRate: 1 }]);
    const modelError = await kit
      .runtime()
      .send(new InvokeModelCommand({ modelId, body }))
      .catch(e => e);
    expect(modelError).toBeInstanceOf(ModelErrorException);
    expect(modelError.$metadata.httpStatusCode).toBe(424);
    expect(modelError).toMatchObject({
      originalStatusCode: 500,
      resourceName: modelId,
    });
  });

  it('refuses a rule whose fault the service does not have', async () => {
    const res = await fetch(`${kit.emulator.endpoint}/_emulator/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ service: 's3', modelTimeoutRate: 1 }]),
    });
    expect(res.status).toBe(400);
    expect((await res.json()).message).toBe(
      'Fault rule 0: modelTimeoutRate applies only to the bedrock-runtime service',
    );
  });
});

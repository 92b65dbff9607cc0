import {
  ConflictException,
  CreateModelImportJobCommand,
  DeleteImportedModelCommand,
  GetImportedModelCommand,
  GetModelImportJobCommand,
  ListImportedModelsCommand,
  ListModelImportJobsCommand,
  ListTagsForResourceCommand,
  paginateListImportedModels,
  paginateListModelImportJobs,
  ResourceNotFoundException,
  ServiceQuotaExceededException,
  TagResourceCommand,
  ThrottlingException,
  TooManyTagsException,
  UntagResourceCommand,
  ValidationException,
} from '@aws-sdk/client-bedrock';
import {
  CreateBucketCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import {
  brokenArtifacts,
  llama31_8bArtifacts,
  mistral7bArtifacts,
  qwen25_7bArtifacts,
} from '../../seed/artifactSets';
import {
  EmulatorTestKit,
  importInput,
} from '../../__testUtils__/emulatorTestKit';

const JOB_ARN =
  /^arn:aws:bedrock:us-east-1:123456789012:model-import-job\/[a-z0-9]{12}$/;
const MODEL_ARN =
  /^arn:aws:bedrock:us-east-1:123456789012:imported-model\/[a-z0-9]{12}$/;

describe('bedrock control plane, through @aws-sdk/client-bedrock', () => {
  let kit: EmulatorTestKit;

  beforeEach(async () => {
    // Quotas high enough that only the quota tests meet them.
    kit = await EmulatorTestKit.start({
      quotas: { importedModelsPerRegion: 50, concurrentImportJobs: 50 },
    });
  });
  afterEach(() => kit.close());

  it('runs an import job from InProgress to Completed and creates the imported model', async () => {
    const s3Uri = kit.stage('artifacts', 'llama/v1/', llama31_8bArtifacts());
    const bedrock = kit.bedrock();
    const { jobArn } = await bedrock.send(
      new CreateModelImportJobCommand(
        importInput('summarizer-v1', s3Uri, {
          jobTags: [{ key: 'team', value: 'support' }],
          importedModelTags: [{ key: 'model', value: 'summarizer' }],
        }),
      ),
    );
    expect(jobArn).toMatch(JOB_ARN);

    const running = await bedrock.send(
      new GetModelImportJobCommand({ jobIdentifier: jobArn }),
    );
    expect(running).toMatchObject({
      status: 'InProgress',
      jobName: 'summarizer-v1-job',
      importedModelName: 'summarizer-v1',
      modelDataSource: { s3DataSource: { s3Uri } },
    });
    expect(running.creationTime).toBeInstanceOf(Date);
    expect(running.importedModelArn).toBeUndefined();
    expect(running.endTime).toBeUndefined();

    await kit.advance(600);
    const done = await bedrock.send(
      new GetModelImportJobCommand({ jobIdentifier: 'summarizer-v1-job' }),
    );
    expect(done.status).toBe('Completed');
    expect(done.importedModelArn).toMatch(MODEL_ARN);
    expect(done.endTime!.getTime() - done.creationTime!.getTime()).toBe(
      600_000,
    );

    const model = await bedrock.send(
      new GetImportedModelCommand({ modelIdentifier: done.importedModelArn }),
    );
    expect(model).toMatchObject({
      modelArn: done.importedModelArn,
      modelName: 'summarizer-v1',
      jobArn,
      jobName: 'summarizer-v1-job',
      modelArchitecture: 'llama',
      instructSupported: true,
      customModelUnits: {
        customModelUnitsPerModelCopy: 2,
        customModelUnitsVersion: 'v1.0',
      },
    });
    // CustomModelUnitsVersion's pattern in the service model.
    expect(model.customModelUnits?.customModelUnitsVersion).toMatch(
      /^v\d+.\d+$/,
    );
    expect(model.creationTime).toBeInstanceOf(Date);
    expect(
      (
        await bedrock.send(
          new GetImportedModelCommand({ modelIdentifier: 'summarizer-v1' }),
        )
      ).modelArn,
    ).toBe(done.importedModelArn);

    const tags = async (resourceARN: string) =>
      (await bedrock.send(new ListTagsForResourceCommand({ resourceARN })))
        .tags;
    expect(await tags(jobArn!)).toEqual([{ key: 'team', value: 'support' }]);
    expect(await tags(done.importedModelArn!)).toEqual([
      { key: 'model', value: 'summarizer' },
    ]);
  });

  it('imports artifacts staged with the real S3 client', async () => {
    const s3 = new S3Client({ ...kit.clientConfig(), forcePathStyle: true });
    await s3.send(new CreateBucketCommand({ Bucket: 'team-uploads' }));
    for (const [name, content] of Object.entries(mistral7bArtifacts().files)) {
      await s3.send(
        new PutObjectCommand({
          Bucket: 'team-uploads',
          Key: `mistral/${name}`,
          Body: content,
        }),
      );
    }
    const bedrock = kit.bedrock();
    await bedrock.send(
      new CreateModelImportJobCommand(
        importInput('uploaded', 's3://team-uploads/mistral/'),
      ),
    );
    await kit.advance(600);
    const model = await bedrock.send(
      new GetImportedModelCommand({ modelIdentifier: 'uploaded' }),
    );
    expect(model).toMatchObject({
      modelArchitecture: 'mistral',
      instructSupported: true,
      customModelUnits: { customModelUnitsPerModelCopy: 2 },
    });
  });

  it('fails a job on a broken artifact set with a specific message, and creates no model', async () => {
    const s3Uri = kit.stage('artifacts', 'broken/', brokenArtifacts());
    const bedrock = kit.bedrock();
    const { jobArn } = await bedrock.send(
      new CreateModelImportJobCommand(importInput('broken', s3Uri)),
    );
    await kit.advance(600);
    const job = await bedrock.send(
      new GetModelImportJobCommand({ jobIdentifier: jobArn }),
    );
    expect(job).toMatchObject({
      status: 'Failed',
      failureMessage: `The model artifacts at ${s3Uri} are missing tokenizer files: tokenizer_config.json, tokenizer.json or tokenizer.model.`,
    });
    expect(
      (await bedrock.send(new ListImportedModelsCommand({}))).modelSummaries,
    ).toEqual([]);
  });

  it('fails a job whose bucket does not exist', async () => {
    const bedrock = kit.bedrock();
    const { jobArn } = await bedrock.send(
      new CreateModelImportJobCommand(
        importInput('nobucket', 's3://no-such-bucket/x/'),
      ),
    );
    await kit.advance(600);
    const job = await bedrock.send(
      new GetModelImportJobCommand({ jobIdentifier: jobArn }),
    );
    expect(job.failureMessage).toContain(
      'the S3 bucket no-such-bucket does not exist',
    );
  });

  it('gives Qwen imports no Converse support', async () => {
    const s3Uri = kit.stage('artifacts', 'qwen/', qwen25_7bArtifacts());
    const bedrock = kit.bedrock();
    await bedrock.send(
      new CreateModelImportJobCommand(importInput('qwen', s3Uri)),
    );
    await kit.advance(600);
    const model = await bedrock.send(
      new GetImportedModelCommand({ modelIdentifier: 'qwen' }),
    );
    expect(model).toMatchObject({
      modelArchitecture: 'qwen2',
      instructSupported: false,
    });
  });

  describe('refuses bad input with ValidationException', () => {
    it.each([
      [
        'a job name with a space',
        { jobName: 'bad name' },
        "at 'jobName' failed to satisfy constraint",
      ],
      [
        'a model name of 64 characters',
        { importedModelName: 'a'.repeat(64) },
        "at 'importedModelName' failed to satisfy constraint: Member must have length between 1 and 63",
      ],
      [
        'a role that is not an IAM role ARN',
        { roleArn: 'BedrockImport' },
        "at 'roleArn'",
      ],
      [
        'an S3 URI that is not one',
        { modelDataSource: { s3DataSource: { s3Uri: 'https://x/y' } } },
        "at 'modelDataSource.s3DataSource.s3Uri'",
      ],
      [
        'an S3 URI with "=" in a path segment',
        {
          modelDataSource: {
            s3DataSource: { s3Uri: 's3://artifacts/date=2026-01-01/' },
          },
        },
        "1 validation error detected: Value 's3://artifacts/date=2026-01-01/' at 'modelDataSource.s3DataSource.s3Uri' failed to satisfy constraint: Member must satisfy regular expression pattern: s3://[a-z0-9][-.a-z0-9]{1,61}[a-z0-9](?:/[-!_*'().a-z0-9A-Z]+(?:/[-!_*'().a-z0-9A-Z]+)*)?/?",
      ],
      [
        'an S3 URI with an empty path segment',
        { modelDataSource: { s3DataSource: { s3Uri: 's3://artifacts//x/' } } },
        "at 'modelDataSource.s3DataSource.s3Uri'",
      ],
      [
        'an S3 URI with a space',
        {
          modelDataSource: {
            s3DataSource: { s3Uri: 's3://artifacts/my model/' },
          },
        },
        "at 'modelDataSource.s3DataSource.s3Uri'",
      ],
      [
        'a job name of 63 characters, hyphens then one not allowed (answered at once, not after exponential backtracking)',
        { jobName: `a${'-'.repeat(61)}!` },
        "at 'jobName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9](-*[a-zA-Z0-9\\+\\-\\.])*",
      ],
      [
        'a model name with two separators in a row',
        { importedModelName: 'my__model' },
        "at 'importedModelName' failed to satisfy constraint: Member must satisfy regular expression pattern: ([0-9a-zA-Z][_-]?)+",
      ],
      [
        'a KMS key that is neither a key nor an alias',
        { importedModelKmsKeyId: 'my-key' },
        "at 'importedModelKmsKeyId'",
      ],
      [
        'no data source',
        { modelDataSource: undefined },
        "'modelDataSource.s3DataSource'",
      ],
      [
        'a tag key of 129 characters',
        { jobTags: [{ key: 'k'.repeat(129), value: 'v' }] },
        "at 'key'",
      ],
    ])('%s', async (_case, override, message) => {
      const input = {
        ...importInput('valid', 's3://artifacts/x/'),
        ...override,
      };
      const error = await kit
        .bedrock()
        .send(new CreateModelImportJobCommand(input as never))
        .catch(e => e);
      expect(error).toBeInstanceOf(ValidationException);
      expect(error.message).toContain(message);
      expect(error.$metadata.httpStatusCode).toBe(400);
    });

    it('in a Region without Custom Model Import', async () => {
      const error = await kit
        .bedrock('eu-west-1')
        .send(
          new CreateModelImportJobCommand(
            importInput('m', 's3://artifacts/x/'),
          ),
        )
        .catch(e => e);
      expect(error).toBeInstanceOf(ValidationException);
      expect(error.message).toContain(
        'Custom Model Import is not available in eu-west-1',
      );
    });
  });

  it('refuses a used job name with ValidationException "The provided job name is currently in use.", even after its job ended', async () => {
    const s3Uri = kit.stage('artifacts', 'llama/', llama31_8bArtifacts());
    const bedrock = kit.bedrock();
    await bedrock.send(
      new CreateModelImportJobCommand(importInput('dup', s3Uri)),
    );
    const running = await bedrock
      .send(
        new CreateModelImportJobCommand(
          importInput('other', s3Uri, { jobName: 'dup-job' }),
        ),
      )
      .catch(e => e);
    expect(running).toBeInstanceOf(ValidationException);
    expect(running.message).toBe('The provided job name is currently in use.');
    expect(running.$metadata.httpStatusCode).toBe(400);

    // Job names stay taken after the job ended and its model was deleted: there is no
    // DeleteModelImportJob.
    await kit.advance(600);
    await bedrock.send(
      new DeleteImportedModelCommand({ modelIdentifier: 'dup' }),
    );
    const ended = await bedrock
      .send(new CreateModelImportJobCommand(importInput('dup', s3Uri)))
      .catch(e => e);
    expect(ended).toBeInstanceOf(ValidationException);
    expect(ended.message).toBe('The provided job name is currently in use.');
  });

  it('refuses a used imported-model name with ConflictException (unverified: AWS does not document this answer)', async () => {
    const s3Uri = kit.stage('artifacts', 'llama/', llama31_8bArtifacts());
    const bedrock = kit.bedrock();
    await bedrock.send(
      new CreateModelImportJobCommand(importInput('dup', s3Uri)),
    );
    const error = await bedrock
      .send(
        new CreateModelImportJobCommand(
          importInput('dup', s3Uri, { jobName: 'dup-job-2' }),
        ),
      )
      .catch(e => e);
    expect(error).toBeInstanceOf(ConflictException);
    expect(error.message).toContain('already exists or is being imported');
  });

  it('is idempotent on clientRequestToken: same input, same job; different input, an error', async () => {
    const s3Uri = kit.stage('artifacts', 'llama/', llama31_8bArtifacts());
    const bedrock = kit.bedrock();
    const input = importInput('idem', s3Uri, {
      clientRequestToken: 'portal-idem-1',
    });
    const first = await bedrock.send(new CreateModelImportJobCommand(input));
    // The retry is answered with the job, not with "job name in use", even after the job ended.
    const second = await bedrock.send(new CreateModelImportJobCommand(input));
    expect(second.jobArn).toBe(first.jobArn);
    await kit.advance(600);
    const later = await bedrock.send(new CreateModelImportJobCommand(input));
    expect(later.jobArn).toBe(first.jobArn);
    expect(
      (await bedrock.send(new ListModelImportJobsCommand({})))
        .modelImportJobSummaries,
    ).toHaveLength(1);
    const error = await bedrock
      .send(
        new CreateModelImportJobCommand({
          ...input,
          importedModelName: 'idem-other',
        }),
      )
      .catch(e => e);
    expect(error).toBeInstanceOf(ConflictException);
    expect(error.message).toContain(
      'clientRequestToken portal-idem-1 was already used',
    );
  });

  it('enforces the concurrent-jobs and imported-models quotas', async () => {
    const limited = await EmulatorTestKit.start({
      quotas: { importedModelsPerRegion: 2, concurrentImportJobs: 1 },
    });
    try {
      const s3Uri = limited.stage('artifacts', 'llama/', llama31_8bArtifacts());
      const bedrock = limited.bedrock();
      await bedrock.send(
        new CreateModelImportJobCommand(importInput('q1', s3Uri)),
      );
      const concurrent = await bedrock
        .send(new CreateModelImportJobCommand(importInput('q2', s3Uri)))
        .catch(e => e);
      expect(concurrent).toBeInstanceOf(ServiceQuotaExceededException);
      expect(concurrent.message).toContain(
        'quota of 1 concurrent model import jobs in us-east-1 (L-5F098EFA)',
      );
      await limited.advance(600);
      await bedrock.send(
        new CreateModelImportJobCommand(importInput('q2', s3Uri)),
      );
      await limited.advance(600);
      const models = await bedrock
        .send(new CreateModelImportJobCommand(importInput('q3', s3Uri)))
        .catch(e => e);
      expect(models).toBeInstanceOf(ServiceQuotaExceededException);
      expect(models.message).toContain(
        'quota of 2 imported models in us-east-1 (L-45B04988)',
      );
      // Deleting a model frees room, as in AWS.
      await bedrock.send(
        new DeleteImportedModelCommand({ modelIdentifier: 'q1' }),
      );
      await expect(
        bedrock.send(new CreateModelImportJobCommand(importInput('q3', s3Uri))),
      ).resolves.toBeDefined();
    } finally {
      await limited.close();
    }
  });

  it('answers ResourceNotFoundException for unknown jobs and models, and after a delete', async () => {
    const bedrock = kit.bedrock();
    await expect(
      bedrock.send(new GetModelImportJobCommand({ jobIdentifier: 'nope' })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
    const arn =
      'arn:aws:bedrock:us-east-1:123456789012:imported-model/abcdefabcdef';
    const error = await bedrock
      .send(new GetImportedModelCommand({ modelIdentifier: arn }))
      .catch(e => e);
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect(error.$metadata.httpStatusCode).toBe(404);
    await expect(
      bedrock.send(new DeleteImportedModelCommand({ modelIdentifier: arn })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);

    const s3Uri = kit.stage('artifacts', 'llama/', llama31_8bArtifacts());
    await bedrock.send(
      new CreateModelImportJobCommand(importInput('gone', s3Uri)),
    );
    await kit.advance(600);
    await bedrock.send(
      new DeleteImportedModelCommand({ modelIdentifier: 'gone' }),
    );
    await expect(
      bedrock.send(new GetImportedModelCommand({ modelIdentifier: 'gone' })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it('lists with filters, sort orders and nextToken pagination', async () => {
    const s3Uri = kit.stage('artifacts', 'llama/', llama31_8bArtifacts());
    const bedrock = kit.bedrock();
    for (const name of ['alpha', 'beta', 'gamma', 'delta', 'epsilon']) {
      await bedrock.send(
        new CreateModelImportJobCommand(importInput(name, s3Uri)),
      );
      await kit.advance(1);
    }
    await kit.advance(600);
    await bedrock.send(
      new CreateModelImportJobCommand(
        importInput('zeta', 's3://artifacts/empty/'),
      ),
    );

    const names = [];
    for await (const page of paginateListModelImportJobs(
      { client: bedrock, pageSize: 2 },
      {},
    )) {
      expect(page.modelImportJobSummaries!.length).toBeLessThanOrEqual(2);
      names.push(
        ...page.modelImportJobSummaries!.map(j => j.importedModelName),
      );
    }
    expect(names).toEqual([
      'zeta',
      'epsilon',
      'delta',
      'gamma',
      'beta',
      'alpha',
    ]);

    const ascending = await bedrock.send(
      new ListModelImportJobsCommand({
        sortOrder: 'Ascending',
        statusEquals: 'Completed',
        nameContains: 'a',
      }),
    );
    expect(ascending.modelImportJobSummaries!.map(j => j.jobName)).toEqual([
      'alpha-job',
      'beta-job',
      'gamma-job',
      'delta-job',
    ]);
    const inProgress = await bedrock.send(
      new ListModelImportJobsCommand({ statusEquals: 'InProgress' }),
    );
    expect(inProgress.modelImportJobSummaries!.map(j => j.jobName)).toEqual([
      'zeta-job',
    ]);

    const models = [];
    for await (const page of paginateListImportedModels(
      { client: bedrock, pageSize: 3 },
      { sortOrder: 'Ascending' },
    )) {
      models.push(...page.modelSummaries!.map(m => m.modelName));
    }
    expect(models).toEqual(['alpha', 'beta', 'gamma', 'delta', 'epsilon']);

    const first = await bedrock.send(
      new ListImportedModelsCommand({ maxResults: 2 }),
    );
    const after = await bedrock.send(
      new ListImportedModelsCommand({
        creationTimeAfter: new Date(Date.now() + 24 * 3600_000),
      }),
    );
    expect(after.modelSummaries).toEqual([]);
    await expect(
      bedrock.send(
        new ListImportedModelsCommand({
          nextToken: first.nextToken,
          nameContains: 'x',
        }),
      ),
    ).rejects.toBeInstanceOf(ValidationException);
    await expect(
      bedrock.send(new ListImportedModelsCommand({ nextToken: 'garbage' })),
    ).rejects.toBeInstanceOf(ValidationException);
    await expect(
      bedrock.send(new ListImportedModelsCommand({ maxResults: 1001 })),
    ).rejects.toBeInstanceOf(ValidationException);
  });

  it('tags and untags resources, refusing unknown ARNs and more than 200 tags', async () => {
    const s3Uri = kit.stage('artifacts', 'llama/', llama31_8bArtifacts());
    const bedrock = kit.bedrock();
    const { jobArn } = await bedrock.send(
      new CreateModelImportJobCommand(importInput('tagged', s3Uri)),
    );
    await bedrock.send(
      new TagResourceCommand({
        resourceARN: jobArn,
        tags: [
          { key: 'a', value: '1' },
          { key: 'b', value: '2' },
        ],
      }),
    );
    await bedrock.send(
      new UntagResourceCommand({ resourceARN: jobArn, tagKeys: ['a'] }),
    );
    expect(
      (
        await bedrock.send(
          new ListTagsForResourceCommand({ resourceARN: jobArn }),
        )
      ).tags,
    ).toEqual([{ key: 'b', value: '2' }]);

    const unknown =
      'arn:aws:bedrock:us-east-1:123456789012:imported-model/zzzzzzzzzzzz';
    await expect(
      bedrock.send(new TagResourceCommand({ resourceARN: unknown, tags: [] })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
    const many = (start: number) =>
      Array.from({ length: 150 }, (_, i) => ({
        key: `k${start + i}`,
        value: 'v',
      }));
    await bedrock.send(
      new TagResourceCommand({ resourceARN: jobArn, tags: many(0) }),
    );
    const tooMany = await bedrock
      .send(new TagResourceCommand({ resourceARN: jobArn, tags: many(150) }))
      .catch(e => e);
    expect(tooMany).toBeInstanceOf(TooManyTagsException);
    expect(tooMany.resourceName).toBe(jobArn);
    // Refused before anything was stored: still the 151 tags from before.
    expect(
      (
        await bedrock.send(
          new ListTagsForResourceCommand({ resourceARN: jobArn }),
        )
      ).tags,
    ).toHaveLength(151);
    // Overwriting keys the resource already has does not count twice.
    await expect(
      bedrock.send(
        new TagResourceCommand({
          resourceARN: jobArn,
          tags: [...many(0), ...many(100).slice(0, 49)],
        }),
      ),
    ).resolves.toBeDefined();
  });

  it('reports an alias given as importedModelKmsKeyId as a key ARN (unverified: the fake key id derives from the alias)', async () => {
    const s3Uri = kit.stage('artifacts', 'llama/', llama31_8bArtifacts());
    const bedrock = kit.bedrock();
    const keyArn =
      /^arn:aws:kms:us-east-1:123456789012:key\/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/;
    const { jobArn } = await bedrock.send(
      new CreateModelImportJobCommand(
        importInput('aliased', s3Uri, {
          importedModelKmsKeyId: 'alias/model-weights',
        }),
      ),
    );
    const { jobArn: byArn } = await bedrock.send(
      new CreateModelImportJobCommand(
        importInput('alias-arn', s3Uri, {
          importedModelKmsKeyId:
            'arn:aws:kms:us-east-1:123456789012:alias/model-weights',
        }),
      ),
    );
    await kit.advance(600);
    const job = await bedrock.send(
      new GetModelImportJobCommand({ jobIdentifier: jobArn }),
    );
    expect(job.importedModelKmsKeyArn).toMatch(keyArn);
    const model = await bedrock.send(
      new GetImportedModelCommand({ modelIdentifier: 'aliased' }),
    );
    expect(model.modelKmsKeyArn).toBe(job.importedModelKmsKeyArn);
    // The alias and its ARN name the same key.
    expect(
      (
        await bedrock.send(
          new GetModelImportJobCommand({ jobIdentifier: byArn }),
        )
      ).importedModelKmsKeyArn,
    ).toBe(job.importedModelKmsKeyArn);

    const keyId = '1234abcd-12ab-34cd-56ef-1234567890ab';
    const { jobArn: byKeyId } = await bedrock.send(
      new CreateModelImportJobCommand(
        importInput('key-id', s3Uri, { importedModelKmsKeyId: keyId }),
      ),
    );
    expect(
      (
        await bedrock.send(
          new GetModelImportJobCommand({ jobIdentifier: byKeyId }),
        )
      ).importedModelKmsKeyArn,
    ).toBe(`arn:aws:kms:us-east-1:123456789012:key/${keyId}`);
  });

  it('refuses malformed identifiers, ARNs and nameContains with ValidationException, as the service model patterns say', async () => {
    const bedrock = kit.bedrock();
    const refused = async (send: Promise<unknown>, member: string) => {
      const error = (await send.catch(e => e)) as ValidationException;
      expect(error).toBeInstanceOf(ValidationException);
      expect(error.$metadata.httpStatusCode).toBe(400);
      expect(error.message).toContain(`at '${member}' failed to satisfy`);
    };
    await refused(
      bedrock.send(new GetModelImportJobCommand({ jobIdentifier: 'bad name' })),
      'jobIdentifier',
    );
    await refused(
      bedrock.send(
        new GetModelImportJobCommand({
          jobIdentifier:
            'arn:aws:bedrock:us-east-1:123456789012:imported-model/abcdefabcdef',
        }),
      ),
      'jobIdentifier',
    );
    await refused(
      bedrock.send(new GetImportedModelCommand({ modelIdentifier: 'a.b' })),
      'modelIdentifier',
    );
    await refused(
      bedrock.send(
        new DeleteImportedModelCommand({
          modelIdentifier:
            'arn:aws:bedrock:us-east-1:123456789012:imported-model/ABC',
        }),
      ),
      'modelIdentifier',
    );
    await refused(
      bedrock.send(new ListModelImportJobsCommand({ nameContains: 'a b' })),
      'nameContains',
    );
    await refused(
      bedrock.send(new ListImportedModelsCommand({ nameContains: 'x.y' })),
      'nameContains',
    );
    await refused(
      bedrock.send(
        new ListTagsForResourceCommand({
          resourceARN: 'arn:aws:s3:::some-bucket/some-key',
        }),
      ),
      'resourceARN',
    );
    // Well-formed identifiers that name nothing are still 404.
    await expect(
      bedrock.send(
        new GetModelImportJobCommand({ jobIdentifier: 'no-such.job' }),
      ),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it('keeps state per account and Region, with both in the ARNs', async () => {
    const s3Uri = kit.stage('artifacts', 'llama/', llama31_8bArtifacts());
    const other = kit.bedrock('us-west-2', '210987654321');
    const { jobArn } = await other.send(
      new CreateModelImportJobCommand(importInput('elsewhere', s3Uri)),
    );
    expect(jobArn).toMatch(
      /^arn:aws:bedrock:us-west-2:210987654321:model-import-job\/[a-z0-9]{12}$/,
    );
    expect(
      (await kit.bedrock().send(new ListModelImportJobsCommand({})))
        .modelImportJobSummaries,
    ).toEqual([]);
    expect(
      (await kit.bedrock('us-west-2').send(new ListModelImportJobsCommand({})))
        .modelImportJobSummaries,
    ).toEqual([]);
    expect(
      (await other.send(new ListModelImportJobsCommand({})))
        .modelImportJobSummaries,
    ).toHaveLength(1);
  });

  it('answers injected throttling as ThrottlingException, which the SDK retries', async () => {
    await kit.setFaults([
      { service: 'bedrock', operation: 'ListImportedModels', throttleRate: 1 },
    ]);
    const error = await kit
      .bedrock()
      .send(new ListImportedModelsCommand({}))
      .catch(e => e);
    expect(error).toBeInstanceOf(ThrottlingException);
    expect(error.$metadata.httpStatusCode).toBe(429);

    await kit.setFaults([
      { service: 'bedrock', throttleRate: 0.3, errorRate: 0.1 },
    ]);
    const retrying = kit.bedrock('us-east-1', 'test', 10);
    for (let i = 0; i < 5; i++) {
      await expect(
        retrying.send(new ListImportedModelsCommand({})),
      ).resolves.toBeDefined();
    }
  }, 60_000);
});

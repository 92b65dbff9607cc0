import {
  AddTagsToResourceCommand,
  DeleteParameterCommand,
  DeleteParametersCommand,
  GetParameterCommand,
  GetParameterHistoryCommand,
  GetParametersByPathCommand,
  GetParametersCommand,
  HierarchyLevelLimitExceededException,
  HierarchyTypeMismatchException,
  InvalidAllowedPatternException,
  InvalidNextToken,
  InvalidResourceId,
  InvalidResourceType,
  ListTagsForResourceCommand,
  paginateGetParameterHistory,
  ParameterAlreadyExists,
  ParameterNotFound,
  ParameterPatternMismatchException,
  ParameterVersionNotFound,
  PutParameterCommand,
  RemoveTagsFromResourceCommand,
  SSMClient,
  SSMServiceException,
  ThrottlingException,
  TooManyTagsError,
  ValidationException,
  InternalServerError,
} from '@aws-sdk/client-ssm';
import { RunningEmulator, startEmulator } from '../../startEmulator';

const ACCOUNT = '123456789012';
const OTHER_ACCOUNT = '210987654321';

describe('SSM Parameter Store through the real SSMClient', () => {
  let emulator: RunningEmulator;
  let ssm: SSMClient;

  const client = (region = 'us-east-1', accessKeyId = 'test') =>
    new SSMClient({
      endpoint: emulator.endpoint,
      region,
      credentials: { accessKeyId, secretAccessKey: 'test' },
      maxAttempts: 1,
    });

  const put = (input: ConstructorParameters<typeof PutParameterCommand>[0]) =>
    ssm.send(new PutParameterCommand(input));

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    ssm = client();
  });

  afterAll(async () => {
    ssm.destroy();
    await emulator.close();
  });

  describe('PutParameter and GetParameter', () => {
    it('creates version 1 and reads it back with a Date, an ARN and the data type', async () => {
      const before = Date.now();
      const created = await put({
        Name: '/portal/db/host',
        Value: 'db.internal',
        Type: 'String',
      });
      expect(created).toMatchObject({ Version: 1, Tier: 'Standard' });
      const { Parameter } = await ssm.send(
        new GetParameterCommand({ Name: '/portal/db/host' }),
      );
      expect(Parameter).toMatchObject({
        Name: '/portal/db/host',
        Type: 'String',
        Value: 'db.internal',
        Version: 1,
        ARN: `arn:aws:ssm:us-east-1:${ACCOUNT}:parameter/portal/db/host`,
        DataType: 'text',
      });
      expect(Parameter?.LastModifiedDate).toBeInstanceOf(Date);
      expect(Parameter!.LastModifiedDate!.getTime()).toBeGreaterThanOrEqual(
        before - 1000,
      );
    });

    it('names a parameter without hierarchy in its ARN as is', async () => {
      await put({ Name: 'plain-name', Value: 'a,b,c', Type: 'StringList' });
      const { Parameter } = await ssm.send(
        new GetParameterCommand({ Name: 'plain-name' }),
      );
      expect(Parameter?.ARN).toBe(
        `arn:aws:ssm:us-east-1:${ACCOUNT}:parameter/plain-name`,
      );
      expect(Parameter?.Type).toBe('StringList');
    });

    it('refuses to overwrite without Overwrite and bumps the version with it', async () => {
      await expect(
        put({ Name: '/portal/db/host', Value: 'other', Type: 'String' }),
      ).rejects.toBeInstanceOf(ParameterAlreadyExists);
      const second = await put({
        Name: '/portal/db/host',
        Value: 'db2.internal',
        Overwrite: true,
      });
      expect(second.Version).toBe(2);
      const third = await put({
        Name: '/portal/db/host',
        Value: 'db3.internal',
        Type: 'String',
        Description: 'primary database host',
        Overwrite: true,
      });
      expect(third.Version).toBe(3);
      const { Parameter } = await ssm.send(
        new GetParameterCommand({ Name: '/portal/db/host' }),
      );
      expect(Parameter).toMatchObject({ Value: 'db3.internal', Version: 3 });
    });

    it('reads an older version through a name:version selector', async () => {
      const { Parameter } = await ssm.send(
        new GetParameterCommand({ Name: '/portal/db/host:1' }),
      );
      expect(Parameter).toMatchObject({
        Value: 'db.internal',
        Version: 1,
        Selector: ':1',
      });
      await expect(
        ssm.send(new GetParameterCommand({ Name: '/portal/db/host:9' })),
      ).rejects.toBeInstanceOf(ParameterVersionNotFound);
      await expect(
        ssm.send(new GetParameterCommand({ Name: '/portal/db/host:release' })),
      ).rejects.toBeInstanceOf(ParameterVersionNotFound);
    });

    it('answers ParameterNotFound for a missing name', async () => {
      const error = await ssm
        .send(new GetParameterCommand({ Name: '/portal/none' }))
        .catch(e => e);
      expect(error).toBeInstanceOf(ParameterNotFound);
      expect(error.message).toBe('Parameter /portal/none not found.');
      expect(error.$metadata.httpStatusCode).toBe(400);
    });

    it('requires a Type when creating', async () => {
      const error = await put({ Name: '/portal/untyped', Value: 'v' }).catch(
        e => e,
      );
      expect(error).toBeInstanceOf(ValidationException);
      expect(error.message).toBe(
        'A parameter type is required when you create a parameter.',
      );
    });

    it('refuses Tags together with Overwrite', async () => {
      const error = await put({
        Name: '/portal/tagged-overwrite',
        Value: 'v',
        Type: 'String',
        Overwrite: true,
        Tags: [{ Key: 'team', Value: 'platform' }],
      }).catch(e => e);
      expect(error).toBeInstanceOf(ValidationException);
      expect(error.message).toContain(
        "tags and overwrite can't be used together",
      );
    });

    it.each([
      ['a name with a space', 'has space'],
      ['a name with a forbidden character', '/portal/db#1'],
      ['the reserved prefix aws', 'aws-thing'],
      ['the reserved prefix ssm under a slash', '/SSM/thing'],
      ['an empty level', '/portal//x'],
      ['a path without the leading slash', 'portal/x'],
      ['a name over 2048 characters', `/${'n'.repeat(2048)}`],
    ])('refuses %s with ValidationException', async (_, name) => {
      await expect(
        put({ Name: name, Value: 'v', Type: 'String' }),
      ).rejects.toBeInstanceOf(ValidationException);
    });

    it('allows 15 hierarchy levels and refuses 16', async () => {
      const levels = (n: number) =>
        `/${Array.from({ length: n }, (_, i) => `l${i + 1}`).join('/')}`;
      await put({ Name: levels(15), Value: 'deep', Type: 'String' });
      await expect(
        put({ Name: levels(16), Value: 'deeper', Type: 'String' }),
      ).rejects.toBeInstanceOf(HierarchyLevelLimitExceededException);
    });

    it('limits values to 4096 characters in the Standard tier and 8192 in the Advanced tier', async () => {
      const error = await put({
        Name: '/portal/big',
        Value: 'x'.repeat(4097),
        Type: 'String',
      }).catch(e => e);
      expect(error).toBeInstanceOf(ValidationException);
      expect(error.message).toBe(
        "1 validation error detected: Value at 'value' failed to satisfy constraint: Member must have length less than or equal to 4096",
      );
      const advanced = await put({
        Name: '/portal/big',
        Value: 'x'.repeat(8192),
        Type: 'String',
        Tier: 'Advanced',
      });
      expect(advanced.Tier).toBe('Advanced');
      await expect(
        put({
          Name: '/portal/big',
          Value: 'small',
          Overwrite: true,
          Tier: 'Standard',
        }),
      ).rejects.toBeInstanceOf(ValidationException);
      const intelligent = await put({
        Name: '/portal/auto',
        Value: 'x'.repeat(5000),
        Type: 'String',
        Tier: 'Intelligent-Tiering',
      });
      expect(intelligent.Tier).toBe('Advanced');
      await expect(
        put({ Name: '/portal/empty', Value: '', Type: 'String' }),
      ).rejects.toBeInstanceOf(ValidationException);
    });

    it('refuses an unknown Type or DataType and a type change in a hierarchy', async () => {
      await expect(
        put({ Name: '/portal/typed', Value: 'v', Type: 'Number' as never }),
      ).rejects.toBeInstanceOf(ValidationException);
      await expect(
        put({
          Name: '/portal/typed',
          Value: 'v',
          Type: 'String',
          DataType: 'Text',
        }),
      ).rejects.toBeInstanceOf(ValidationException);
      await put({
        Name: '/portal/ami',
        Value: 'ami-0123456789abcdef0',
        Type: 'String',
        DataType: 'aws:ec2:image',
      });
      await expect(
        put({
          Name: '/portal/ami-bad',
          Value: 'not-an-ami',
          Type: 'String',
          DataType: 'aws:ec2:image',
        }),
      ).rejects.toBeInstanceOf(ValidationException);
      await expect(
        put({
          Name: '/portal/db/host',
          Value: 'v',
          Type: 'SecureString',
          Overwrite: true,
        }),
      ).rejects.toBeInstanceOf(HierarchyTypeMismatchException);
    });

    it('enforces AllowedPattern on the value and on later versions', async () => {
      await put({
        Name: '/portal/port',
        Value: '5432',
        Type: 'String',
        AllowedPattern: '\\d+',
      });
      await expect(
        put({ Name: '/portal/port', Value: '54a', Overwrite: true }),
      ).rejects.toBeInstanceOf(ParameterPatternMismatchException);
      await expect(
        put({
          Name: '/portal/pattern',
          Value: 'v',
          Type: 'String',
          AllowedPattern: '(',
        }),
      ).rejects.toBeInstanceOf(InvalidAllowedPatternException);
    });

    it('hides SecureString values without WithDecryption and reveals them with it', async () => {
      await put({
        Name: '/portal/db/password',
        Value: 's3cr3t!',
        Type: 'SecureString',
      });
      const hidden = await ssm.send(
        new GetParameterCommand({ Name: '/portal/db/password' }),
      );
      expect(hidden.Parameter?.Type).toBe('SecureString');
      expect(hidden.Parameter?.Value).toMatch(/^AQICAH[A-Za-z0-9+/]+=*$/);
      expect(hidden.Parameter?.Value).not.toContain('s3cr3t');
      const shown = await ssm.send(
        new GetParameterCommand({
          Name: '/portal/db/password',
          WithDecryption: true,
        }),
      );
      expect(shown.Parameter?.Value).toBe('s3cr3t!');
      await expect(
        put({
          Name: '/portal/keyed',
          Value: 'v',
          Type: 'String',
          KeyId: 'alias/custom',
        }),
      ).rejects.toBeInstanceOf(ValidationException);
    });

    it('refuses parameter ARNs and malformed selectors with a clear message', async () => {
      const error = await ssm
        .send(
          new GetParameterCommand({
            Name: `arn:aws:ssm:us-east-1:${ACCOUNT}:parameter/portal/db/host`,
          }),
        )
        .catch(e => e);
      expect(error).toBeInstanceOf(ValidationException);
      expect(error.message).toContain('pass the parameter name');
      await expect(
        ssm.send(new GetParameterCommand({ Name: '/portal/db/host:1:2' })),
      ).rejects.toBeInstanceOf(ValidationException);
    });
  });

  describe('GetParameters', () => {
    it('returns the found parameters and lists the others as invalid', async () => {
      const result = await ssm.send(
        new GetParametersCommand({
          Names: [
            '/portal/db/host',
            '/portal/db/password',
            '/portal/none',
            '/portal/db/host:2',
            '/portal/db/host:7',
          ],
          WithDecryption: true,
        }),
      );
      expect(result.Parameters?.map(p => [p.Name, p.Value, p.Version])).toEqual(
        [
          ['/portal/db/host', 'db3.internal', 3],
          ['/portal/db/password', 's3cr3t!', 1],
          ['/portal/db/host', 'db2.internal', 2],
        ],
      );
      expect(result.Parameters?.[0].LastModifiedDate).toBeInstanceOf(Date);
      expect(result.InvalidParameters).toEqual([
        '/portal/none',
        '/portal/db/host:7',
      ]);
    });

    it('takes between 1 and 10 names', async () => {
      await expect(
        ssm.send(new GetParametersCommand({ Names: [] })),
      ).rejects.toBeInstanceOf(ValidationException);
      const eleven = Array.from({ length: 11 }, (_, i) => `/n${i}`);
      const error = await ssm
        .send(new GetParametersCommand({ Names: eleven }))
        .catch(e => e);
      expect(error).toBeInstanceOf(ValidationException);
      expect(error.message).toMatch(
        /at 'names' failed to satisfy constraint: Member must have length less than or equal to 10$/,
      );
    });
  });

  describe('GetParameterHistory', () => {
    it('lists every version oldest first, with the user derived from the access key', async () => {
      const { Parameters, NextToken } = await ssm.send(
        new GetParameterHistoryCommand({ Name: '/portal/db/host' }),
      );
      expect(NextToken).toBeUndefined();
      expect(Parameters?.map(p => [p.Version, p.Value])).toEqual([
        [1, 'db.internal'],
        [2, 'db2.internal'],
        [3, 'db3.internal'],
      ]);
      const latest = Parameters![2];
      expect(latest).toMatchObject({
        Name: '/portal/db/host',
        Type: 'String',
        Description: 'primary database host',
        LastModifiedUser: `arn:aws:iam::${ACCOUNT}:user/test`,
        Labels: [],
        Tier: 'Standard',
        DataType: 'text',
      });
      expect(latest.LastModifiedDate).toBeInstanceOf(Date);
      expect(Parameters![0].Description).toBeUndefined();
    });

    it('pages with MaxResults and NextToken, also through the paginator', async () => {
      for (let i = 0; i < 4; i++) {
        await put({
          Name: '/portal/counter',
          Value: String(i),
          Type: 'String',
          Overwrite: true,
        });
      }
      const first = await ssm.send(
        new GetParameterHistoryCommand({
          Name: '/portal/counter',
          MaxResults: 3,
        }),
      );
      expect(first.Parameters?.map(p => p.Version)).toEqual([1, 2, 3]);
      expect(first.NextToken).toBeDefined();
      const second = await ssm.send(
        new GetParameterHistoryCommand({
          Name: '/portal/counter',
          MaxResults: 3,
          NextToken: first.NextToken,
        }),
      );
      expect(second.Parameters?.map(p => p.Version)).toEqual([4]);
      expect(second.NextToken).toBeUndefined();
      const versions: number[] = [];
      for await (const page of paginateGetParameterHistory(
        { client: ssm, pageSize: 1 },
        { Name: '/portal/counter' },
      )) {
        versions.push(...(page.Parameters ?? []).map(p => p.Version!));
      }
      expect(versions).toEqual([1, 2, 3, 4]);
    });

    it('shows SecureString history as ciphertext unless WithDecryption', async () => {
      const hidden = await ssm.send(
        new GetParameterHistoryCommand({ Name: '/portal/db/password' }),
      );
      expect(hidden.Parameters?.[0].Value).not.toBe('s3cr3t!');
      expect(hidden.Parameters?.[0].KeyId).toBe('alias/aws/ssm');
      const shown = await ssm.send(
        new GetParameterHistoryCommand({
          Name: '/portal/db/password',
          WithDecryption: true,
        }),
      );
      expect(shown.Parameters?.[0].Value).toBe('s3cr3t!');
    });

    it('refuses a bad NextToken, a MaxResults out of range and a missing name', async () => {
      await expect(
        ssm.send(
          new GetParameterHistoryCommand({
            Name: '/portal/counter',
            NextToken: 'bogus',
          }),
        ),
      ).rejects.toBeInstanceOf(InvalidNextToken);
      const tooMany = await ssm
        .send(
          new GetParameterHistoryCommand({
            Name: '/portal/counter',
            MaxResults: 51,
          }),
        )
        .catch(e => e);
      expect(tooMany).toBeInstanceOf(ValidationException);
      expect(tooMany.message).toBe(
        "1 validation error detected: Value '51' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 50",
      );
      await expect(
        ssm.send(
          new GetParameterHistoryCommand({
            Name: '/portal/counter',
            MaxResults: 0,
          }),
        ),
      ).rejects.toBeInstanceOf(ValidationException);
      await expect(
        ssm.send(new GetParameterHistoryCommand({ Name: '/portal/none' })),
      ).rejects.toBeInstanceOf(ParameterNotFound);
    });
  });

  describe('DeleteParameter', () => {
    it('deletes a parameter, after which the name starts again at version 1', async () => {
      await put({ Name: '/portal/temp', Value: 'a', Type: 'String' });
      await put({ Name: '/portal/temp', Value: 'b', Overwrite: true });
      expect(
        await ssm.send(new DeleteParameterCommand({ Name: '/portal/temp' })),
      ).toMatchObject({});
      await expect(
        ssm.send(new GetParameterCommand({ Name: '/portal/temp' })),
      ).rejects.toBeInstanceOf(ParameterNotFound);
      const recreated = await put({
        Name: '/portal/temp',
        Value: 'c',
        Type: 'String',
      });
      expect(recreated.Version).toBe(1);
    });

    it('answers ParameterNotFound for a missing name', async () => {
      await expect(
        ssm.send(new DeleteParameterCommand({ Name: '/portal/never' })),
      ).rejects.toBeInstanceOf(ParameterNotFound);
    });

    it('deletes several with DeleteParameters, reporting the missing ones', async () => {
      await put({ Name: '/portal/bulk/a', Value: 'a', Type: 'String' });
      const result = await ssm.send(
        new DeleteParametersCommand({
          Names: ['/portal/bulk/a', '/portal/bulk/missing'],
        }),
      );
      expect(result.DeletedParameters).toEqual(['/portal/bulk/a']);
      expect(result.InvalidParameters).toEqual(['/portal/bulk/missing']);
    });
  });

  describe('tags', () => {
    const resource = {
      ResourceType: 'Parameter' as const,
      ResourceId: '/portal/tagged',
    };

    it('stores tags given at creation and lets them be added, replaced and removed', async () => {
      await put({
        Name: '/portal/tagged',
        Value: 'v',
        Type: 'String',
        Tags: [{ Key: 'team', Value: 'platform' }],
      });
      expect(
        (await ssm.send(new ListTagsForResourceCommand(resource))).TagList,
      ).toEqual([{ Key: 'team', Value: 'platform' }]);
      await ssm.send(
        new AddTagsToResourceCommand({
          ...resource,
          Tags: [
            { Key: 'team', Value: 'ml' },
            { Key: 'env', Value: 'dev' },
          ],
        }),
      );
      await ssm.send(
        new RemoveTagsFromResourceCommand({
          ...resource,
          TagKeys: ['env', 'absent'],
        }),
      );
      expect(
        (await ssm.send(new ListTagsForResourceCommand(resource))).TagList,
      ).toEqual([{ Key: 'team', Value: 'ml' }]);
    });

    it('refuses unknown parameters, other resource types, bad keys and too many tags', async () => {
      await expect(
        ssm.send(
          new ListTagsForResourceCommand({
            ResourceType: 'Parameter',
            ResourceId: '/portal/none',
          }),
        ),
      ).rejects.toBeInstanceOf(InvalidResourceId);
      await expect(
        ssm.send(
          new ListTagsForResourceCommand({
            ResourceType: 'Document',
            ResourceId: 'doc',
          }),
        ),
      ).rejects.toBeInstanceOf(InvalidResourceType);
      await expect(
        ssm.send(
          new AddTagsToResourceCommand({
            ...resource,
            Tags: [{ Key: 'bad*key', Value: 'v' }],
          }),
        ),
      ).rejects.toBeInstanceOf(ValidationException);
      const many = Array.from({ length: 50 }, (_, i) => ({
        Key: `k${i}`,
        Value: 'v',
      }));
      await expect(
        ssm.send(new AddTagsToResourceCommand({ ...resource, Tags: many })),
      ).rejects.toBeInstanceOf(TooManyTagsError);
    });
  });

  describe('isolation', () => {
    it('keeps parameters per Region', async () => {
      const west = client('us-west-2');
      await west.send(
        new PutParameterCommand({
          Name: '/portal/db/host',
          Value: 'west-db',
          Type: 'String',
        }),
      );
      const fromWest = await west.send(
        new GetParameterCommand({ Name: '/portal/db/host' }),
      );
      expect(fromWest.Parameter).toMatchObject({
        Value: 'west-db',
        Version: 1,
        ARN: `arn:aws:ssm:us-west-2:${ACCOUNT}:parameter/portal/db/host`,
      });
      const fromEast = await ssm.send(
        new GetParameterCommand({ Name: '/portal/db/host' }),
      );
      expect(fromEast.Parameter?.Value).toBe('db3.internal');
      await expect(
        west.send(new GetParameterCommand({ Name: '/portal/db/password' })),
      ).rejects.toBeInstanceOf(ParameterNotFound);
      west.destroy();
    });

    it('keeps parameters per account, named by a 12-digit access key id', async () => {
      const other = client('us-east-1', OTHER_ACCOUNT);
      await expect(
        other.send(new GetParameterCommand({ Name: '/portal/db/host' })),
      ).rejects.toBeInstanceOf(ParameterNotFound);
      await other.send(
        new PutParameterCommand({
          Name: '/portal/db/host',
          Value: 'theirs',
          Type: 'String',
        }),
      );
      const { Parameter } = await other.send(
        new GetParameterCommand({ Name: '/portal/db/host' }),
      );
      expect(Parameter?.ARN).toBe(
        `arn:aws:ssm:us-east-1:${OTHER_ACCOUNT}:parameter/portal/db/host`,
      );
      const history = await other.send(
        new GetParameterHistoryCommand({ Name: '/portal/db/host' }),
      );
      expect(history.Parameters?.[0].LastModifiedUser).toBe(
        `arn:aws:iam::${OTHER_ACCOUNT}:user/${OTHER_ACCOUNT}`,
      );
      other.destroy();
    });
  });

  describe('protocol', () => {
    it('answers operations it does not implement with UnknownOperationException', async () => {
      const error = await ssm
        .send(new GetParametersByPathCommand({ Path: '/portal' }))
        .catch(e => e);
      expect(error).toBeInstanceOf(SSMServiceException);
      expect(error.name).toBe('UnknownOperationException');
      expect(error.message).toContain('GetParametersByPath');
    });

    it('refuses a body that is not a JSON object', async () => {
      for (const body of ['null', '[1]', '{not json']) {
        const res = await fetch(emulator.endpoint, {
          method: 'POST',
          body,
          headers: {
            'content-type': 'application/x-amz-json-1.1',
            'x-amz-target': 'AmazonSSM.GetParameter',
            // The emulator reads the credential scope and does not verify signatures.
            authorization:
              'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/ssm/aws4_request, SignedHeaders=host, Signature=0',
          },
        });
        expect(res.status).toBe(400);
        expect(res.headers.get('x-amzn-errortype')).toBe(
          'SerializationException',
        );
      }
    });
  });

  describe('faults', () => {
    const setFaults = (rules: unknown[]) =>
      fetch(`${emulator.endpoint}/_emulator/faults`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(rules),
      });

    afterEach(async () => {
      await fetch(`${emulator.endpoint}/_emulator/faults`, {
        method: 'DELETE',
      });
    });

    it('throttles with ThrottlingException', async () => {
      const res = await setFaults([{ service: 'ssm', throttleRate: 1 }]);
      expect(res.status).toBe(200);
      const error = await ssm
        .send(new GetParameterCommand({ Name: '/portal/db/host' }))
        .catch(e => e);
      expect(error).toBeInstanceOf(ThrottlingException);
      expect(error.message).toBe('Rate exceeded');
      expect(error.$metadata.httpStatusCode).toBe(400);
    });

    it('answers injected server errors as InternalServerError and ServiceUnavailable', async () => {
      await setFaults([
        { service: 'ssm', operation: 'PutParameter', errorRate: 1 },
      ]);
      await expect(
        put({ Name: '/portal/faulty', Value: 'v', Type: 'String' }),
      ).rejects.toBeInstanceOf(InternalServerError);
      await setFaults([{ service: 'ssm', errorRate: 1, errorStatus: 503 }]);
      const unavailable = await ssm
        .send(new GetParameterCommand({ Name: '/portal/db/host' }))
        .catch(e => e);
      expect(unavailable).toBeInstanceOf(SSMServiceException);
      expect(unavailable.name).toBe('ServiceUnavailable');
      expect(unavailable.$metadata.httpStatusCode).toBe(503);
    });
  });
});

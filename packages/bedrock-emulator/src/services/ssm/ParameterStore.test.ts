import { AwsError } from '../../core/AwsError';
import { ParameterStore, PutParameterRequest, SsmData } from './ParameterStore';

const USER = 'arn:aws:iam::123456789012:user/test';

function setup() {
  const data: SsmData = { parameters: {} };
  let now = 1_767_322_800_000;
  const store = new ParameterStore(data, () => now);
  const put = (request: Omit<PutParameterRequest, 'user'>) =>
    store.put({ user: USER, ...request });
  return { data, store, put, tick: (ms: number) => (now += ms) };
}

function typeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return (error as AwsError).type;
  }
  return undefined;
}

describe('ParameterStore', () => {
  it('keeps every version with its own timestamp, type, user and description', () => {
    const { store, put, tick } = setup();
    put({ name: '/a', value: '1', type: 'String', description: 'first' });
    tick(1500);
    put({ name: '/a', value: '2', overwrite: true });
    const history = store.history('/a');
    expect(history.map(v => [v.version, v.value, v.description])).toEqual([
      [1, '1', 'first'],
      [2, '2', 'first'],
    ]);
    expect(history[1].lastModified - history[0].lastModified).toBe(1500);
    expect(history[1]).toMatchObject({
      type: 'String',
      tier: 'Standard',
      dataType: 'text',
      labels: [],
    });
    expect(history[1].lastModifiedUser).toBe(USER);
  });

  it('stores only JSON-compatible data', () => {
    const { data, put } = setup();
    put({
      name: '/a',
      value: 'v',
      type: 'SecureString',
      tags: [{ Key: 'k', Value: 'v' }],
    });
    expect(JSON.parse(JSON.stringify(data))).toEqual(data);
    expect(data.parameters['/a'].versions[0].keyId).toBe('alias/aws/ssm');
  });

  it('keeps the latest 100 versions', () => {
    const { store, put } = setup();
    put({ name: 'n', value: '1', type: 'String' });
    for (let i = 2; i <= 105; i++)
      put({ name: 'n', value: String(i), overwrite: true });
    const history = store.history('n');
    expect(history).toHaveLength(100);
    expect(history[0].version).toBe(6);
    expect(store.get({ name: 'n' }).version.version).toBe(105);
    expect(typeOf(() => store.get({ name: 'n', selector: '5' }))).toBe(
      'ParameterVersionNotFound',
    );
  });

  it('resolves selectors and reports what is missing', () => {
    const { store, put } = setup();
    put({ name: 'n', value: 'a', type: 'String' });
    put({ name: 'n', value: 'b', overwrite: true });
    expect(store.get({ name: 'n', selector: '1' }).version.value).toBe('a');
    expect(store.get({ name: 'n', selector: '1' }).selector).toBe('1');
    expect(typeOf(() => store.get({ name: 'n', selector: 'prod' }))).toBe(
      'ParameterVersionNotFound',
    );
    expect(typeOf(() => store.get({ name: 'missing' }))).toBe(
      'ParameterNotFound',
    );
    expect(store.find({ name: 'missing' })).toBeUndefined();
  });

  it('allows a type change outside a hierarchy and refuses it inside one', () => {
    const { put } = setup();
    put({ name: 'flat', value: 'v', type: 'String' });
    expect(
      put({ name: 'flat', value: 'v', type: 'SecureString', overwrite: true })
        .version,
    ).toBe(2);
    put({ name: '/deep', value: 'v', type: 'String' });
    expect(
      typeOf(() =>
        put({ name: '/deep', value: 'v', type: 'StringList', overwrite: true }),
      ),
    ).toBe('HierarchyTypeMismatchException');
  });

  it('resolves Intelligent-Tiering by value size and never downgrades', () => {
    const { put } = setup();
    expect(
      put({
        name: 'small',
        value: 'x',
        type: 'String',
        tier: 'Intelligent-Tiering',
      }).tier,
    ).toBe('Standard');
    expect(
      put({
        name: 'big',
        value: 'x'.repeat(4097),
        type: 'String',
        tier: 'Intelligent-Tiering',
      }).tier,
    ).toBe('Advanced');
    expect(
      put({
        name: 'big',
        value: 'x',
        overwrite: true,
        tier: 'Intelligent-Tiering',
      }).tier,
    ).toBe('Advanced');
    expect(put({ name: 'big', value: 'x', overwrite: true }).tier).toBe(
      'Advanced',
    );
    expect(
      typeOf(() =>
        put({ name: 'big', value: 'x', overwrite: true, tier: 'Standard' }),
      ),
    ).toBe('ValidationException');
  });

  it('does not echo a value in its validation message', () => {
    const { put } = setup();
    expect(() =>
      put({ name: 'secret', value: 'p'.repeat(4097), type: 'SecureString' }),
    ).toThrow(
      "1 validation error detected: Value at 'value' failed to satisfy constraint: Member must have length less than or equal to 4096",
    );
  });

  it('keeps an AllowedPattern for later versions and matches the whole value', () => {
    const { put } = setup();
    put({ name: 'port', value: '80', type: 'String', allowedPattern: '\\d+' });
    expect(
      typeOf(() => put({ name: 'port', value: '80a', overwrite: true })),
    ).toBe('ParameterPatternMismatchException');
    expect(put({ name: 'port', value: '8080', overwrite: true }).version).toBe(
      2,
    );
  });

  it('refuses a KeyId for anything but a SecureString and keeps a given one', () => {
    const { store, put } = setup();
    expect(
      typeOf(() =>
        put({ name: 'k', value: 'v', type: 'String', keyId: 'alias/x' }),
      ),
    ).toBe('ValidationException');
    put({ name: 'k', value: 'v', type: 'SecureString', keyId: 'alias/x' });
    put({ name: 'k', value: 'w', overwrite: true });
    expect(store.history('k').map(v => v.keyId)).toEqual([
      'alias/x',
      'alias/x',
    ]);
  });

  it('deletes, after which the name starts over', () => {
    const { store, put } = setup();
    put({ name: 'n', value: 'a', type: 'String' });
    put({ name: 'n', value: 'b', overwrite: true });
    store.delete('n');
    expect(store.has('n')).toBe(false);
    expect(put({ name: 'n', value: 'c', type: 'String' }).version).toBe(1);
    expect(typeOf(() => store.delete('gone'))).toBe('ParameterNotFound');
  });

  it('adds, replaces and removes tags', () => {
    const { store, put } = setup();
    const missing = () => new AwsError('InvalidResourceId', 400, 'x');
    put({
      name: 'n',
      value: 'a',
      type: 'String',
      tags: [{ Key: 'a', Value: '1' }],
    });
    store.addTags(
      'n',
      [
        { Key: 'a', Value: '2' },
        { Key: 'b', Value: '3' },
      ],
      missing,
    );
    store.removeTags('n', ['b', 'absent'], missing);
    expect(store.tags('n', missing)).toEqual([{ Key: 'a', Value: '2' }]);
    expect(typeOf(() => store.tags('gone', missing))).toBe('InvalidResourceId');
  });
});

import fs from 'node:fs';
import path from 'node:path';

/*
 * Keeps docs/iam/portal-role-policy.json honest. The AWS calls come from the code (every
 * `new <Name>Command(` and `paginate<Name>(` in src/, with the @aws-sdk client package each is
 * imported from), never from a hand-kept list, so a new call cannot slip past the policy:
 * - every call must map to IAM actions this file knows (an unknown one fails, named);
 * - the policy must grant each action on the kind of resource AWS authorizes it against (`*` only where
 *   the Service Authorization Reference documents no resource type), with the conditions we promise;
 * - the policy must grant nothing the code does not need (or say here why it does);
 * - docs/aws-setup.md must list exactly these calls.
 */

const PLUGIN_ROOT = path.resolve(__dirname, '../..');
const REPO_ROOT = path.resolve(PLUGIN_ROOT, '../..');
const POLICY_FILE = 'docs/iam/portal-role-policy.json';
const SETUP_DOC = 'docs/aws-setup.md';
const TABLE_BEGIN =
  '<!-- aws-calls:begin (generated: plugins/bedrock-models-backend/src/aws/portalPolicyCovers.test.ts) -->';
const TABLE_END = '<!-- aws-calls:end -->';

/** What one AWS operation needs, and what the portal uses it for (docs/aws-setup.md). */
type Operation = { actions: string[]; why: string };

/**
 * SDK client package -> operation -> the IAM actions AWS authorizes it with. Sources: the Service
 * Authorization Reference (action per operation), the Bedrock API reference for the runtime (Converse
 * "requires permission for the bedrock:InvokeModel action", ConverseStream for
 * bedrock:InvokeModelWithResponseStream), the S3 user guide (ListObjectsV2 is s3:ListBucket), and
 * IAM's rule that passing a role (CreateModelImportJob's roleArn) needs iam:PassRole.
 */
const OPERATIONS: Record<string, Record<string, Operation>> = {
  '@aws-sdk/client-bedrock': {
    CreateModelImportJob: {
      actions: ['bedrock:CreateModelImportJob', 'iam:PassRole'],
      why: 'Starts an import of validated artifacts (idempotency token, portal tags); passes the import role to Bedrock.',
    },
    GetModelImportJob: {
      actions: ['bedrock:GetModelImportJob'],
      why: 'The import tracker follows each open job to Completed or Failed.',
    },
    ListModelImportJobs: {
      actions: ['bedrock:ListModelImportJobs'],
      why: 'Discovery finds imports in progress, including ones started outside the portal.',
    },
    GetImportedModel: {
      actions: ['bedrock:GetImportedModel'],
      why: 'Reads a new model once (architecture, CMUs per copy, Converse support); models are immutable.',
    },
    ListImportedModels: {
      actions: ['bedrock:ListImportedModels'],
      why: 'Discovery walks every account and Region for models imported outside the portal or deleted.',
    },
    DeleteImportedModel: {
      actions: ['bedrock:DeleteImportedModel'],
      why: 'Retiring a version deletes its imported model.',
    },
    ListTagsForResource: {
      actions: ['bedrock:ListTagsForResource'],
      why: "Discovery reads a found model's owner and classification tags.",
    },
    TagResource: {
      actions: ['bedrock:TagResource'],
      why: 'Tags a model or job after it exists.',
    },
    UntagResource: {
      actions: ['bedrock:UntagResource'],
      why: 'Removes tags from a model or job.',
    },
  },
  '@aws-sdk/client-bedrock-runtime': {
    InvokeModel: {
      actions: ['bedrock:InvokeModel'],
      why: 'Models without Converse: the warm-up call to a new version (timing its cold start) and evaluation prompts.',
    },
    Converse: {
      actions: ['bedrock:InvokeModel'],
      why: 'Models with Converse: the warm-up call to a new version and evaluation prompts (authorized as bedrock:InvokeModel).',
    },
    InvokeModelWithResponseStream: {
      actions: ['bedrock:InvokeModelWithResponseStream'],
      why: 'Streams a completion.',
    },
    ConverseStream: {
      actions: ['bedrock:InvokeModelWithResponseStream'],
      why: 'Streams a conversation turn.',
    },
  },
  '@aws-sdk/client-s3': {
    ListObjectsV2: {
      actions: ['s3:ListBucket'],
      why: 'Validation lists the artifact folder (file names and sizes) before an import.',
    },
    GetObject: {
      actions: ['s3:GetObject'],
      why: 'Validation reads config.json and tokenizer_config.json (small; bigger files are refused unread).',
    },
  },
  '@aws-sdk/client-ssm': {
    PutParameter: {
      actions: ['ssm:PutParameter'],
      why: 'Publishes the ARN an alias points to, where callers read it (`<prefix>/<model>/<alias>`).',
    },
    GetParameter: {
      actions: ['ssm:GetParameter'],
      why: 'The reconciler compares what callers read with the registry and repairs drift.',
    },
    DeleteParameter: {
      actions: ['ssm:DeleteParameter'],
      why: 'Removes a published pointer.',
    },
  },
  '@aws-sdk/client-cloudwatch': {
    GetMetricData: {
      actions: ['cloudwatch:GetMetricData'],
      why: 'Cost: AWS/Bedrock ModelCopy (copies loaded) per model and 5-minute window.',
    },
  },
  '@aws-sdk/client-service-quotas': {
    GetServiceQuota: {
      actions: ['servicequotas:GetServiceQuota'],
      why: 'Applied limits of the import quotas (imported models, concurrent import jobs), cached an hour.',
    },
    GetAWSDefaultServiceQuota: {
      actions: ['servicequotas:GetAWSDefaultServiceQuota'],
      why: 'The default limit when the account never changed a quota (GetServiceQuota answers NoSuchResource).',
    },
  },
};

const ANY = '*';
const IMPORTED_MODEL = /^arn:aws:bedrock:[^:]+:[^:]+:imported-model\/\*$/;
const IMPORT_JOB = /^arn:aws:bedrock:[^:]+:[^:]+:model-import-job\/\*$/;
const IMPORTED_MODEL_OR_JOB =
  /^arn:aws:bedrock:[^:]+:[^:]+:(?:imported-model|model-import-job)\/\*$/;
const SSM_UNDER_A_PREFIX = /^arn:aws:ssm:[^:]+:[^:]+:parameter\/[^*]+\/\*$/;

/**
 * How each action must be granted: on `*` only where the Service Authorization Reference lists no
 * resource type (CreateModelImportJob, ListImportedModels, ListModelImportJobs,
 * GetAWSDefaultServiceQuota; GetMetricData lists only OTLP datasets, and AWS/Bedrock metrics have no
 * ARN), otherwise on ARNs of the documented type, never on `*`.
 */
const GRANTS: Record<
  string,
  { resource: typeof ANY | RegExp; condition?: [key: string, value?: string] }
> = {
  'bedrock:CreateModelImportJob': { resource: ANY },
  'bedrock:ListImportedModels': { resource: ANY },
  'bedrock:ListModelImportJobs': { resource: ANY },
  'bedrock:GetModelImportJob': { resource: IMPORT_JOB },
  'bedrock:GetImportedModel': { resource: IMPORTED_MODEL },
  'bedrock:DeleteImportedModel': { resource: IMPORTED_MODEL },
  // The portal lists the tags of imported models only.
  'bedrock:ListTagsForResource': { resource: IMPORTED_MODEL },
  // Tags go on at creation, on the job and on the model (jobTags, importedModelTags).
  'bedrock:TagResource': { resource: IMPORTED_MODEL_OR_JOB },
  'bedrock:UntagResource': { resource: IMPORTED_MODEL_OR_JOB },
  'bedrock:InvokeModel': { resource: IMPORTED_MODEL },
  'bedrock:InvokeModelWithResponseStream': { resource: IMPORTED_MODEL },
  'iam:PassRole': {
    resource: /^arn:aws:iam::[^:]+:role\/[^*]+$/,
    condition: ['iam:PassedToService', 'bedrock.amazonaws.com'],
  },
  'ssm:PutParameter': { resource: SSM_UNDER_A_PREFIX },
  'ssm:GetParameter': { resource: SSM_UNDER_A_PREFIX },
  'ssm:DeleteParameter': { resource: SSM_UNDER_A_PREFIX },
  'cloudwatch:GetMetricData': { resource: ANY },
  'servicequotas:GetServiceQuota': {
    resource: /^arn:aws:servicequotas:[^:]+:[^:]+:bedrock\/.+$/,
  },
  'servicequotas:GetAWSDefaultServiceQuota': { resource: ANY },
  's3:ListBucket': {
    resource: /^arn:aws:s3:::[^/*]+$/,
    condition: ['s3:prefix'],
  },
  's3:GetObject': { resource: /^arn:aws:s3:::[^/*]+\/[^*]+\*$/ },
};

/** Actions the policy grants without a command needing them, and why. Keep this list short. */
const GRANTED_WITHOUT_A_COMMAND: Record<string, string> = {
  'bedrock:TagResource':
    'CreateModelImportJob sends jobTags and importedModelTags. The Service Authorization Reference lists no dependent action for it; whether Bedrock also checks TagResource on tag-on-create is unverified, so it is granted on the two resource types only.',
};

/** One AWS call the code can send. */
type SentCall = {
  pkg: string;
  operation: string;
  /** How the code sends it: `FooCommand` or `paginateFoo`. */
  via: string;
  file: string;
};

/** The source without comments (strings kept, so `'teams/*'` does not open a comment). */
function stripComments(text: string): string {
  let out = '';
  let quote: string | undefined;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    const next = text[i + 1];
    if (quote) {
      out += c;
      if (c === '\\') {
        out += next ?? '';
        i += 2;
        continue;
      }
      if (c === quote) quote = undefined;
      i += 1;
    } else if (c === '/' && next === '/') {
      while (i < text.length && text[i] !== '\n') i += 1;
    } else if (c === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
    } else {
      if (c === "'" || c === '"' || c === '`') quote = c;
      out += c;
      i += 1;
    }
  }
  return out;
}

const escape = (name: string) => name.replace(/\$/g, '\\$');

/**
 * Every AWS call one source file can send, and what the scan cannot vouch for (a command of unknown
 * origin, an aggregated client whose methods hide their commands, a waiter, a require).
 */
function scanSource(
  file: string,
  source: string,
): { calls: SentCall[]; problems: string[] } {
  const text = stripComments(source);
  const calls: SentCall[] = [];
  const problems: string[] = [];
  /** Local name -> [package, exported name] of value imports from @aws-sdk. */
  const imported = new Map<string, [string, string]>();
  const namespaces = new Map<string, string>();

  for (const m of text.matchAll(
    /import\s+(type\s+)?\{([^}]*)\}\s*from\s*['"](@aws-sdk\/[^'"]+)['"]/g,
  )) {
    if (m[1]) continue;
    for (const raw of m[2].split(',')) {
      const spec = raw.trim();
      if (!spec || spec.startsWith('type ')) continue;
      const [exported, local] = spec.split(/\s+as\s+/).map(s => s.trim());
      imported.set(local ?? exported, [m[3], exported]);
    }
  }
  for (const m of text.matchAll(
    /import\s+\*\s+as\s+([\w$]+)\s+from\s*['"](@aws-sdk\/[^'"]+)['"]/g,
  )) {
    namespaces.set(m[1], m[2]);
  }
  for (const m of text.matchAll(
    /import\s+([\w$]+)\s*(?:,\s*\{[^}]*\})?\s*from\s*['"](@aws-sdk\/[^'"]+)['"]/g,
  )) {
    problems.push(
      `${file}: default import "${m[1]}" from ${m[2]}; import commands by name so the calls can be seen`,
    );
  }
  for (const m of text.matchAll(
    /(?:require|import)\s*\(\s*['"](@aws-sdk\/[^'"]+)['"]\s*\)/g,
  )) {
    problems.push(
      `${file}: ${m[1]} is loaded dynamically; import commands by name so the calls can be seen`,
    );
  }

  const classify = (pkg: string, exported: string) => {
    if (!pkg.startsWith('@aws-sdk/client-')) {
      problems.push(
        `${file}: ${exported} from ${pkg} sends AWS calls this check cannot see; add its operations to the check`,
      );
    } else if (exported.endsWith('Command')) {
      calls.push({
        pkg,
        operation: exported.slice(0, -'Command'.length),
        via: exported,
        file,
      });
    } else if (/^paginate[A-Z]/.test(exported)) {
      calls.push({
        pkg,
        operation: exported.slice('paginate'.length),
        via: exported,
        file,
      });
    } else if (/^wait(?:Until|For)[A-Z]/.test(exported)) {
      problems.push(
        `${file}: waiter ${exported} from ${pkg} polls operations this check does not map; map them`,
      );
    } else if (!exported.endsWith('Client')) {
      // An aggregated client (`new Bedrock()`): its methods send commands that no scan can see.
      problems.push(
        `${file}: ${exported} from ${pkg} is constructed or called; use its *Client with commands so the calls can be seen`,
      );
    }
  };

  for (const [local, [pkg, exported]] of imported) {
    const used = new RegExp(
      `(?:\\bnew\\s+${escape(local)}\\s*\\(|(?<![.\\w$])${escape(
        local,
      )}\\s*\\()`,
    ).test(text);
    if (used) classify(pkg, exported);
  }
  for (const [ns, pkg] of namespaces) {
    for (const m of text.matchAll(
      new RegExp(`(?<![.\\w$])${escape(ns)}\\.([\\w$]+)\\s*\\(`, 'g'),
    )) {
      classify(pkg, m[1]);
    }
  }
  // A command or paginator that does not come straight from an @aws-sdk import: its client is unknown.
  for (const m of text.matchAll(
    /(?:\bnew\s+([\w$]+Command)\s*\(|(?<![.\w$])(paginate[A-Z][\w$]*)\s*\()/g,
  )) {
    const name = m[1] ?? m[2];
    if (!imported.has(name)) {
      problems.push(
        `${file}: ${name} is not imported from an @aws-sdk client package, so its client (and IAM action) is unknown`,
      );
    }
  }
  const seen = new Set<string>();
  return {
    calls: calls.filter(c => {
      const key = `${c.pkg}|${c.via}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    }),
    problems,
  };
}

/** The backend's own source: src/**\/*.ts without tests and test utilities. */
function backendSources(): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== '__testUtils__') walk(full);
      } else if (
        /\.tsx?$/.test(entry.name) &&
        !/\.test\.tsx?$/.test(entry.name) &&
        entry.name !== 'setupTests.ts'
      ) {
        files.push(full);
      }
    }
  };
  walk(path.join(PLUGIN_ROOT, 'src'));
  return files.sort();
}

function scanBackend() {
  const calls: SentCall[] = [];
  const problems: string[] = [];
  for (const file of backendSources()) {
    const result = scanSource(
      path.relative(PLUGIN_ROOT, file),
      fs.readFileSync(file, 'utf8'),
    );
    calls.push(...result.calls);
    problems.push(...result.problems);
  }
  return { calls, problems };
}

const operationOf = (call: SentCall) => OPERATIONS[call.pkg]?.[call.operation];

type Statement = {
  Sid?: string;
  Effect: string;
  Action?: string | string[];
  NotAction?: unknown;
  Resource?: string | string[];
  NotResource?: unknown;
  Condition?: Record<string, Record<string, string | string[]>>;
};

const list = (value: string | string[] | undefined) =>
  value === undefined ? [] : ([] as string[]).concat(value);

function readPolicy(file: string): Statement[] {
  const policy = JSON.parse(
    fs.readFileSync(path.join(REPO_ROOT, file), 'utf8'),
  ) as { Version: string; Statement: Statement[] };
  expect(policy.Version).toBe('2012-10-17');
  return policy.Statement;
}

/** What is wrong with how the policy grants `action`, or undefined when it is granted as it must be. */
function grantProblem(
  statements: Statement[],
  action: string,
): string | undefined {
  const rule = GRANTS[action];
  if (!rule) {
    return `this check does not know how ${action} must be granted; add it to GRANTS with its resource type`;
  }
  const granting = statements.filter(
    s => s.Effect === 'Allow' && list(s.Action).includes(action),
  );
  if (granting.length === 0) return `${POLICY_FILE} does not grant ${action}`;
  for (const s of granting) {
    const resources = list(s.Resource);
    const label = s.Sid ?? JSON.stringify(list(s.Action));
    if (rule.resource === ANY) {
      if (!resources.includes(ANY)) {
        return `${action} has no resource type, so it needs "Resource": "*" (statement ${label})`;
      }
    } else {
      if (resources.includes(ANY)) {
        return `${action} is granted on "*" in statement ${label}; AWS documents a resource type for it, so name the ARNs`;
      }
      const pattern = rule.resource;
      const wrong = resources.filter(r => !pattern.test(r));
      if (resources.length === 0 || wrong.length > 0) {
        return `${action} is granted on ${JSON.stringify(
          resources,
        )} in statement ${label}, not on ARNs like ${pattern}`;
      }
    }
    if (rule.condition) {
      const [key, value] = rule.condition;
      const values = Object.values(s.Condition ?? {}).flatMap(operator =>
        Object.entries(operator)
          .filter(([k]) => k === key)
          .flatMap(([, v]) => list(v)),
      );
      if (values.length === 0 || (value && !values.every(v => v === value))) {
        return `statement ${label} grants ${action} without the condition ${key}${
          value ? ` = ${value}` : ''
        }`;
      }
    }
  }
  return undefined;
}

function callsTable(calls: SentCall[]): string[][] {
  const rows = new Map<string, { call: SentCall; files: Set<string> }>();
  for (const call of calls) {
    const key = `${call.pkg}|${call.operation}`;
    const row = rows.get(key) ?? { call, files: new Set<string>() };
    row.files.add(call.file);
    rows.set(key, row);
  }
  return [...rows.values()]
    .sort(
      (a, b) =>
        a.call.pkg.localeCompare(b.call.pkg) ||
        a.call.operation.localeCompare(b.call.operation),
    )
    .map(({ call, files }) => {
      // An unmapped call fails its own test; here it shows as such.
      const operation = operationOf(call) ?? {
        actions: ['(unmapped)'],
        why: '',
      };
      return [
        `\`${call.pkg}\``,
        call.via.startsWith('paginate')
          ? `${call.operation} (\`${call.via}\`)`
          : call.operation,
        operation.actions.map(a => `\`${a}\``).join(', '),
        [...files].map(f => `\`${f}\``).join(', '),
        operation.why,
      ];
    });
}

const HEADER = ['Client', 'Operation', 'IAM action', 'Sent from', 'Why'];

/** The rows of the markdown table between the markers (cells trimmed, so prettier's padding is fine). */
function documentedRows(doc: string): string[][] | undefined {
  const begin = doc.indexOf(TABLE_BEGIN);
  const end = doc.indexOf(TABLE_END);
  if (begin < 0 || end < begin) return undefined;
  return doc
    .slice(begin + TABLE_BEGIN.length, end)
    .split('\n')
    .map(line => line.trim())
    .filter(line => line.startsWith('|') && !/^\|[\s|:-]+\|$/.test(line))
    .map(line =>
      line
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map(cell => cell.trim()),
    );
}

const markdown = (rows: string[][]) =>
  [HEADER, HEADER.map(() => '---'), ...rows]
    .map(cells => `| ${cells.join(' | ')} |`)
    .join('\n');

describe('the portal role policy covers every AWS call the backend sends', () => {
  const { calls, problems } = scanBackend();

  it('finds the calls in the code and can vouch for every one of them', () => {
    expect(problems).toEqual([]);
    // The scan is not vacuous: the AWS layer's files are where the calls are.
    expect(calls.length).toBeGreaterThan(0);
    // Names with digits count too (ListObjectsV2Command), which a `[A-Za-z]+Command` scan would miss.
    expect(calls.map(c => c.via)).toContain('ListObjectsV2Command');
  });

  it('maps every call to IAM actions', () => {
    const unknown = calls
      .filter(call => !operationOf(call))
      .map(
        call =>
          `${call.via} (${call.pkg}, ${call.file}) has no IAM mapping: add it to OPERATIONS with the action AWS authorizes it with`,
      );
    expect(unknown).toEqual([]);
  });

  it(`has ${POLICY_FILE} grant each call's actions on the right resources`, () => {
    const statements = readPolicy(POLICY_FILE);
    const missing = calls.flatMap(call =>
      (operationOf(call)?.actions ?? []).flatMap(action => {
        const problem = grantProblem(statements, action);
        return problem
          ? [
              `${call.via} (${call.pkg}, ${call.file}) needs ${action}: ${problem}`,
            ]
          : [];
      }),
    );
    expect(missing).toEqual([]);
  });

  it(`has ${POLICY_FILE} grant nothing the code does not need`, () => {
    const statements = readPolicy(POLICY_FILE);
    const needed = new Set(
      calls.flatMap(call => operationOf(call)?.actions ?? []),
    );
    const extra = statements.flatMap(s => {
      if (s.NotAction || s.NotResource || s.Effect !== 'Allow') {
        return [
          `statement ${s.Sid}: only Allow with Action and Resource is checked here`,
        ];
      }
      return list(s.Action).flatMap(action => {
        if (action.includes('*')) {
          return [`statement ${s.Sid} grants ${action}: name each action`];
        }
        if (needed.has(action) || GRANTED_WITHOUT_A_COMMAND[action]) return [];
        return [
          `statement ${s.Sid} grants ${action}, which no call in the code needs: remove it, or say why in GRANTED_WITHOUT_A_COMMAND`,
        ];
      });
    });
    expect(extra).toEqual([]);
    for (const action of Object.keys(GRANTED_WITHOUT_A_COMMAND)) {
      expect(grantProblem(statements, action)).toBeUndefined();
    }
  });

  it(`lists every call in ${SETUP_DOC}`, () => {
    const doc = fs.readFileSync(path.join(REPO_ROOT, SETUP_DOC), 'utf8');
    const expected = [HEADER, ...callsTable(calls)];
    const rows = documentedRows(doc);
    if (JSON.stringify(rows) !== JSON.stringify(expected)) {
      // The message is the table to paste, which a diff of cell arrays would not give.
      throw new Error(
        `${SETUP_DOC} does not list the calls the code sends. Put this between its aws-calls markers, then run prettier:\n\n${markdown(
          expected.slice(1),
        )}\n`,
      );
    }
    expect(rows).toEqual(expected);
  });

  it('has well-formed policies in docs/iam', () => {
    const dir = path.join(REPO_ROOT, 'docs', 'iam');
    const files = fs.readdirSync(dir).filter(f => f.endsWith('.json'));
    expect(files).toContain(path.basename(POLICY_FILE));
    for (const file of files) {
      const statements = readPolicy(path.join('docs', 'iam', file));
      expect(statements.length).toBeGreaterThan(0);
    }
  });
});

describe('the call scan', () => {
  it('finds commands and paginators, aliased or through a namespace', () => {
    const { calls, problems } = scanSource(
      'x.ts',
      `import { GetObjectCommand as Get, S3Client } from '@aws-sdk/client-s3';
       import { paginateListImportedModels } from '@aws-sdk/client-bedrock';
       import * as ssm from '@aws-sdk/client-ssm';
       // new ListBucketsCommand( in a comment is not a call
       await s3.send(new Get({ Bucket: 'b', Key: 'k' }));
       for await (const page of paginateListImportedModels({ client }, {})) {}
       await client.send(new ssm.PutParameterCommand({}));`,
    );
    expect(problems).toEqual([]);
    expect(calls.map(c => `${c.pkg} ${c.operation}`).sort()).toEqual([
      '@aws-sdk/client-bedrock ListImportedModels',
      '@aws-sdk/client-s3 GetObject',
      '@aws-sdk/client-ssm PutParameter',
    ]);
  });

  it('names a command no mapping knows, so a new call cannot slip through', () => {
    const { calls } = scanSource(
      'y.ts',
      `import { PutItemCommand } from '@aws-sdk/client-dynamodb';
       await db.send(new PutItemCommand({}));`,
    );
    expect(calls).toHaveLength(1);
    expect(operationOf(calls[0])).toBeUndefined();
  });

  it('refuses what it cannot see into', () => {
    const { problems } = scanSource(
      'z.ts',
      `import { Bedrock } from '@aws-sdk/client-bedrock';
       import { Upload } from '@aws-sdk/lib-storage';
       import { DeleteThingCommand } from './somewhere';
       await new Bedrock({}).listImportedModels({});
       await new Upload({}).done();
       await client.send(new DeleteThingCommand({}));`,
    );
    expect(problems).toEqual([
      'z.ts: Bedrock from @aws-sdk/client-bedrock is constructed or called; use its *Client with commands so the calls can be seen',
      'z.ts: Upload from @aws-sdk/lib-storage sends AWS calls this check cannot see; add its operations to the check',
      'z.ts: DeleteThingCommand is not imported from an @aws-sdk client package, so its client (and IAM action) is unknown',
    ]);
  });
});

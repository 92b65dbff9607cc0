/* eslint-disable no-console */
// yarn smoke:aws: runs the portal's own AWS layer (src/aws) against a real account, so a new account, a
// changed policy or a new SDK can be checked in minutes. Opt-in and not part of CI: without its
// environment it says what is missing and exits 0. What it checks, and the policy it needs:
// docs/aws-setup.md ("Check the account: yarn smoke:aws").
import { DeleteParameterCommand } from '@aws-sdk/client-ssm';
import { ConfigReader } from '@backstage/config';
import {
  parseS3Uri,
  validateArtifacts,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { randomBytes } from 'node:crypto';
import { createAwsLayer } from '../src/aws/AwsLayer';

const USAGE = `yarn smoke:aws [--import] [--keep-model]

Required:  BEDROCK_SMOKE_ACCOUNT_ID   the account (12 digits)
           BEDROCK_SMOKE_REGION       a Region the portal manages there
           BEDROCK_SMOKE_BUCKET       the scratch (or artifact) bucket, in that Region
           BEDROCK_SMOKE_PREFIX       a folder in it holding one model's artifacts, e.g. teams/ml-platform/smoke/v1/
Optional:  BEDROCK_SMOKE_ROLE_NAME    role to assume in the account, as aws.accounts[].roleName (else the
                                      standard AWS credential chain is used as is)
           BEDROCK_SMOKE_EXTERNAL_ID  its external ID, as aws.accounts[].externalId
           BEDROCK_SMOKE_PROFILE      a named profile instead of the chain (not with a role)
           BEDROCK_SMOKE_SSM_PREFIX   scratch parameters go under it; default /bedrock-models-smoke
           BEDROCK_SMOKE_IMPORT_ROLE_ARN  the import role, needed by --import
           BEDROCK_SMOKE_IMPORT_TIMEOUT_MINUTES (default 60), BEDROCK_SMOKE_POLL_SECONDS (default 30)
           BEDROCK_SMOKE_ENDPOINT     local trial only: one endpoint for every service (the bedrock-emulator)
--import      also import the artifacts (a real, billed import), warm the model up once and delete it
--keep-model  with --import: keep the imported model`;

type Status = 'ok' | 'warn' | 'fail' | 'skip';
type StepResult = { status: Status; lines: string[] };

const env = (name: string) => process.env[name]?.trim() || undefined;

const symbol: Record<Status, string> = {
  ok: 'PASS',
  warn: 'WARN',
  fail: 'FAIL',
  skip: 'SKIP',
};

function describeError(error: unknown): string {
  const e = error as {
    name?: string;
    message?: string;
    $metadata?: { httpStatusCode?: number };
  };
  const status = e.$metadata?.httpStatusCode
    ? ` (HTTP ${e.$metadata.httpStatusCode})`
    : '';
  return `${e.name ?? 'Error'}${status}: ${e.message ?? String(error)}`;
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.includes('--help')) {
    console.log(USAGE);
    return 0;
  }
  const unknownArgs = args.filter(
    a => !['--import', '--keep-model'].includes(a),
  );
  if (unknownArgs.length > 0) {
    console.error(`Unknown argument ${unknownArgs.join(' ')}\n\n${USAGE}`);
    return 2;
  }
  const wantImport = args.includes('--import');

  const required = [
    'BEDROCK_SMOKE_ACCOUNT_ID',
    'BEDROCK_SMOKE_REGION',
    'BEDROCK_SMOKE_BUCKET',
    'BEDROCK_SMOKE_PREFIX',
  ];
  const missing = required.filter(name => !env(name));
  if (missing.length > 0) {
    console.log(
      `yarn smoke:aws: skipped, because ${missing.join(', ')} ${
        missing.length === 1 ? 'is' : 'are'
      } not set. It runs only against an account you name (docs/aws-setup.md, "Check the account").\n\n${USAGE}`,
    );
    return 0;
  }
  const accountId = env('BEDROCK_SMOKE_ACCOUNT_ID')!;
  const region = env('BEDROCK_SMOKE_REGION')!;
  const bucket = env('BEDROCK_SMOKE_BUCKET')!;
  const rawPrefix = env('BEDROCK_SMOKE_PREFIX')!.replace(/^\/+/, '');
  const prefix = rawPrefix.endsWith('/') ? rawPrefix : `${rawPrefix}/`;
  const endpoint = env('BEDROCK_SMOKE_ENDPOINT');
  const roleName = env('BEDROCK_SMOKE_ROLE_NAME');
  const externalId = env('BEDROCK_SMOKE_EXTERNAL_ID');
  const profile = env('BEDROCK_SMOKE_PROFILE');
  const ssmPrefix = (env('BEDROCK_SMOKE_SSM_PREFIX') ?? '/bedrock-models-smoke')
    .replace(/\/+$/, '')
    .replace(/^(?!\/)/, '/');
  if (!/^\d{12}$/.test(accountId)) {
    console.error(
      `BEDROCK_SMOKE_ACCOUNT_ID must be 12 digits, not "${accountId}".`,
    );
    return 2;
  }

  // The same credentials path as the portal: @backstage/integration-aws-node, configured as the
  // `aws.accounts` entry of app-config.production.yaml would be.
  const config = new ConfigReader({
    aws: {
      accounts: [
        {
          accountId,
          ...(roleName ? { roleName } : {}),
          ...(externalId ? { externalId } : {}),
          ...(profile ? { profile } : {}),
        },
      ],
    },
  });
  const layer = createAwsLayer(config, endpoint);
  const target = { accountId, region };

  let calls = new Map<string, number>();
  layer.clients.onCall(call => {
    const key = `${call.service} ${call.operation}`;
    calls.set(key, (calls.get(key) ?? 0) + 1);
  });

  console.log(
    `yarn smoke:aws: account ${accountId}, ${region}, s3://${bucket}/${prefix}`,
  );
  let credentials = 'the standard AWS credential chain';
  if (roleName) {
    credentials = `assume role ${roleName}${
      externalId ? ' (with external ID)' : ''
    } from the standard AWS credential chain`;
  } else if (profile) {
    credentials = `profile ${profile}`;
  }
  console.log(`  credentials: ${credentials}`);
  if (endpoint) {
    console.log(
      `  endpoint: ${endpoint} for every service (BEDROCK_SMOKE_ENDPOINT: a local trial, not AWS)`,
    );
  }
  console.log('');

  const results: Array<{ name: string; status: Status }> = [];
  const step = async (name: string, run: () => Promise<StepResult>) => {
    calls = new Map();
    const started = Date.now();
    let result: StepResult;
    try {
      result = await run();
    } catch (error) {
      result = { status: 'fail', lines: [describeError(error)] };
    }
    const sent = [...calls.entries()]
      .map(([op, n]) => (n > 1 ? `${op} x${n}` : op))
      .join(', ');
    console.log(
      `${symbol[result.status]}  ${name} (${Date.now() - started} ms)${
        sent ? `  [${sent}]` : ''
      }`,
    );
    for (const line of result.lines) console.log(`      ${line}`);
    results.push({ name, status: result.status });
    return result;
  };

  // 1. Artifacts: what the import's validation reads, checked with the portal's own rules.
  const s3Uri = `s3://${bucket}/${prefix}`;
  let artifactsValid = false;
  await step('S3: read and validate the artifacts', async () => {
    const parsed = parseS3Uri(s3Uri);
    if ('problem' in parsed) return { status: 'fail', lines: [parsed.problem] };
    const listing = await layer.artifacts.read(
      parsed.location,
      accountId,
      region,
    );
    const report = validateArtifacts({
      s3Uri,
      region,
      classification: 'internal',
      listing,
      dataResidency: {},
    });
    const d = report.detected;
    const detected = [
      `${d.fileCount} files`,
      `${(d.weightBytes / 1e9).toFixed(2)} GB of weights`,
    ];
    if (d.architecture) {
      detected.push(`${d.architecture} (${d.family ?? 'unknown family'})`);
    }
    if (d.cmuEstimate) detected.push(`about ${d.cmuEstimate} CMUs per copy`);
    if (d.converseSupported !== undefined) {
      detected.push(d.converseSupported ? 'Converse' : 'InvokeModel only');
    }
    const lines = [
      ...(listing.listError ? [] : [detected.join(', ')]),
      ...report.errors.map(p => `error ${p.code}: ${p.message}`),
      // Quota headroom has a step of its own below.
      ...report.warnings
        .filter(p => p.code !== 'quotas-unknown')
        .map(p => `warning ${p.code}: ${p.message}`),
    ];
    artifactsValid = report.valid;
    // Not being able to read the folder is the layer (or the policy) failing; anything else is what
    // the portal would tell a user about their artifacts.
    const unreadable = report.errors.some(p =>
      ['artifacts-unreadable', 'no-artifacts', 'unreadable-config'].includes(
        p.code,
      ),
    );
    let status: Status = report.valid ? 'ok' : 'warn';
    if (unreadable) status = 'fail';
    return { status, lines };
  });

  // 2. Bedrock control plane, read-only: what discovery and the import tracker do.
  let modelArns: string[] = [];
  await step('Bedrock: list and read imported models', async () => {
    const models = await layer.bedrock.listImportedModels(target);
    modelArns = models.map(m => m.modelArn!).filter(Boolean);
    const lines = [
      `${models.length} imported model(s)${
        models.length
          ? `: ${models
              .slice(0, 5)
              .map(m => m.modelName)
              .join(', ')}${models.length > 5 ? ', ...' : ''}`
          : ''
      }`,
    ];
    if (modelArns.length > 0) {
      const facts = await layer.bedrock.getImportedModel(target, modelArns[0]);
      const tags = await layer.bedrock.listTags(target, modelArns[0]);
      lines.push(
        `${facts.modelName}: ${facts.architecture ?? 'architecture unknown'}, ${
          facts.cmusPerCopy ?? '?'
        } CMUs per copy, ${Object.keys(tags).length} tag(s)`,
      );
    }
    return { status: 'ok', lines };
  });

  await step('Bedrock: list and read import jobs', async () => {
    const jobs = await layer.bedrock.listImportJobs(target);
    const byStatus = new Map<string, number>();
    for (const job of jobs) {
      byStatus.set(
        job.status ?? '?',
        (byStatus.get(job.status ?? '?') ?? 0) + 1,
      );
    }
    const lines = [
      `${jobs.length} import job(s)${
        jobs.length
          ? ` (${[...byStatus].map(([s, n]) => `${n} ${s}`).join(', ')})`
          : ''
      }`,
    ];
    if (jobs[0]?.jobArn) {
      const job = await layer.bedrock.getImportJob(target, jobs[0].jobArn);
      lines.push(`${jobs[0].jobName}: ${job.status}`);
    }
    return { status: 'ok', lines };
  });

  // 3. Quotas and metrics: what the cost and quota pages read.
  await step('Service Quotas: Custom Model Import limits', async () => {
    const limits = await layer.quotas.limits(accountId, region);
    return {
      status: limits.problem ? 'fail' : 'ok',
      lines: [
        `imported models per Region: ${
          limits.importedModels ?? 'unread'
        }, concurrent import jobs: ${limits.concurrentImportJobs ?? 'unread'}`,
        ...(limits.problem ? [limits.problem] : []),
      ],
    };
  });

  await step('CloudWatch: ModelCopy over the last 24 hours', async () => {
    const to = new Date();
    const from = new Date(to.getTime() - 24 * 60 * 60 * 1000);
    // With no model yet, ask about one that does not exist: the call (and its permission) still runs.
    const arns = modelArns.length
      ? modelArns.slice(0, 5)
      : [`arn:aws:bedrock:${region}:${accountId}:imported-model/smoke0000000`];
    const samples = await layer.metrics.copies(target, arns, from, to);
    const lines = [...samples].map(([arn, points]) => {
      const most = Math.max(0, ...points.map(p => p.copies));
      return `${arn.split('/').pop()}: ${
        points.length
      } five-minute window(s) with a copy loaded, at most ${most}`;
    });
    return { status: 'ok', lines };
  });

  // 4. SSM: the pointer write and read the publisher and reconciler make, on a scratch name.
  await step(`SSM: write, read and delete ${ssmPrefix}/...`, async () => {
    const name = `${ssmPrefix}/${randomBytes(6).toString('hex')}/production`;
    const value = `arn:aws:bedrock:${region}:${accountId}:imported-model/smoke${randomBytes(
      4,
    ).toString('hex')}`;
    const lines = [name];
    let status: Status = 'ok';
    try {
      await layer.ssm.put(target, name, value);
      const read = await layer.ssm.get(target, name);
      if (read !== value) {
        status = 'fail';
        lines.push(`read back ${JSON.stringify(read)}, wrote ${value}`);
      }
    } finally {
      // The layer has no delete (the portal never deletes a pointer): the smoke uses the layer's own
      // SSM client, so the same credentials and endpoint clean up.
      const ssm = await layer.clients.ssm(accountId, region);
      await ssm.send(new DeleteParameterCommand({ Name: name }));
    }
    if ((await layer.ssm.get(target, name)) !== undefined) {
      status = 'fail';
      lines.push('still there after DeleteParameter');
    } else {
      lines.push('deleted');
    }
    return { status, lines };
  });

  // 5. Import: only when asked, because it is billed (storage, and a warm-up call) and its job name
  // stays used in the account for ever (there is no DeleteModelImportJob).
  if (!wantImport) {
    await step(
      'Bedrock: import (run with --import to include it)',
      async () => ({
        status: 'skip',
        lines: [],
      }),
    );
  } else {
    await step('Bedrock: import, warm up, delete', async () => {
      const roleArn = env('BEDROCK_SMOKE_IMPORT_ROLE_ARN');
      if (!roleArn) {
        return {
          status: 'fail',
          lines: ['--import needs BEDROCK_SMOKE_IMPORT_ROLE_ARN'],
        };
      }
      if (!artifactsValid) {
        return {
          status: 'fail',
          lines: ['the artifacts did not validate (above); nothing imported'],
        };
      }
      const stamp = `${new Date()
        .toISOString()
        .replace(/\D/g, '')
        .slice(0, 14)}-${randomBytes(3).toString('hex')}`;
      const jobName = `bedrock-models-smoke-${stamp}`;
      const jobArn = await layer.bedrock.createImportJob(target, {
        jobName,
        importedModelName: `bedrock-models-smoke-${stamp}`,
        roleArn,
        s3Uri,
        tags: { 'bedrock-models.io/smoke': 'true' },
        clientRequestToken: `smoke-${stamp}`,
      });
      const lines = [`job ${jobName}: ${jobArn}`];
      const timeoutMs =
        Number(env('BEDROCK_SMOKE_IMPORT_TIMEOUT_MINUTES') ?? 60) * 60_000;
      const pollMs = Number(env('BEDROCK_SMOKE_POLL_SECONDS') ?? 30) * 1000;
      const started = Date.now();
      let job = await layer.bedrock.getImportJob(target, jobArn);
      while (job.status === 'InProgress' && Date.now() - started < timeoutMs) {
        await sleep(pollMs);
        job = await layer.bedrock.getImportJob(target, jobArn);
      }
      lines.push(
        `${job.status} after ${Math.round((Date.now() - started) / 1000)} s${
          job.failureMessage ? `: ${job.failureMessage}` : ''
        }`,
      );
      if (job.status !== 'Completed' || !job.importedModelArn) {
        return { status: 'fail', lines };
      }
      const facts = await layer.bedrock.getImportedModel(
        target,
        job.importedModelArn,
      );
      lines.push(
        `${facts.modelArn}: ${facts.architecture}, ${facts.cmusPerCopy} CMUs per copy`,
      );
      const millis = await layer.bedrock.warmUp(
        target,
        facts.modelArn,
        Boolean(facts.instructSupported),
      );
      lines.push(
        `warm-up (${
          facts.instructSupported ? 'Converse' : 'InvokeModel'
        }): ${millis} ms`,
      );
      if (args.includes('--keep-model')) {
        lines.push(
          'kept (--keep-model): delete it when done, it is billed for storage',
        );
      } else {
        await layer.bedrock.deleteImportedModel(target, facts.modelArn);
        lines.push(
          'imported model deleted; the job record stays (AWS has no DeleteModelImportJob)',
        );
      }
      return { status: 'ok', lines };
    });
  }

  const count = (status: Status) =>
    results.filter(r => r.status === status).length;
  console.log(
    `\n${count('ok')} passed, ${count('warn')} warning(s), ${count(
      'fail',
    )} failed, ${count('skip')} skipped`,
  );
  return count('fail') > 0 ? 1 : 0;
}

main().then(
  code => process.exit(code),
  error => {
    console.error(error);
    process.exit(1);
  },
);

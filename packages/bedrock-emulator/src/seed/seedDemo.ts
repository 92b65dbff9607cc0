import { EmulatorContext } from '../core/EmulatorService';
import { scaledMs } from '../core/EmulatorOptions';
import { recordMetric } from '../core/metricsStore';
import { BedrockStore } from '../services/bedrock/BedrockStore';
import { modelRuntime } from '../services/bedrockRuntime/runtimeState';
import { S3Store } from '../services/s3/S3Store';
import {
  brokenArtifacts,
  llama31_8bArtifacts,
  mistral7bArtifacts,
  qwen25_7bArtifacts,
  stageArtifacts,
} from './artifactSets';

const DAY = 24 * 3600_000;
const WINDOW = 5 * 60_000;

/** Tag keys the portal writes on what it imports (and reads when it discovers models). */
export const PORTAL_TAGS = {
  model: 'bedrock-models.io/model',
  version: 'bedrock-models.io/version',
  owner: 'bedrock-models.io/owner',
  classification: 'bedrock-models.io/classification',
  managedBy: 'bedrock-models.io/managed-by',
};

function portalTags(
  model: string,
  version: number,
  owner: string,
  classification: string,
) {
  return [
    { key: PORTAL_TAGS.model, value: model },
    { key: PORTAL_TAGS.version, value: String(version) },
    { key: PORTAL_TAGS.owner, value: owner },
    { key: PORTAL_TAGS.classification, value: classification },
    { key: PORTAL_TAGS.managedBy, value: 'bedrock-models-portal' },
  ];
}

// Deterministic pseudo-random numbers, so every demo start shows the same month.
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Records a month of traffic for one model, per 5-minute window: weekday business hours
 * (08:00-18:00 UTC) busy, nights and weekends mostly idle, as an internal assistant would be.
 *
 * ModelCopy follows the runtime's billing: a copy is loaded from a window with calls until it has
 * been idle for the idle time, and reported for every window it is loaded, idle or not; the busiest
 * windows bring up a second copy, which stays until it idles out too. A copy still loaded at the end
 * is handed to the runtime, so the live emulator goes on billing it. A few throttles and errors
 * come with the calls.
 */
function recordTraffic(
  context: EmulatorContext,
  target: { accountId: string; region: string; modelArn: string },
  period: { from: number; to: number },
  load: { peakPerWindow: number; seed: number },
) {
  const next = random(load.seed);
  const nextError = random(load.seed + 1000);
  const idleMs = scaledMs(
    context.options,
    context.options.coldStartIdleSeconds,
  );
  // Per copy: the start of its loaded spell and its last window with calls.
  const copies: Array<{ since?: number; lastUse?: number }> = [{}, {}];
  const metric = (metricName: string, t: number, value: number) =>
    recordMetric(context, {
      accountId: target.accountId,
      region: target.region,
      namespace: 'AWS/Bedrock',
      metricName,
      dimensions: { ModelId: target.modelArn },
      timestampMs: t,
      value,
    });
  const loadedAt = (t: number) =>
    copies.filter(c => c.lastUse !== undefined && t - c.lastUse < idleMs);
  const first = Math.ceil(period.from / WINDOW) * WINDOW;
  let last = first;
  for (let t = first; t < period.to; t += WINDOW) {
    last = t;
    for (const copy of copies) {
      if (copy.lastUse !== undefined && t - copy.lastUse >= idleMs) {
        copy.since = undefined;
        copy.lastUse = undefined;
      }
    }
    const date = new Date(t);
    const weekday = date.getUTCDay() >= 1 && date.getUTCDay() <= 5;
    const busy = weekday && date.getUTCHours() >= 8 && date.getUTCHours() < 18;
    const chance = busy ? 0.95 : 0.04;
    if (next() <= chance) {
      const invocations = Math.max(
        1,
        Math.round(load.peakPerWindow * (busy ? 0.5 + next() / 2 : 0.1)),
      );
      const inputTokens = invocations * Math.round(300 + next() * 500);
      const outputTokens = invocations * Math.round(80 + next() * 200);
      const heavy = busy && invocations > load.peakPerWindow * 0.8;
      for (const copy of heavy ? copies : copies.slice(0, 1)) {
        copy.since ??= t;
        copy.lastUse = t;
      }
      metric('Invocations', t, invocations);
      metric('InvocationLatency', t, Math.round(250 + next() * 900));
      metric('InputTokenCount', t, inputTokens);
      metric('OutputTokenCount', t, outputTokens);
      if (heavy && nextError() < 0.3) {
        metric('InvocationThrottles', t, 1 + Math.floor(nextError() * 3));
      }
      if (nextError() < 0.02) metric('InvocationClientErrors', t, 1);
      if (nextError() < 0.005) metric('InvocationServerErrors', t, 1);
    }
    const loaded = loadedAt(t).length;
    if (loaded > 0) metric('ModelCopy', t, loaded);
  }
  const runtime = modelRuntime(
    context,
    target.accountId,
    target.region,
    target.modelArn,
  );
  loadedAt(period.to).forEach((copy, id) => {
    runtime.copies.push({
      id,
      loadedAt: copy.since!,
      lastUsedAt: copy.lastUse!,
      billedFrom: copy.since!,
      nextWindowAt: last + WINDOW,
    });
    runtime.nextCopyId = id + 1;
  });
}

/**
 * The demo data `--seed demo` starts with: artifact sets for Llama, Mistral and Qwen (and a broken
 * one) in S3, imported models in us-east-1, us-west-2 and eu-central-1 (one not tagged by the
 * portal, as if imported by hand), a failed import, and a month of invocation metrics.
 */
export function seedDemo(context: EmulatorContext): void {
  const now = context.clock.now();
  const accountId = context.options.defaultAccountId;
  const roleArn = `arn:aws:iam::${accountId}:role/BedrockModelImport`;
  const s3 = new S3Store(context.state);

  const buckets = {
    'us-east-1': 'demo-model-artifacts',
    'eu-central-1': 'demo-model-artifacts-eu',
    'us-west-2': 'demo-model-artifacts-usw2',
  };
  for (const [region, bucket] of Object.entries(buckets)) {
    s3.createBucket(bucket, accountId, region, now - 60 * DAY);
  }
  const stage = (
    bucket: string,
    prefix: string,
    set: ReturnType<typeof llama31_8bArtifacts>,
  ) => {
    stageArtifacts(s3, bucket, prefix, set, now - 50 * DAY);
    return `s3://${bucket}/${prefix}`;
  };
  const uris = {
    summarizerV1: stage(
      buckets['us-east-1'],
      'support-summarizer/v1/',
      llama31_8bArtifacts(),
    ),
    summarizerV2: stage(
      buckets['us-east-1'],
      'support-summarizer/v2/',
      llama31_8bArtifacts(),
    ),
    summarizerV3: stage(
      buckets['us-east-1'],
      'support-summarizer/v3/',
      llama31_8bArtifacts(),
    ),
    contractClassifier: stage(
      buckets['us-east-1'],
      'contract-classifier/v1/',
      mistral7bArtifacts(),
    ),
    broken: stage(
      buckets['us-east-1'],
      'broken/missing-tokenizer/',
      brokenArtifacts(),
    ),
    summarizerEu: stage(
      buckets['eu-central-1'],
      'support-summarizer/v1/',
      llama31_8bArtifacts(),
    ),
    claimsTriage: stage(
      buckets['eu-central-1'],
      'claims-triage/v1/',
      qwen25_7bArtifacts(),
    ),
    faqBot: stage(buckets['us-west-2'], 'faq-bot/', mistral7bArtifacts()),
  };

  const east = new BedrockStore(context, accountId, 'us-east-1');
  const eu = new BedrockStore(context, accountId, 'eu-central-1');
  const west = new BedrockStore(context, accountId, 'us-west-2');
  const owner = 'group:default/support-ml';
  const imports = [
    {
      store: east,
      name: 'support-summarizer-v1',
      uri: uris.summarizerV1,
      daysAgo: 45,
      tags: portalTags('support-summarizer', 1, owner, 'internal'),
      traffic: { from: 30, to: 12, peak: 40 },
    },
    {
      store: east,
      name: 'support-summarizer-v2',
      uri: uris.summarizerV2,
      daysAgo: 14,
      tags: portalTags('support-summarizer', 2, owner, 'internal'),
      traffic: { from: 12, to: 0, peak: 45 },
    },
    {
      store: eu,
      name: 'support-summarizer-v1',
      uri: uris.summarizerEu,
      daysAgo: 40,
      tags: portalTags('support-summarizer', 1, owner, 'internal'),
      traffic: { from: 30, to: 0, peak: 15 },
    },
    {
      store: eu,
      name: 'claims-triage-v1',
      uri: uris.claimsTriage,
      daysAgo: 35,
      tags: portalTags(
        'claims-triage',
        1,
        'group:default/claims-ai',
        'confidential',
      ),
      traffic: { from: 30, to: 0, peak: 20 },
    },
    // Imported by hand in the console: no portal tags, so the portal shows it as unmanaged.
    {
      store: west,
      name: 'legacy-faq-bot',
      uri: uris.faqBot,
      daysAgo: 90,
      tags: [],
      traffic: { from: 30, to: 0, peak: 5 },
    },
  ];
  imports.forEach((entry, i) => {
    const job = entry.store.addPastImport({
      jobName: `${entry.name}-${entry.store.region}-import`,
      modelName: entry.name,
      s3Uri: entry.uri,
      roleArn,
      creationTime: now - entry.daysAgo * DAY,
      tags: entry.tags,
    });
    recordTraffic(
      context,
      {
        accountId,
        region: entry.store.region,
        modelArn: job.importedModelArn!,
      },
      {
        from: now - entry.traffic.from * DAY,
        to: now - entry.traffic.to * DAY,
      },
      { peakPerWindow: entry.traffic.peak, seed: i + 1 },
    );
  });
  // A failed attempt, so the history shows what a broken artifact set looks like.
  east.addPastImport({
    jobName: 'contract-classifier-v1-us-east-1-import',
    modelName: 'contract-classifier-v1',
    s3Uri: uris.broken,
    roleArn,
    creationTime: now - 3 * DAY,
    tags: portalTags(
      'contract-classifier',
      1,
      'group:default/legal-ai',
      'confidential',
    ),
  });
}

import { InputError, NotFoundError } from '@backstage/errors';
import {
  checkKeepWarmRules,
  ColdStartAttention,
  ColdStartStats,
  coldStartsInsidePolicy,
  keepWarmEstimate,
  KeepWarmEstimate,
  KeepWarmPolicy,
  KeepWarmPolicyRequest,
  KeepWarmTiming,
  KeepWarmView,
  percentile,
  planHeartbeat,
  versionAt,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { RegistryConfig } from '../config/readRegistryConfig';
import { ColdStartRecord, ColdStartStore } from '../database/ColdStartStore';
import { HeartbeatProgress, KeepWarmStore } from '../database/KeepWarmStore';
import { ModelStore } from '../database/ModelStore';
import { PointerKey, PointerStore } from '../database/PointerStore';

/** How many changes of a policy its view lists. */
const HISTORY_SHOWN = 20;
/** How many cold starts a pointer's stats list. */
const COLD_STARTS_SHOWN = 50;
const DAY = 24 * 60 * 60_000;

/** A policy to set: the request without its Region, which names the pointer. */
export type KeepWarmInput = Omit<KeepWarmPolicyRequest, 'region'>;

/** The timing heartbeats follow, from configuration. */
export function keepWarmTiming(config: RegistryConfig): KeepWarmTiming {
  return {
    evictionMinutes: config.keepWarm.evictionMinutes,
    leadMinutes: config.keepWarm.leadMinutes,
  };
}

/**
 * Keep-warm policies per pointer and the cold starts they are there to avoid: reads and sets a policy
 * (checked by -common's schedule rules, its monthly cost from -common's arithmetic), says when the next
 * heartbeat is due, and summarises the cold starts the portal measured, per pointer and across models.
 */
export class KeepWarmService {
  constructor(
    private readonly deps: {
      keepWarm: KeepWarmStore;
      coldStarts: ColdStartStore;
      pointers: PointerStore;
      models: ModelStore;
      config: RegistryConfig;
      /** Asks the heartbeat worker to run now (a new policy may have a heartbeat due). */
      beatNow: () => void;
      now?: () => Date;
    },
  ) {}

  private now() {
    return this.deps.now?.() ?? new Date();
  }

  private get timing() {
    return keepWarmTiming(this.deps.config);
  }

  /** The policy before anyone set one. */
  private unset(): KeepWarmPolicy {
    return {
      mode: 'off',
      intervalMinutes: this.deps.config.keepWarm.defaultIntervalMinutes,
      windows: [],
    };
  }

  private async requireModel(modelName: string) {
    const model = await this.deps.models.getModel(modelName);
    if (!model)
      throw new NotFoundError(`There is no model named ${modelName}.`);
    return model;
  }

  /** The policy of a pointer, what it costs a month, the next and the last heartbeat, and its history. */
  async view(key: PointerKey): Promise<KeepWarmView> {
    await this.requireModel(key.modelName);
    const now = this.now();
    const { keepWarm, pointers, models } = this.deps;
    const [stored, pointer, lastBeat, history] = await Promise.all([
      keepWarm.getPolicy(key),
      pointers.getPointer(key),
      keepWarm.lastBeat(key),
      keepWarm.changes(key, HISTORY_SHOWN),
    ]);
    const policy = stored?.policy ?? this.unset();
    const version = pointer
      ? await models.getVersion(key.modelName, pointer.version)
      : undefined;
    const nextHeartbeatAt =
      pointer && version?.importedModelArn
        ? this.nextHeartbeat(policy, stored?.progress, pointer.version, now)
        : undefined;
    return {
      modelName: key.modelName,
      alias: key.alias,
      region: key.region,
      ...(pointer ? { version: pointer.version } : {}),
      policy,
      estimate: this.estimate(policy, key.region, now, {
        cmusPerCopy: version?.cmusPerCopy,
        version: pointer?.version,
      }),
      ...(nextHeartbeatAt
        ? { nextHeartbeatAt: nextHeartbeatAt.toISOString() }
        : {}),
      ...(lastBeat ? { lastHeartbeat: lastBeat } : {}),
      timing: {
        ...this.timing,
        defaultIntervalMinutes:
          this.deps.config.keepWarm.defaultIntervalMinutes,
      },
      history,
      canEdit: false,
    };
  }

  /** When the worker will send the next heartbeat: the due slot (or now), after any backoff. */
  private nextHeartbeat(
    policy: KeepWarmPolicy,
    progress: HeartbeatProgress | undefined,
    version: number,
    now: Date,
  ): Date | undefined {
    const plan = planHeartbeat(
      policy,
      {
        now,
        lastServedAt: progress?.lastServedAt,
        changedVersion:
          progress?.lastServedVersion !== undefined &&
          progress.lastServedVersion !== version,
      },
      this.timing,
    );
    if (!plan.nextAt) return undefined;
    const at = plan.due ? now : plan.nextAt;
    const retryAfter = progress?.retryAfter;
    return retryAfter && retryAfter > at ? retryAfter : at;
  }

  /** A policy's monthly commitment, with what the figure leaves out. */
  estimate(
    policy: Pick<
      KeepWarmPolicy,
      'mode' | 'intervalMinutes' | 'timeZone' | 'windows'
    >,
    region: string,
    from: Date,
    version: { cmusPerCopy?: number; version?: number },
  ): KeepWarmEstimate {
    const { pricing } = this.deps.config;
    const price = pricing.cmuMinute[region];
    const estimate = keepWarmEstimate(policy, {
      from,
      timing: this.timing,
      cmusPerCopy: version.cmusPerCopy,
      pricePerCmuMinute: price,
    });
    const notes: string[] = [];
    if (policy.mode !== 'off') {
      notes.push(
        `A copy is billed from the first heartbeat of each spell until ${this.timing.evictionMinutes} minutes after the last (the eviction time), in 5-minute windows; the month is four weeks from now, scaled to 30 days.`,
      );
    }
    if (version.version === undefined) {
      notes.push('The pointer names no version yet: there is nothing to warm.');
    } else if (version.cmusPerCopy === undefined) {
      notes.push(
        `The CMUs per copy of version ${version.version} are not known, so the cost is not either.`,
      );
    }
    if (price === undefined) {
      notes.push(
        `No price per CMU-minute is configured for ${region} (bedrockModels.pricing.cmuMinute).`,
      );
    }
    return {
      windowsPerMonth: estimate.windowsPerMonth,
      ...(version.cmusPerCopy !== undefined
        ? { cmusPerCopy: version.cmusPerCopy }
        : {}),
      ...(price !== undefined ? { pricePerCmuMinute: price } : {}),
      ...(estimate.monthlyCost !== undefined
        ? { monthlyCost: estimate.monthlyCost }
        : {}),
      currency: pricing.currency,
      notes,
    };
  }

  /** Sets a pointer's policy (its history keeps the change); answers its view. */
  async setPolicy(
    key: PointerKey,
    input: KeepWarmInput,
    actor: string,
  ): Promise<KeepWarmView> {
    await this.requireModel(key.modelName);
    const versions = await this.deps.models.listVersions(key.modelName);
    if (!versions.some(v => v.region === key.region)) {
      throw new InputError(
        `Model ${key.modelName} has no version in ${key.region}: keep-warm warms the version a pointer names there, so import or discover one first.`,
      );
    }
    const windowed = input.mode === 'windows';
    const rules = {
      mode: input.mode,
      intervalMinutes:
        input.intervalMinutes ??
        this.deps.config.keepWarm.defaultIntervalMinutes,
      ...(input.timeZone !== undefined ? { timeZone: input.timeZone } : {}),
      // Windows mean something only to a windowed policy; the others keep none.
      windows: windowed ? input.windows ?? [] : [],
    };
    const problems = checkKeepWarmRules(rules, this.timing);
    if (problems.length > 0) {
      throw new InputError(`Invalid keep-warm policy: ${problems.join(' ')}`);
    }
    const now = this.now();
    await this.deps.keepWarm.setPolicy(
      key,
      {
        ...rules,
        windowsPerMonth: keepWarmEstimate(rules, {
          from: now,
          timing: this.timing,
        }).windowsPerMonth,
      },
      { actor, reason: input.reason.trim(), at: now },
    );
    this.deps.beatNow();
    return this.view(key);
  }

  /** The cold starts of the versions a pointer named when they happened, over the last `days` days. */
  async coldStarts(key: PointerKey, days: number): Promise<ColdStartStats> {
    await this.requireModel(key.modelName);
    const since = new Date(this.now().getTime() - days * DAY);
    const [measured, history, stored] = await Promise.all([
      this.deps.coldStarts.list({
        since,
        modelName: key.modelName,
        region: key.region,
      }),
      this.deps.pointers.pointerHistory(key),
      this.deps.keepWarm.getPolicy(key),
    ]);
    const mine = measured.filter(
      c => versionAt(history, new Date(c.at)) === c.version,
    );
    const waited = mine.map(c => c.waitedMs);
    const p50 = percentile(waited, 50);
    const p95 = percentile(waited, 95);
    return {
      ...key,
      days,
      count: mine.length,
      ...(mine[0] ? { last: withoutAccount(mine[0]) } : {}),
      ...(p50 !== undefined ? { p50WaitedMs: p50 } : {}),
      ...(p95 !== undefined ? { p95WaitedMs: p95 } : {}),
      insidePolicy: coldStartsInsidePolicy(
        stored?.policy ?? this.unset(),
        mine,
      ),
      items: mine.slice(0, COLD_STARTS_SHOWN).map(withoutAccount),
    };
  }

  /**
   * Models and Regions whose pointers' versions met cold starts in the last `days` days: the calls a
   * caller of the pointer would have waited on (warm-ups of versions no pointer named are left out).
   */
  async attention(days: number): Promise<ColdStartAttention> {
    const since = new Date(this.now().getTime() - days * DAY);
    const measured = await this.deps.coldStarts.list({ since });
    const byModel = new Map<string, ColdStartRecord[]>();
    for (const c of measured) {
      byModel.set(c.modelName, [...(byModel.get(c.modelName) ?? []), c]);
    }
    const modes = await this.deps.keepWarm.modes([...byModel.keys()]);
    const items: ColdStartAttention['items'] = [];
    for (const [modelName, coldStarts] of byModel) {
      const [model, pointers] = await Promise.all([
        this.deps.models.getModel(modelName),
        this.deps.pointers.listPointers(modelName),
      ]);
      if (!model) continue;
      const histories = await Promise.all(
        pointers.map(async p => ({
          pointer: p,
          history: await this.deps.pointers.pointerHistory(p),
        })),
      );
      const regions = new Set(coldStarts.map(c => c.region));
      for (const region of [...regions].sort()) {
        const named = new Set<string>();
        const met = coldStarts.filter(c => {
          if (c.region !== region) return false;
          const aliases = histories
            .filter(
              h =>
                h.pointer.region === region &&
                versionAt(h.history, new Date(c.at)) === c.version,
            )
            .map(h => h.pointer.alias);
          aliases.forEach(a => named.add(a));
          return aliases.length > 0;
        });
        if (met.length === 0) continue;
        const p95 = percentile(
          met.map(c => c.waitedMs),
          95,
        );
        items.push({
          modelName,
          owner: model.owner,
          region,
          count: met.length,
          lastAt: met[0].at,
          ...(p95 !== undefined ? { p95WaitedMs: p95 } : {}),
          pointers: [...named].sort().map(alias => ({
            alias,
            keepWarm: modes.get(`${modelName}|${alias}|${region}`) ?? 'off',
          })),
        });
      }
    }
    items.sort(
      (a, b) =>
        b.count - a.count || Date.parse(b.lastAt) - Date.parse(a.lastAt),
    );
    return { days, items };
  }
}

function withoutAccount(record: ColdStartRecord) {
  const { accountId: _accountId, ...coldStart } = record;
  return coldStart;
}

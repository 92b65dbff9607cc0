import { EmulatorRequest } from '../../core/EmulatorRequest';
import { EmulatorContext } from '../../core/EmulatorService';
import { recordMetric } from '../../core/metricsStore';
import { MetricAggregate } from './aggregateMetric';
import {
  invalidParameterCombination,
  invalidParameterValue,
  missingParameter,
} from './cloudWatchErrors';
import {
  optionalInteger,
  optionalList,
  optionalObject,
  readDatapointValue,
  readDimensions,
  readNamespace,
  readTimestamp,
  readUnit,
  requiredString,
} from './readCloudWatchInput';
import { recordAggregate } from '../../core/metricsStore';

const HOUR_MS = 3_600_000;
/** CloudWatch accepts data points up to two weeks old and up to two hours ahead. */
const OLDEST_MS = 14 * 24 * HOUR_MS;
const NEWEST_MS = 2 * HOUR_MS;
const MAX_DATUMS = 1000;
const MAX_VALUES = 150;

/** One checked datum: either a single sample or an aggregate of several. */
type DatumWrite = {
  metricName: string;
  dimensions: Record<string, string>;
  timestampMs: number;
  sample: { value: number } | { aggregate: MetricAggregate };
};

function readValues(
  datum: Record<string, unknown>,
  path: string,
): MetricAggregate | undefined {
  const values = optionalList(datum.Values, `${path}.Values`);
  const counts = optionalList(datum.Counts, `${path}.Counts`);
  if (values === undefined) {
    if (counts !== undefined) {
      throw invalidParameterCombination(
        `The parameter ${path}.Counts needs ${path}.Values.`,
      );
    }
    return undefined;
  }
  if (values.length === 0 || values.length > MAX_VALUES) {
    throw invalidParameterValue(
      `The collection ${path}.Values must have from 1 to ${MAX_VALUES} members.`,
    );
  }
  if (counts !== undefined && counts.length !== values.length) {
    throw invalidParameterCombination(
      `The parameters ${path}.Values and ${path}.Counts must be of the same size.`,
    );
  }
  const aggregate: MetricAggregate = [0, 0, Infinity, -Infinity];
  values.forEach((raw, i) => {
    const value = readDatapointValue(raw, `${path}.Values.member.${i + 1}`);
    const count = counts
      ? readDatapointValue(counts[i], `${path}.Counts.member.${i + 1}`)
      : 1;
    if (count < 0) {
      throw invalidParameterValue(
        `The value ${count} for parameter ${path}.Counts.member.${
          i + 1
        } must not be negative.`,
      );
    }
    if (count > 0) {
      aggregate[0] += value * count;
      aggregate[1] += count;
      aggregate[2] = Math.min(aggregate[2], value);
      aggregate[3] = Math.max(aggregate[3], value);
    }
  });
  return aggregate;
}

function readStatisticValues(
  datum: Record<string, unknown>,
  path: string,
): MetricAggregate | undefined {
  const set = optionalObject(datum.StatisticValues, `${path}.StatisticValues`);
  if (set === undefined) {
    return undefined;
  }
  const member = (name: string) => {
    if (set[name] === undefined || set[name] === null) {
      throw missingParameter(`${path}.StatisticValues.${name}`);
    }
    return readDatapointValue(set[name], `${path}.StatisticValues.${name}`);
  };
  const aggregate: MetricAggregate = [
    member('Sum'),
    member('SampleCount'),
    member('Minimum'),
    member('Maximum'),
  ];
  if (aggregate[1] <= 0) {
    throw invalidParameterValue(
      `The parameter ${path}.StatisticValues.SampleCount must be greater than 0.`,
    );
  }
  if (aggregate[2] > aggregate[3]) {
    throw invalidParameterValue(
      `The parameter ${path}.StatisticValues.Minimum must not be greater than ${path}.StatisticValues.Maximum.`,
    );
  }
  return aggregate;
}

function readDatum(value: unknown, path: string, nowMs: number): DatumWrite {
  const datum = optionalObject(value, path) ?? {};
  const metricName = requiredString(
    datum.MetricName,
    `${path}.MetricName`,
    255,
  );
  const dimensions = readDimensions(datum.Dimensions, `${path}.Dimensions`);
  readUnit(datum.Unit, `${path}.Unit`);
  const resolution = optionalInteger(
    datum.StorageResolution,
    `${path}.StorageResolution`,
  );
  if (resolution !== undefined && resolution !== 1 && resolution !== 60) {
    throw invalidParameterValue(
      `The value ${resolution} for parameter ${path}.StorageResolution is invalid: use 1 or 60.`,
    );
  }

  let timestampMs = nowMs;
  if (datum.Timestamp !== undefined && datum.Timestamp !== null) {
    timestampMs = readTimestamp(datum.Timestamp, `${path}.Timestamp`);
    if (timestampMs < nowMs - OLDEST_MS) {
      throw invalidParameterValue(
        `The parameter ${path}.Timestamp must specify a time no more than two weeks in the past.`,
      );
    }
    if (timestampMs > nowMs + NEWEST_MS) {
      throw invalidParameterValue(
        `The parameter ${path}.Timestamp must specify a time no more than two hours in the future.`,
      );
    }
  }

  const given = (['Value', 'Values', 'StatisticValues'] as const).filter(
    m => datum[m] !== undefined && datum[m] !== null,
  );
  if (given.length > 1) {
    throw invalidParameterCombination(
      `The parameters ${given
        .map(m => `${path}.${m}`)
        .join(' and ')} are mutually exclusive and you have specified ${
        given.length === 2 ? 'both' : 'all three'
      }.`,
    );
  }
  if (given.length === 0) {
    throw missingParameter(`${path}.Value`);
  }
  const aggregate = readValues(datum, path) ?? readStatisticValues(datum, path);
  const sample = aggregate
    ? { aggregate }
    : { value: readDatapointValue(datum.Value, `${path}.Value`) };
  return { metricName, dimensions, timestampMs, sample };
}

/** Every datum of the request, from MetricData and from EntityMetricData (whose entities are not kept). */
function readDatums(
  input: Record<string, unknown>,
  nowMs: number,
): DatumWrite[] {
  const writes: DatumWrite[] = [];
  const metricData = optionalList(input.MetricData, 'MetricData');
  metricData?.forEach((datum, i) =>
    writes.push(readDatum(datum, `MetricData.member.${i + 1}`, nowMs)),
  );
  const entityData = optionalList(input.EntityMetricData, 'EntityMetricData');
  entityData?.forEach((entry, i) => {
    const path = `EntityMetricData.member.${i + 1}`;
    const list =
      optionalList(
        (optionalObject(entry, path) ?? {}).MetricData,
        `${path}.MetricData`,
      ) ?? [];
    list.forEach((datum, j) =>
      writes.push(
        readDatum(datum, `${path}.MetricData.member.${j + 1}`, nowMs),
      ),
    );
  });
  if (metricData === undefined && entityData === undefined) {
    throw missingParameter('MetricData');
  }
  if (writes.length > MAX_DATUMS) {
    throw invalidParameterValue(
      `A PutMetricData request may hold at most ${MAX_DATUMS} metric data items, got ${writes.length}.`,
    );
  }
  return writes;
}

/**
 * PutMetricData: checks the whole request first, then records every datum in the caller's account
 * and Region, where GetMetricData and ListMetrics (and the portal) read them.
 */
export function putMetricData(
  context: EmulatorContext,
  input: Record<string, unknown>,
  request: EmulatorRequest,
): Record<string, never> {
  const namespace = readNamespace(input.Namespace, 'Namespace', true) as string;
  if (namespace.startsWith('AWS/')) {
    throw invalidParameterValue(
      `The value ${namespace} for parameter Namespace is invalid: namespaces starting with AWS/ are reserved for AWS services.`,
    );
  }
  const nowMs = context.clock.now();
  for (const write of readDatums(input, nowMs)) {
    const target = {
      accountId: request.accountId,
      region: request.region,
      namespace,
      metricName: write.metricName,
      dimensions: write.dimensions,
      timestampMs: write.timestampMs,
    };
    if ('value' in write.sample) {
      recordMetric(context, { ...target, value: write.sample.value });
    } else if (write.sample.aggregate[1] > 0) {
      recordAggregate(context, {
        ...target,
        aggregate: write.sample.aggregate,
      });
    }
  }
  return {};
}

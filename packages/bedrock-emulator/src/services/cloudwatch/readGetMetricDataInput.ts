import { AwsError } from '../../core/AwsError';
import {
  isSupportedStatistic,
  Statistic,
  SUPPORTED_STATISTICS,
} from './aggregateMetric';
import {
  invalidParameterCombination,
  invalidParameterValue,
  missingParameter,
} from './cloudWatchErrors';
import {
  optionalInteger,
  optionalList,
  optionalObject,
  optionalString,
  readDimensions,
  readNamespace,
  readTimestamp,
  readUnit,
  requiredString,
} from './readCloudWatchInput';

/** One MetricStat query of a GetMetricData request, checked. */
export type MetricStatQuery = {
  id: string;
  label: string;
  returnData: boolean;
  namespace: string;
  metricName: string;
  dimensions: Record<string, string>;
  periodSeconds: number;
  statistic: Statistic;
  unit?: string;
};

/** A GetMetricData request, checked. */
export type GetMetricDataRequest = {
  queries: MetricStatQuery[];
  startMs: number;
  endMs: number;
  scanBy: 'TimestampDescending' | 'TimestampAscending';
  maxDatapoints: number;
  nextToken?: string;
};

/** GetMetricData's default and the most queries one request may hold. */
export const DEFAULT_MAX_DATAPOINTS = 100_800;
const MAX_QUERIES = 500;

const HIGH_RESOLUTION_PERIODS = [1, 5, 10, 20, 30];
// Percentiles (p99), trimmed/winsorized statistics (tm90, wm(10%:90%)), PR(..), TC, TS and IQM.
const EXTENDED_STATISTIC = /^(p\d|iqm$|(tm|wm|tc|ts|pr)(\d|\())/i;

function readStatistic(value: unknown, path: string): Statistic {
  const stat = requiredString(value, path, 255);
  if (isSupportedStatistic(stat)) {
    return stat;
  }
  if (EXTENDED_STATISTIC.test(stat)) {
    throw invalidParameterValue(
      `The statistic ${stat} for parameter ${path} is not emulated: percentiles and other extended ` +
        `statistics need raw samples, which the bedrock-emulator does not keep. Use ${SUPPORTED_STATISTICS.join(
          ', ',
        )}.`,
    );
  }
  throw invalidParameterValue(
    `The value ${stat} for parameter ${path} is not a valid statistic: use ${SUPPORTED_STATISTICS.join(
      ', ',
    )}.`,
  );
}

function readPeriod(value: unknown, path: string): number {
  const period = optionalInteger(value, path);
  if (period === undefined) {
    throw missingParameter(path);
  }
  if (HIGH_RESOLUTION_PERIODS.includes(period)) {
    throw invalidParameterValue(
      `The value ${period} for parameter ${path} is not emulated: high-resolution periods (1, 5, 10, 20, 30 seconds) ` +
        `need sub-minute data, and the bedrock-emulator stores one-minute data. Use a multiple of 60.`,
    );
  }
  if (period < 60 || period % 60 !== 0) {
    throw invalidParameterValue(
      `The parameter ${path} must be a multiple of 60, got ${period}.`,
    );
  }
  return period;
}

function readQuery(
  value: unknown,
  index: number,
  accountId: string,
): MetricStatQuery {
  const path = `MetricDataQueries.member.${index + 1}`;
  const query = optionalObject(value, path) ?? {};
  const id = requiredString(query.Id, `${path}.Id`, 255);
  if (!/^[a-z][a-zA-Z0-9_]*$/.test(id)) {
    throw invalidParameterValue(
      `The value ${id} for parameter ${path}.Id is invalid: an Id must start with a lowercase letter ` +
        `and contain only letters, numbers and underscores.`,
    );
  }
  const expression = optionalString(query.Expression, `${path}.Expression`);
  const stat = optionalObject(query.MetricStat, `${path}.MetricStat`);
  if (expression !== undefined && stat !== undefined) {
    throw invalidParameterCombination(
      `The parameters ${path}.Expression and ${path}.MetricStat are mutually exclusive and you have specified both.`,
    );
  }
  if (expression !== undefined) {
    throw invalidParameterValue(
      `Metric math is not emulated: ${path} (Id ${id}) has the Expression "${expression}". ` +
        `The bedrock-emulator answers MetricStat queries only.`,
    );
  }
  if (stat === undefined) {
    throw new AwsError(
      'MissingParameter',
      400,
      `The parameter ${path}.MetricStat is required: each query needs a MetricStat or an Expression.`,
    );
  }
  const queryAccount = optionalString(query.AccountId, `${path}.AccountId`);
  if (queryAccount !== undefined && queryAccount !== accountId) {
    throw invalidParameterValue(
      `The value ${queryAccount} for parameter ${path}.AccountId is not supported: cross-account observability ` +
        `is not emulated, so queries read the calling account (${accountId}) only.`,
    );
  }
  const metric = optionalObject(stat.Metric, `${path}.MetricStat.Metric`);
  if (metric === undefined) {
    throw missingParameter(`${path}.MetricStat.Metric`);
  }
  const metricName = requiredString(
    metric.MetricName,
    `${path}.MetricStat.Metric.MetricName`,
    255,
  );
  const returnData = query.ReturnData;
  if (
    returnData !== undefined &&
    returnData !== null &&
    typeof returnData !== 'boolean'
  ) {
    throw invalidParameterValue(
      `The parameter ${path}.ReturnData must be a boolean.`,
    );
  }
  return {
    id,
    // Without a Label, CloudWatch labels a MetricStat result with its metric name.
    label: optionalString(query.Label, `${path}.Label`) ?? metricName,
    returnData: returnData !== false,
    namespace: readNamespace(
      metric.Namespace,
      `${path}.MetricStat.Metric.Namespace`,
      true,
    ) as string,
    metricName,
    dimensions: readDimensions(
      metric.Dimensions,
      `${path}.MetricStat.Metric.Dimensions`,
    ),
    periodSeconds: readPeriod(stat.Period, `${path}.MetricStat.Period`),
    statistic: readStatistic(stat.Stat, `${path}.MetricStat.Stat`),
    unit: readUnit(stat.Unit, `${path}.MetricStat.Unit`),
  };
}

/** Checks a GetMetricData input as CloudWatch does, naming the offending parameter in each error. */
export function readGetMetricDataInput(
  input: Record<string, unknown>,
  accountId: string,
): GetMetricDataRequest {
  const list = optionalList(input.MetricDataQueries, 'MetricDataQueries');
  if (list === undefined) {
    throw missingParameter('MetricDataQueries');
  }
  if (input.StartTime === undefined || input.StartTime === null) {
    throw missingParameter('StartTime');
  }
  if (input.EndTime === undefined || input.EndTime === null) {
    throw missingParameter('EndTime');
  }
  if (list.length === 0 || list.length > MAX_QUERIES) {
    throw invalidParameterValue(
      `The collection MetricDataQueries must have from 1 to ${MAX_QUERIES} members, got ${list.length}.`,
    );
  }
  const queries = list.map((query, index) =>
    readQuery(query, index, accountId),
  );
  const seen = new Set<string>();
  queries.forEach((query, index) => {
    if (seen.has(query.id)) {
      throw invalidParameterValue(
        `The value ${query.id} for parameter MetricDataQueries.member.${
          index + 1
        }.Id is not unique: each query needs its own Id.`,
      );
    }
    seen.add(query.id);
  });

  const startMs = readTimestamp(input.StartTime, 'StartTime');
  const endMs = readTimestamp(input.EndTime, 'EndTime');
  if (startMs >= endMs) {
    throw invalidParameterValue(
      'The parameter StartTime must be less than the parameter EndTime.',
    );
  }
  const scanBy =
    optionalString(input.ScanBy, 'ScanBy') ?? 'TimestampDescending';
  if (scanBy !== 'TimestampDescending' && scanBy !== 'TimestampAscending') {
    throw invalidParameterValue(
      `The value ${scanBy} for parameter ScanBy is invalid: use TimestampDescending or TimestampAscending.`,
    );
  }
  const maxDatapoints =
    optionalInteger(input.MaxDatapoints, 'MaxDatapoints') ??
    DEFAULT_MAX_DATAPOINTS;
  if (maxDatapoints < 1) {
    throw invalidParameterValue(
      `The parameter MaxDatapoints must be greater than 0, got ${maxDatapoints}.`,
    );
  }
  return {
    queries,
    startMs,
    endMs,
    scanBy,
    maxDatapoints,
    nextToken: optionalString(input.NextToken, 'NextToken'),
  };
}

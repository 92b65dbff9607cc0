import { EmulatorRequest } from '../../core/EmulatorRequest';
import { EmulatorContext } from '../../core/EmulatorService';
import { metricsData, MetricSeries } from '../../core/metricsStore';
import { invalidNextToken, invalidParameterValue } from './cloudWatchErrors';
import {
  decodePaginationToken,
  encodePaginationToken,
} from './paginationToken';
import {
  optionalList,
  optionalObject,
  optionalString,
  readNamespace,
  requiredString,
} from './readCloudWatchInput';

/** ListMetrics answers at most this many metrics per page, as AWS does. */
const PAGE_SIZE = 500;
const HOUR_MS = 3_600_000;
/** ListMetrics lists only metrics with data in the past two weeks. */
const LISTED_WINDOW_MS = 14 * 24 * HOUR_MS;

type DimensionFilter = { name: string; value?: string };

function readDimensionFilters(value: unknown): DimensionFilter[] {
  const list = optionalList(value, 'Dimensions') ?? [];
  if (list.length > 10) {
    throw invalidParameterValue(
      'The collection Dimensions must not have more than 10 members.',
    );
  }
  return list.map((item, index) => {
    const path = `Dimensions.member.${index + 1}`;
    const filter = optionalObject(item, path) ?? {};
    return {
      name: requiredString(filter.Name, `${path}.Name`, 255),
      value: optionalString(filter.Value, `${path}.Value`, {
        min: 1,
        max: 1024,
      }),
    };
  });
}

/** Orders series keys by UTF-16 code units, stable across locales (unlike localeCompare). */
function compareKeys(a: string, b: string): number {
  if (a === b) {
    return 0;
  }
  return a < b ? -1 : 1;
}

/** Has the series a data point at or after `sinceMs`? */
function hasDataSince(series: MetricSeries, sinceMs: number): boolean {
  return Object.keys(series.minutes).some(minute => Number(minute) >= sinceMs);
}

/**
 * ListMetrics: the metrics of the caller's account and Region that match the namespace, metric
 * name and dimension filters (a filter without a value matches any value) and had data in the past
 * two weeks, or three hours with `RecentlyActive: PT3H`. Pages of 500, ordered by identity.
 */
export function listMetrics(
  context: EmulatorContext,
  input: Record<string, unknown>,
  request: EmulatorRequest,
): {
  Metrics: Array<{
    Namespace: string;
    MetricName: string;
    Dimensions: Array<{ Name: string; Value: string }>;
  }>;
  NextToken?: string;
  OwningAccounts?: string[];
} {
  const namespace = readNamespace(input.Namespace, 'Namespace', false);
  const metricName = optionalString(input.MetricName, 'MetricName', {
    min: 1,
    max: 255,
  });
  const filters = readDimensionFilters(input.Dimensions);
  const recentlyActive = optionalString(input.RecentlyActive, 'RecentlyActive');
  if (recentlyActive !== undefined && recentlyActive !== 'PT3H') {
    throw invalidParameterValue(
      `The value ${recentlyActive} for parameter RecentlyActive is invalid: the only value is PT3H.`,
    );
  }
  const includeLinkedAccounts = input.IncludeLinkedAccounts === true;
  const owningAccount = optionalString(input.OwningAccount, 'OwningAccount');
  const scope = {
    namespace,
    metricName,
    filters,
    recentlyActive,
    includeLinkedAccounts,
    owningAccount,
  };

  let afterKey: string | undefined;
  const token = optionalString(input.NextToken, 'NextToken');
  if (token !== undefined) {
    const cursor = decodePaginationToken(token, 'ListMetrics', scope);
    if (typeof cursor.k !== 'string') {
      throw invalidNextToken();
    }
    afterKey = cursor.k;
  }

  const sinceMs =
    context.clock.now() - (recentlyActive ? 3 * HOUR_MS : LISTED_WINDOW_MS);
  // Without cross-account observability, the caller's own account is the only one with metrics.
  const accountMatches =
    owningAccount === undefined || owningAccount === request.accountId;
  const matching = Object.entries(
    metricsData(context, request.accountId, request.region).series,
  )
    .filter(
      ([key, series]) =>
        accountMatches &&
        (afterKey === undefined || key > afterKey) &&
        (namespace === undefined || series.namespace === namespace) &&
        (metricName === undefined || series.metricName === metricName) &&
        filters.every(
          f =>
            f.name in series.dimensions &&
            (f.value === undefined || series.dimensions[f.name] === f.value),
        ) &&
        hasDataSince(series, sinceMs),
    )
    .sort(([a], [b]) => compareKeys(a, b));

  const page = matching.slice(0, PAGE_SIZE);
  const more = matching.length > PAGE_SIZE;
  return {
    Metrics: page.map(([, series]) => ({
      Namespace: series.namespace,
      MetricName: series.metricName,
      Dimensions: Object.entries(series.dimensions).map(([Name, Value]) => ({
        Name,
        Value,
      })),
    })),
    NextToken: more
      ? encodePaginationToken('ListMetrics', scope, {
          k: page[page.length - 1][0],
        })
      : undefined,
    OwningAccounts: includeLinkedAccounts
      ? page.map(() => request.accountId)
      : undefined,
  };
}

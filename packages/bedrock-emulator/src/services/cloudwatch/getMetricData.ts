import { EmulatorRequest } from '../../core/EmulatorRequest';
import { EmulatorContext } from '../../core/EmulatorService';
import { metricsData, seriesKey } from '../../core/metricsStore';
import { aggregateMetric, Datapoint } from './aggregateMetric';
import { invalidNextToken } from './cloudWatchErrors';
import {
  decodePaginationToken,
  encodePaginationToken,
} from './paginationToken';
import {
  GetMetricDataRequest,
  MetricStatQuery,
  readGetMetricDataInput,
} from './readGetMetricDataInput';

/** The wire shape of one MetricDataResult. */
type MetricDataResult = {
  Id: string;
  Label: string;
  Timestamps: number[];
  Values: number[];
  StatusCode: 'Complete' | 'PartialData';
  Messages: never[];
};

/**
 * Where the next page starts: query index `q` and, inside it, the timestamp of the last data point
 * already returned (`a`). A timestamp rather than an offset keeps paging right when new data
 * arrives between pages.
 */
type Cursor = { q: number; a?: number };

function readCursor(request: GetMetricDataRequest, scope: unknown): Cursor {
  if (request.nextToken === undefined) {
    return { q: 0 };
  }
  const cursor = decodePaginationToken(
    request.nextToken,
    'GetMetricData',
    scope,
  );
  const { q, a } = cursor;
  if (
    typeof q !== 'number' ||
    !Number.isInteger(q) ||
    q < 0 ||
    q >= request.queries.length ||
    (a !== undefined && (typeof a !== 'number' || !Number.isFinite(a)))
  ) {
    throw invalidNextToken();
  }
  return { q, a: a as number | undefined };
}

function datapointsOf(
  context: EmulatorContext,
  request: EmulatorRequest,
  input: GetMetricDataRequest,
  query: MetricStatQuery,
): Datapoint[] {
  const series = metricsData(context, request.accountId, request.region).series[
    seriesKey(query.namespace, query.metricName, query.dimensions)
  ];
  if (!series) {
    return [];
  }
  const points = aggregateMetric({
    minutes: series.minutes,
    periodSeconds: query.periodSeconds,
    startMs: input.startMs,
    endMs: input.endMs,
    statistic: query.statistic,
    nowMs: context.clock.now(),
  });
  return input.scanBy === 'TimestampDescending' ? points.reverse() : points;
}

/**
 * GetMetricData: every MetricStat query's windows, in ScanBy order, at most MaxDatapoints data
 * points per page. A query cut by the page limit answers PartialData and goes on in the next page;
 * queries not reached yet appear in a later page.
 */
export function getMetricData(
  context: EmulatorContext,
  input: Record<string, unknown>,
  request: EmulatorRequest,
): {
  MetricDataResults: MetricDataResult[];
  NextToken?: string;
  Messages: never[];
} {
  const parsed = readGetMetricDataInput(input, request.accountId);
  // A token is only valid with the same queries, time range and order (MaxDatapoints may change).
  const scope = {
    queries: parsed.queries,
    startMs: parsed.startMs,
    endMs: parsed.endMs,
    scanBy: parsed.scanBy,
  };
  const cursor = readCursor(parsed, scope);
  const descending = parsed.scanBy === 'TimestampDescending';

  const results: MetricDataResult[] = [];
  let budget = parsed.maxDatapoints;
  let next: Cursor | undefined;
  for (let q = cursor.q; q < parsed.queries.length; q++) {
    const query = parsed.queries[q];
    if (!query.returnData) {
      continue;
    }
    let points = datapointsOf(context, request, parsed, query);
    const after = q === cursor.q ? cursor.a : undefined;
    if (after !== undefined) {
      points = points.filter(p =>
        descending ? p.timestampMs < after : p.timestampMs > after,
      );
    }
    if (budget === 0 && points.length > 0) {
      next = { q };
      break;
    }
    const taken = points.slice(0, budget);
    budget -= taken.length;
    const complete = taken.length === points.length;
    results.push({
      Id: query.id,
      Label: query.label,
      Timestamps: taken.map(p => p.timestampMs / 1000),
      Values: taken.map(p => p.value),
      StatusCode: complete ? 'Complete' : 'PartialData',
      Messages: [],
    });
    if (!complete) {
      next = { q, a: taken[taken.length - 1].timestampMs };
      break;
    }
  }
  return {
    MetricDataResults: results,
    NextToken: next && encodePaginationToken('GetMetricData', scope, next),
    Messages: [],
  };
}

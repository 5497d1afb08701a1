// OpenStorageAlerts of the simulator: a store of alerts (a few seeded at start,
// more added with emitAlert) that EnumerateWithFilters streams and Delete
// removes, both selected by the same queries.

import { status } from '@grpc/grpc-js';
import { StatusError } from './auth.js';
import { timestampFromDate, timestampToDate } from '../../backends/openstorage/codec.js';
import { CLUSTER_UUID, NODE_ID, type FakeDriver, type ServiceHandlers } from './driver.js';
import { num, obj, str, type Obj } from './util.js';

export type SeverityName = 'SEVERITY_TYPE_NONE' | 'SEVERITY_TYPE_ALARM' | 'SEVERITY_TYPE_WARNING' | 'SEVERITY_TYPE_NOTIFY';
export type ResourceTypeName =
  | 'RESOURCE_TYPE_NONE'
  | 'RESOURCE_TYPE_VOLUME'
  | 'RESOURCE_TYPE_NODE'
  | 'RESOURCE_TYPE_CLUSTER'
  | 'RESOURCE_TYPE_DRIVE'
  | 'RESOURCE_TYPE_POOL';

const SEVERITY_RANK: Record<string, number> = {
  SEVERITY_TYPE_NONE: 0,
  SEVERITY_TYPE_ALARM: 1,
  SEVERITY_TYPE_WARNING: 2,
  SEVERITY_TYPE_NOTIFY: 3,
};

/** What emitAlert takes; everything but `message` has a default. */
export interface AlertInput {
  message: string;
  severity?: SeverityName;
  resource?: ResourceTypeName;
  resourceId?: string;
  alertType?: number;
  cleared?: boolean;
  timestamp?: Date;
  firstSeen?: Date;
  count?: number;
  ttlSeconds?: number;
  uniqueTag?: string;
}

/** Alerts present when the simulator starts. */
export const SEEDED_ALERTS: AlertInput[] = [
  {
    message: 'Cluster started',
    severity: 'SEVERITY_TYPE_NOTIFY',
    resource: 'RESOURCE_TYPE_CLUSTER',
    resourceId: CLUSTER_UUID,
    alertType: 1,
  },
  {
    message: 'Node 1 storage is running low on space',
    severity: 'SEVERITY_TYPE_WARNING',
    resource: 'RESOURCE_TYPE_NODE',
    resourceId: NODE_ID,
    alertType: 2,
    count: 3,
  },
  {
    message: 'Pool 0 went offline and came back',
    severity: 'SEVERITY_TYPE_ALARM',
    resource: 'RESOURCE_TYPE_POOL',
    resourceId: 'pool-0',
    alertType: 3,
    cleared: true,
  },
];

export function addAlert(driver: FakeDriver, input: AlertInput): Obj {
  const ts = input.timestamp ?? new Date();
  const id = String(driver.nextAlertId++);
  const a: Obj = {
    id,
    severity: input.severity ?? 'SEVERITY_TYPE_NOTIFY',
    alert_type: String(input.alertType ?? 0),
    message: input.message,
    timestamp: timestampFromDate(ts),
    resource_id: input.resourceId ?? '',
    resource: input.resource ?? 'RESOURCE_TYPE_NONE',
    cleared: input.cleared ?? false,
    ttl: String(input.ttlSeconds ?? 0),
    unique_tag: input.uniqueTag ?? `alert-${id}`,
    count: String(input.count ?? 1),
    first_seen: timestampFromDate(input.firstSeen ?? ts),
  };
  driver.alerts.push(a);
  return a;
}

function optionMatches(opt: Obj, a: Obj): boolean {
  if (opt['min_severity_type'] !== undefined) {
    const want = SEVERITY_RANK[str(opt['min_severity_type'])] ?? 0;
    const have = SEVERITY_RANK[str(a['severity'])] ?? 0;
    return want === 0 || (have !== 0 && have <= want);
  }
  if (opt['is_cleared'] !== undefined) return Boolean(a['cleared']) === Boolean(opt['is_cleared']);
  const span = obj(opt['time_span']);
  if (span) {
    const t = timestampToDate(a['timestamp'])?.getTime() ?? 0;
    const start = span['start_time'] ? (timestampToDate(span['start_time'])?.getTime() ?? 0) : -Infinity;
    const end = span['end_time'] ? (timestampToDate(span['end_time'])?.getTime() ?? 0) : Infinity;
    return t >= start && t <= end;
  }
  const cs = obj(opt['count_span']);
  if (cs) {
    const c = num(a['count']);
    const max = cs['max_count'] !== undefined ? num(cs['max_count']) : Infinity;
    return c >= num(cs['min_count']) && c <= max;
  }
  return true;
}

function queryMatches(q: Obj, a: Obj): boolean {
  const byType = obj(q['resource_type_query']);
  const byAlert = obj(q['alert_type_query']);
  const byId = obj(q['resource_id_query']);
  const resource = str(a['resource']);
  const sameResource = (want: unknown): boolean => (str(want) || 'RESOURCE_TYPE_NONE') === resource;
  const sameAlertType = (want: unknown): boolean => num(want) === num(a['alert_type']);
  let ok = true;
  if (byType) ok = sameResource(byType['resource_type']);
  else if (byAlert) ok = sameResource(byAlert['resource_type']) && sameAlertType(byAlert['alert_type']);
  else if (byId) ok = sameResource(byId['resource_type']) && sameAlertType(byId['alert_type']) && str(byId['resource_id']) === str(a['resource_id']);
  if (!ok) return false;
  const opts = Array.isArray(q['opts']) ? (q['opts'] as unknown[]) : [];
  return opts.every((o) => optionMatches(obj(o) ?? {}, a));
}

/** Alerts selected by any of the queries (all alerts when there are none: Delete refuses that itself). */
export function selectAlerts(driver: FakeDriver, queries: unknown): Obj[] {
  const qs = Array.isArray(queries) ? queries.map((q) => obj(q) ?? {}) : [];
  if (qs.length === 0) return [...driver.alerts];
  return driver.alerts.filter((a) => qs.some((q) => queryMatches(q, a)));
}

/** Alerts per streamed message. */
export const ALERTS_PER_MESSAGE = 100;

export function alertHandlers(driver: FakeDriver): ServiceHandlers {
  const unavailable = (): void => {
    if (driver.options.alertsUnavailable) throw new StatusError(status.UNAVAILABLE, 'Resource has not been initialized');
  };
  return {
    EnumerateWithFilters: {
      stream(req, _caller, sink) {
        unavailable();
        // Upstream refuses a request without queries (an empty list is nil in Go).
        const qs = Array.isArray(req['queries']) ? req['queries'] : [];
        if (qs.length === 0) throw new StatusError(status.INVALID_ARGUMENT, 'Must provide at least one query');
        const list = selectAlerts(driver, req['queries']);
        for (let i = 0; i < list.length; i += ALERTS_PER_MESSAGE) {
          sink.write({ alerts: list.slice(i, i + ALERTS_PER_MESSAGE) });
        }
        sink.end();
      },
    },
    Delete(req) {
      unavailable();
      const qs = Array.isArray(req['queries']) ? req['queries'] : [];
      if (qs.length === 0) throw new StatusError(status.INVALID_ARGUMENT, 'Must supply at least one query');
      const doomed = new Set(selectAlerts(driver, qs));
      const keep = driver.alerts.filter((a) => !doomed.has(a));
      driver.alerts.length = 0;
      driver.alerts.push(...keep);
      return {};
    },
  };
}

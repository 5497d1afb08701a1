// Table/csv/value columns of OpenStorage records. JSON always prints the records themselves
// (the SDK's messages, normalised); these only derive display cells.
import type { ColumnSpec } from '../../framework/command.js';
import type { Rec } from './normalize.js';
import { obj } from './resources.js';

const spec = (v: Rec) => obj(v.spec);
const loc = (v: Rec) => obj(v.locator);
const pairs = (m: unknown) => Object.entries(obj(m)).map(([k, val]) => `${k}=${String(val)}`);

export const VOLUME_COLUMNS: readonly ColumnSpec<Rec>[] = [
  { key: 'id', header: 'ID' },
  { key: 'name', header: 'Name', get: (v) => loc(v).name },
  { key: 'size', header: 'Size', format: 'bytes', get: (v) => spec(v).size },
  { key: 'ha_level', header: 'HA', get: (v) => spec(v).ha_level },
  { key: 'status', header: 'Status' },
  { key: 'state', header: 'State' },
  { key: 'attached_on', header: 'Attached On', long: true },
  { key: 'device_path', header: 'Device', long: true },
  { key: 'attach_path', header: 'Mount Paths', format: 'list', long: true },
  { key: 'shared', header: 'Shared', format: 'bool', long: true, get: (v) => spec(v).shared },
  { key: 'io_profile', header: 'IO Profile', long: true, get: (v) => spec(v).io_profile },
  { key: 'owner', header: 'Owner', long: true, get: (v) => obj(spec(v).ownership).owner },
  { key: 'labels', header: 'Labels', format: 'list', long: true, get: (v) => pairs(loc(v).volume_labels) },
  { key: 'parent', header: 'Parent', long: true, get: (v) => obj(v.source).parent },
  { key: 'ctime', header: 'Created', format: 'time', long: true },
];

export const SNAPSHOT_COLUMNS: readonly ColumnSpec<Rec>[] = [
  { key: 'id', header: 'ID' },
  { key: 'name', header: 'Name', get: (v) => loc(v).name },
  { key: 'volume', header: 'Volume', get: (v) => obj(v.source).parent },
  { key: 'size', header: 'Size', format: 'bytes', get: (v) => spec(v).size },
  { key: 'ctime', header: 'Created', format: 'time' },
  { key: 'status', header: 'Status', long: true },
  { key: 'labels', header: 'Labels', format: 'list', long: true, get: (v) => pairs(loc(v).volume_labels) },
];

export const STATS_COLUMNS: readonly ColumnSpec<Rec>[] = [
  { key: 'reads', header: 'Reads' },
  { key: 'read_bytes', header: 'Read bytes', format: 'bytes' },
  { key: 'read_ms', header: 'Read ms' },
  { key: 'writes', header: 'Writes' },
  { key: 'write_bytes', header: 'Write bytes', format: 'bytes' },
  { key: 'write_ms', header: 'Write ms' },
  { key: 'bytes_used', header: 'Bytes used', format: 'bytes' },
  { key: 'io_progress', header: 'IOs in progress' },
  { key: 'io_ms', header: 'IO ms' },
  { key: 'interval_ms', header: 'Interval ms' },
];

export const NODE_COLUMNS: readonly ColumnSpec<Rec>[] = [
  { key: 'id', header: 'ID' },
  { key: 'hostname', header: 'Hostname' },
  { key: 'status', header: 'Status' },
  { key: 'mgmt_ip', header: 'Mgmt IP' },
  { key: 'data_ip', header: 'Data IP', long: true },
  { key: 'cpu', header: 'CPU %', get: (n) => (typeof n.cpu === 'number' ? Math.round(n.cpu * 10) / 10 : n.cpu) },
  { key: 'cpu_cores', header: 'Cores' },
  { key: 'mem_used', header: 'Mem Used', format: 'bytes' },
  { key: 'mem_total', header: 'Mem Total', format: 'bytes' },
  { key: 'mem_free', header: 'Mem Free', format: 'bytes', long: true },
  { key: 'pools', header: 'Pools', long: true, get: (n) => (Array.isArray(n.pools) ? n.pools.length : 0) },
  { key: 'scheduler_node_name', header: 'Scheduler Name', long: true },
  { key: 'security_status', header: 'Security', long: true },
];

/** Pool records are StoragePool messages plus `node_id`, the node that holds the pool. */
export const POOL_COLUMNS: readonly ColumnSpec<Rec>[] = [
  { key: 'uuid', header: 'UUID' },
  { key: 'node_id', header: 'Node' },
  { key: 'ID', header: 'Index' },
  { key: 'Medium', header: 'Medium' },
  { key: 'Cos', header: 'CoS' },
  { key: 'TotalSize', header: 'Total', format: 'bytes' },
  { key: 'Used', header: 'Used', format: 'bytes' },
  { key: 'RaidLevel', header: 'RAID', long: true },
  { key: 'labels', header: 'Labels', format: 'list', long: true, get: (p) => pairs(p.labels) },
  { key: 'last_operation', header: 'Last Operation', long: true, get: (p) => obj(p.last_operation).status },
];

function credentialType(c: Rec): string {
  if (c.aws_credential) return 's3';
  if (c.azure_credential) return 'azure';
  if (c.google_credential) return 'google';
  if (c.nfs_credential) return 'nfs';
  return '';
}

export const CREDENTIAL_COLUMNS: readonly ColumnSpec<Rec>[] = [
  { key: 'credential_id', header: 'ID' },
  { key: 'name', header: 'Name' },
  { key: 'type', header: 'Type', get: credentialType },
  { key: 'bucket', header: 'Bucket' },
  { key: 'endpoint', header: 'Endpoint', long: true, get: (c) => obj(c.aws_credential).endpoint ?? obj(c.nfs_credential).server },
  { key: 'region', header: 'Region', long: true, get: (c) => obj(c.aws_credential).region },
  { key: 'owner', header: 'Owner', long: true, get: (c) => obj(c.ownership).owner },
];

export const BACKUP_COLUMNS: readonly ColumnSpec<Rec>[] = [
  { key: 'id', header: 'ID' },
  { key: 'src_volume_name', header: 'Volume' },
  { key: 'timestamp', header: 'Time', format: 'time' },
  { key: 'status', header: 'Status' },
  { key: 'src_volume_id', header: 'Volume ID', long: true },
  { key: 'metadata', header: 'Metadata', format: 'list', long: true, get: (b) => pairs(b.metadata) },
];

/** Status records are SdkCloudBackupStatus messages plus `task_id`, their key in the SDK's answer. */
export const BACKUP_STATUS_COLUMNS: readonly ColumnSpec<Rec>[] = [
  { key: 'task_id', header: 'Task' },
  { key: 'optype', header: 'Operation' },
  { key: 'status', header: 'Status' },
  { key: 'src_volume_id', header: 'Volume' },
  { key: 'bytes_done', header: 'Done', format: 'bytes' },
  { key: 'bytes_total', header: 'Total', format: 'bytes' },
  { key: 'backup_id', header: 'Backup', long: true },
  { key: 'start_time', header: 'Started', format: 'time', long: true },
  { key: 'completed_time', header: 'Completed', format: 'time', long: true },
  { key: 'eta_seconds', header: 'ETA s', long: true },
];

export const ALERT_COLUMNS: readonly ColumnSpec<Rec>[] = [
  { key: 'id', header: 'ID' },
  { key: 'timestamp', header: 'Time', format: 'time' },
  { key: 'severity', header: 'Severity' },
  { key: 'resource', header: 'Resource' },
  { key: 'resource_id', header: 'Resource ID' },
  { key: 'message', header: 'Message' },
  { key: 'cleared', header: 'Cleared', format: 'bool', long: true },
  { key: 'count', header: 'Count', long: true },
  { key: 'alert_type', header: 'Type', long: true },
  { key: 'first_seen', header: 'First Seen', format: 'time', long: true },
];

export const ROLE_COLUMNS: readonly ColumnSpec<Rec>[] = [
  { key: 'name', header: 'Name' },
  {
    key: 'rules',
    header: 'Rules',
    format: 'list',
    get: (r) => (Array.isArray(r.rules) ? r.rules : []).map((x) => `${((obj(x).services as string[]) ?? []).join(',')}: ${((obj(x).apis as string[]) ?? []).join(',')}`),
  },
];

export const CAPABILITY_COLUMNS: readonly ColumnSpec<Rec>[] = [{ key: 'service', header: 'Service', get: (c) => obj(c.service).type }];

export function describeInterval(i: Rec): string {
  const pad = (n: unknown) => String(n ?? 0).padStart(2, '0');
  const keep = i.retain ? ` keep ${String(i.retain)}` : '';
  if (i.periodic) return `every ${String(obj(i.periodic).seconds)}s${keep}`;
  if (i.daily) return `daily ${pad(obj(i.daily).hour)}:${pad(obj(i.daily).minute)}${keep}`;
  if (i.weekly) return `weekly ${String(obj(i.weekly).day).replace('SdkTimeWeekday', '')} ${pad(obj(i.weekly).hour)}:${pad(obj(i.weekly).minute)}${keep}`;
  if (i.monthly) return `monthly day ${String(obj(i.monthly).day)} ${pad(obj(i.monthly).hour)}:${pad(obj(i.monthly).minute)}${keep}`;
  return '';
}

export const SCHEDULE_COLUMNS: readonly ColumnSpec<Rec>[] = [
  { key: 'name', header: 'Name' },
  { key: 'schedules', header: 'Schedules', format: 'list', get: (p) => (Array.isArray(p.schedules) ? p.schedules : []).map((s) => describeInterval(obj(s))) },
];

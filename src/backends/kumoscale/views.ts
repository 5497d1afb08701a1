// Table columns for KumoScale records. Records stay the provisioner's JSON objects, unknown
// fields included (JSON output shows them as the server sent them: volume and tenant sizes in
// GB, backend capacities in bytes, times in epoch ms); `get` only derives what a table shows.
import type { ColumnSpec } from '../../framework/command.js';
import type { Rec } from './client.js';

type Col = ColumnSpec<Rec>;

const arr = (v: unknown): Rec[] => (Array.isArray(v) ? (v as Rec[]) : []);

/** "Available", or "2 Available, 1 Synchronizing" when the replicas differ. */
export function replicaSummary(v: Rec): string {
  const states = arr(v.location).map((l) => String(l.replicaState ?? 'Unknown'));
  if (states.length === 0) return '';
  const counts = new Map<string, number>();
  for (const s of states) counts.set(s, (counts.get(s) ?? 0) + 1);
  if (counts.size === 1) return states[0]!;
  return [...counts].map(([s, n]) => `${n} ${s}`).join(', ');
}

export function replicaLines(v: Rec): string[] {
  return arr(v.location).map(
    (l) => `${l.uuid ?? '?'} on ${l.backend?.persistentID ?? '?'} (${l.replicaState ?? 'Unknown'}${l.migratingTo ? ` → ${l.migratingTo}` : ''})`,
  );
}

export const VOLUME_COLUMNS: Col[] = [
  { key: 'uuid', header: 'ID' },
  { key: 'alias', header: 'Name' },
  { key: 'capacity', header: 'Size (GB)' },
  { key: 'numReplicas', header: 'Replicas', get: (v) => v.numReplicas ?? arr(v.location).length },
  { key: 'replicaState', header: 'State', get: replicaSummary },
  { key: 'location', header: 'Backends', get: (v) => arr(v.location).map((l) => l.backend?.persistentID), format: 'list', long: true },
  { key: 'provisioningType', header: 'Provisioning', long: true },
  { key: 'writable', header: 'Writable', format: 'bool', long: true },
  { key: 'snapshotID', header: 'Snapshot', long: true },
  { key: 'maxIOPS', header: 'Max IOPS', long: true },
  { key: 'blockSize', header: 'Block Size', long: true },
];

export const VOLUME_SHOW_COLUMNS: Col[] = [
  ...VOLUME_COLUMNS.filter((c) => c.key !== 'location').map((c) => ({ ...c, long: false })),
  { key: 'location', header: 'Replicas (UUID on backend)', get: replicaLines, format: 'list' },
];

export const REPLICA_COLUMNS: Col[] = [
  { key: 'uuid', header: 'Replica' },
  { key: 'backend', header: 'Backend', get: (l) => l.backend?.persistentID },
  { key: 'replicaState', header: 'State' },
  { key: 'currentStateTime', header: 'Since', format: 'time' },
  { key: 'migratingTo', header: 'Migrating To', long: true },
];

const portal = (p: Rec) => `${p.ip ?? '?'}:${p.port ?? '?'}${p.transport ? `/${p.transport}` : ''}`;

export const BACKEND_COLUMNS: Col[] = [
  { key: 'persistentID', header: 'ID' },
  { key: 'mgmtIPs', header: 'Mgmt IPs', format: 'list' },
  { key: 'state', header: 'State' },
  { key: 'inUse', header: 'In Use', format: 'bool' },
  { key: 'rack', header: 'Rack' },
  { key: 'zone', header: 'Zone' },
  { key: 'region', header: 'Region', long: true },
  { key: 'totalCapacity', header: 'Capacity', format: 'bytes' },
  { key: 'availableCapacity', header: 'Available', format: 'bytes' },
  { key: 'portals', header: 'Portals', get: (b) => arr(b.portals).map(portal), format: 'list', long: true },
  { key: 'totalIOPS', header: 'IOPS', long: true },
  { key: 'availableIOPS', header: 'Free IOPS', long: true },
  { key: 'lastProbTime', header: 'Last Probe', format: 'time', long: true },
  { key: 'hostId', header: 'Host', long: true },
];

export const TENANT_COLUMNS: Col[] = [
  { key: 'tenantId', header: 'ID' },
  { key: 'name', header: 'Name' },
  { key: 'capacity', header: 'Capacity (GB)' },
  { key: 'consumedCapacity', header: 'Used (GB)' },
  { key: 'totalIOPS', header: 'IOPS' },
  { key: 'totalBW', header: 'Bandwidth (B/s)' },
];

export const SNAPSHOT_COLUMNS: Col[] = [
  { key: 'snapshotID', header: 'ID' },
  { key: 'alias', header: 'Name' },
  { key: 'volumeID', header: 'Volume' },
  { key: 'capacity', header: 'Size (GB)' },
  { key: 'timestamp', header: 'Created', format: 'time' },
  { key: 'reservedSpace', header: 'Reserved (GB)', long: true },
];

export const HOST_COLUMNS: Col[] = [
  { key: 'uuid', header: 'ID' },
  { key: 'name', header: 'Name' },
  { key: 'nqn', header: 'NQN' },
  { key: 'state', header: 'State' },
  { key: 'lastProbeTime', header: 'Last Probe', format: 'time' },
  { key: 'clientType', header: 'Client', long: true },
  { key: 'version', header: 'Version', long: true },
  { key: 'duration', header: 'Duration (s)', long: true },
];

/** Target columns; `portals` (by backend persistent ID) adds where a host connects. */
export function targetColumns(portals?: Map<string, Rec[]>): Col[] {
  return [
    { key: 'targetName', header: 'Target NQN' },
    { key: 'backend', header: 'Backend', get: (t) => t.backend?.persistentID },
    { key: 'numNamespaces', header: 'Namespaces' },
    ...(portals ? [{ key: 'portals', header: 'Portals', get: (t: Rec) => (portals.get(t.backend?.persistentID) ?? []).map(portal), format: 'list' as const }] : []),
    { key: 'alias', header: 'Alias', long: true },
  ];
}

export const TARGET_COLUMNS: Col[] = targetColumns();

export const TASK_COLUMNS: Col[] = [
  { key: 'taskId', header: 'ID' },
  { key: 'type', header: 'Type', get: (t) => t.taskConfiguration?.type },
  { key: 'state', header: 'State' },
  { key: 'taskStatus', header: 'Status' },
  { key: 'progress', header: 'Progress', get: (t) => (typeof t.progress === 'number' ? `${t.progress}%` : t.progress) },
  { key: 'statusDescription', header: 'Description' },
  { key: 'hostId', header: 'Host', long: true },
  { key: 'taskConfiguration', header: 'Configuration', format: 'json', long: true },
];

export const LICENSE_COLUMNS: Col[] = [
  { key: 'type', header: 'Type' },
  { key: 'expirationDate', header: 'Expires' },
  { key: 'maxBackends', header: 'Max Backends' },
];

export const INFO_COLUMNS: Col[] = [
  { key: 'version', header: 'Version' },
  { key: 'authenticationMode', header: 'Authentication Mode' },
  { key: 'totalFreeSpace', header: 'Total Free Space' },
  { key: 'syslogsBackend', header: 'Syslog', format: 'list' },
];

export const SYSLOG_COLUMNS: Col[] = [
  { key: 'name', header: 'Name' },
  { key: 'url', header: 'URL' },
  { key: 'state', header: 'State' },
  { key: 'useTls', header: 'TLS', format: 'bool' },
  { key: 'certFileName', header: 'Certificate', long: true },
];

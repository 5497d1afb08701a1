// Table columns for OpenStack records. Records stay the APIs' JSON objects (JSON output uses
// the API's field names, the same for list and show); `get` only derives what a table shows.
// Cinder sizes are GiB, as the API gives them (the header says so).
import type { ColumnSpec } from '../../framework/command.js';

type Rec = Record<string, any>;
type Col = ColumnSpec<Rec>;

/** "k1='v1', k2='v2'" like the openstack client prints properties. */
export function formatProperties(md: unknown): string {
  if (!md || typeof md !== 'object') return '';
  return Object.entries(md as Record<string, unknown>)
    .map(([k, v]) => `${k}='${String(v)}'`)
    .join(', ');
}

/** "<server> on <device>" per attachment. */
export function attachedTo(v: Rec): string[] {
  const list = Array.isArray(v.attachments) ? (v.attachments as Rec[]) : [];
  return list.map((a) => `${a.server_id || a.host_name || a.attachment_id || '?'}${a.device ? ` on ${a.device}` : ''}`);
}

export const VOLUME_COLUMNS: Col[] = [
  { key: 'id', header: 'ID' },
  { key: 'name', header: 'Name' },
  { key: 'status', header: 'Status' },
  { key: 'size', header: 'Size (GiB)' },
  { key: 'attachments', header: 'Attached to', get: attachedTo, format: 'list' },
  { key: 'volume_type', header: 'Type', long: true },
  { key: 'bootable', header: 'Bootable', format: 'bool', long: true },
  { key: 'availability_zone', header: 'Availability Zone', long: true },
  { key: 'metadata', header: 'Properties', get: (v) => formatProperties(v.metadata), long: true },
  { key: 'os-vol-tenant-attr:tenant_id', header: 'Project', long: true },
  { key: 'created_at', header: 'Created', format: 'time', long: true },
];

/** `volume show`: the list columns first (with the long ones), then every other field. */
export const VOLUME_SHOW_COLUMNS: Col[] = [
  ...VOLUME_COLUMNS.map((c) => ({ ...c, long: false })),
  { key: 'description', header: 'Description' },
  { key: 'updated_at', header: 'Updated', format: 'time' },
];

export const SNAPSHOT_COLUMNS: Col[] = [
  { key: 'id', header: 'ID' },
  { key: 'name', header: 'Name' },
  { key: 'description', header: 'Description' },
  { key: 'status', header: 'Status' },
  { key: 'size', header: 'Size (GiB)' },
  { key: 'volume_id', header: 'Volume', long: true },
  { key: 'metadata', header: 'Properties', get: (s) => formatProperties(s.metadata), long: true },
  { key: 'os-extended-snapshot-attributes:project_id', header: 'Project', long: true },
  { key: 'created_at', header: 'Created', format: 'time', long: true },
];

export const BACKUP_COLUMNS: Col[] = [
  { key: 'id', header: 'ID' },
  { key: 'name', header: 'Name' },
  { key: 'description', header: 'Description' },
  { key: 'status', header: 'Status' },
  { key: 'size', header: 'Size (GiB)' },
  { key: 'volume_id', header: 'Volume', long: true },
  { key: 'availability_zone', header: 'Availability Zone', long: true },
  { key: 'container', header: 'Container', long: true },
  { key: 'is_incremental', header: 'Incremental', format: 'bool', long: true },
  { key: 'fail_reason', header: 'Fail Reason', long: true },
  { key: 'created_at', header: 'Created', format: 'time', long: true },
];

export const VOLUME_TYPE_COLUMNS: Col[] = [
  { key: 'id', header: 'ID' },
  { key: 'name', header: 'Name' },
  { key: 'is_public', header: 'Is Public', format: 'bool' },
  { key: 'description', header: 'Description', long: true },
  { key: 'extra_specs', header: 'Properties', get: (t) => formatProperties(t.extra_specs), long: true },
];

export const SERVICE_COLUMNS: Col[] = [
  { key: 'binary', header: 'Binary' },
  { key: 'host', header: 'Host' },
  { key: 'zone', header: 'Zone' },
  { key: 'status', header: 'Status' },
  { key: 'state', header: 'State' },
  { key: 'updated_at', header: 'Updated At', format: 'time' },
  { key: 'disabled_reason', header: 'Disabled Reason', long: true },
  { key: 'backend_state', header: 'Backend State', long: true },
];

export const QUOTA_COLUMNS: Col[] = [
  { key: 'resource', header: 'Resource' },
  { key: 'limit', header: 'Limit' },
  { key: 'in_use', header: 'In Use' },
  { key: 'reserved', header: 'Reserved' },
];

export const LIMIT_COLUMNS: Col[] = [
  { key: 'name', header: 'Name' },
  { key: 'value', header: 'Value' },
];

/** Nova's rxtx_factor is a float: 1.0 reads back as 1, shown as "1.0" like the nova client. */
function float1(v: unknown): unknown {
  return typeof v === 'number' && Number.isInteger(v) ? v.toFixed(1) : v;
}

export const FLAVOR_COLUMNS: Col[] = [
  { key: 'id', header: 'ID' },
  { key: 'name', header: 'Name' },
  { key: 'ram', header: 'Memory_MB' },
  { key: 'disk', header: 'Disk' },
  { key: 'OS-FLV-EXT-DATA:ephemeral', header: 'Ephemeral' },
  { key: 'swap', header: 'Swap_MB' },
  { key: 'vcpus', header: 'VCPUs' },
  { key: 'rxtx_factor', header: 'RXTX_Factor', get: (f) => float1(f.rxtx_factor) },
  { key: 'os-flavor-access:is_public', header: 'Is_Public', format: 'bool' },
  { key: 'OS-FLV-DISABLED:disabled', header: 'Disabled', format: 'bool', long: true },
  { key: 'description', header: 'Description', long: true },
];

export const PROJECT_COLUMNS: Col[] = [
  { key: 'id', header: 'ID' },
  { key: 'name', header: 'Name' },
  { key: 'domain_id', header: 'Domain ID', long: true },
  { key: 'description', header: 'Description', long: true },
  { key: 'enabled', header: 'Enabled', format: 'bool', long: true },
];

export const REGION_COLUMNS: Col[] = [
  { key: 'id', header: 'Region' },
  { key: 'parent_region_id', header: 'Parent Region' },
  { key: 'description', header: 'Description' },
];

export function endpointColumns(services: Map<string, { name?: string; type?: string }>): Col[] {
  return [
    { key: 'id', header: 'ID' },
    { key: 'region', header: 'Region', get: (e) => e.region ?? e.region_id },
    { key: 'service_name', header: 'Service Name', get: (e) => services.get(String(e.service_id))?.name ?? '' },
    { key: 'service_type', header: 'Service Type', get: (e) => services.get(String(e.service_id))?.type ?? '' },
    { key: 'enabled', header: 'Enabled', format: 'bool' },
    { key: 'interface', header: 'Interface' },
    { key: 'url', header: 'URL' },
  ];
}

/** Static copy for the manifest (help and -c completion). */
export const ENDPOINT_COLUMNS: Col[] = endpointColumns(new Map());

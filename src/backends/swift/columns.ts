// Columns and shared flags of the Swift commands (presentation only; records come from records.ts).
import type { ColumnSpec, FlagSpec } from '../../framework/command.js';
import { UsageError } from '../../framework/errors.js';
import { metaCell } from './meta.js';

export const SWIFT_BACKENDS = ['swift', 'openstack'] as const;

export const CONCURRENCY_FLAG: FlagSpec = {
  name: 'concurrency',
  type: 'number',
  valueName: 'N',
  description: 'Requests in flight at once (default: 4 objects; 2 segments of one large object)',
};

/** Objects at a time by default. */
export const DEFAULT_CONCURRENCY = 4;
/**
 * Segments of one large object at a time by default: measured against a Swift 2.30 proxy and
 * object server, two parallel streams beat one, and four were slower than two.
 */
export const DEFAULT_SEGMENT_CONCURRENCY = 2;

export function concurrency(v: unknown): number {
  const n = Number(v ?? DEFAULT_CONCURRENCY);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new UsageError('--concurrency must be a whole number from 1 to 64');
  return n;
}

/** Parallel segments of one large object: --concurrency when given, else the default. */
export function segmentConcurrency(v: unknown): number {
  return v === undefined ? DEFAULT_SEGMENT_CONCURRENCY : concurrency(v);
}

export const META_FLAG: FlagSpec = { name: 'meta', short: 'm', type: 'list', valueName: 'KEY=VALUE', description: 'Set a metadata item (repeatable)' };
export const REMOVE_META_FLAG: FlagSpec = { name: 'remove-meta', type: 'list', valueName: 'KEY', description: 'Remove a metadata item (repeatable)' };

export const METADATA_COLUMN: ColumnSpec = { key: 'metadata', header: 'Metadata', get: (r) => metaCell(r.metadata) };

export const OBJECT_COLUMNS: ColumnSpec[] = [
  { key: 'name', header: 'Name', get: (r) => r.name ?? r.subdir },
  { key: 'bytes', header: 'Bytes', format: 'bytes', long: true },
  { key: 'hash', header: 'Hash', long: true },
  { key: 'content_type', header: 'Content type', long: true },
  { key: 'last_modified', header: 'Last modified', format: 'time', long: true },
];

export const CONTAINER_COLUMNS: ColumnSpec[] = [
  { key: 'name', header: 'Name', get: (r) => r.name ?? r.subdir },
  { key: 'count', header: 'Objects', long: true },
  { key: 'bytes', header: 'Bytes', format: 'bytes', long: true },
  { key: 'last_modified', header: 'Last modified', format: 'time', long: true },
];

export const CONTAINER_SHOW_COLUMNS: ColumnSpec[] = [
  { key: 'name', header: 'Name' },
  { key: 'count', header: 'Objects' },
  { key: 'bytes', header: 'Bytes', format: 'bytes' },
  { key: 'read_acl', header: 'Read ACL' },
  { key: 'write_acl', header: 'Write ACL' },
  { key: 'public', header: 'Public', format: 'bool' },
  { key: 'versions_location', header: 'Versions location' },
  { key: 'history_location', header: 'History location' },
  { key: 'storage_policy', header: 'Storage policy' },
  { key: 'quota_bytes', header: 'Quota bytes', format: 'bytes' },
  { key: 'quota_count', header: 'Quota count' },
  { key: 'temp_url_key_set', header: 'Temp URL key set', format: 'bool' },
  METADATA_COLUMN,
  { key: 'created', header: 'Created', format: 'time' },
  { key: 'last_modified', header: 'Last modified', format: 'time' },
];

export const OBJECT_SHOW_COLUMNS: ColumnSpec[] = [
  { key: 'container', header: 'Container' },
  { key: 'name', header: 'Name' },
  { key: 'bytes', header: 'Bytes', format: 'bytes' },
  { key: 'content_type', header: 'Content type' },
  { key: 'hash', header: 'Hash' },
  { key: 'etag', header: 'ETag' },
  { key: 'last_modified', header: 'Last modified', format: 'time' },
  { key: 'large_object', header: 'Large object' },
  { key: 'manifest', header: 'Manifest', format: 'json' },
  METADATA_COLUMN,
  { key: 'delete_at', header: 'Delete at', format: 'time' },
  { key: 'headers', header: 'Headers', format: 'json' },
];

export const TRANSFER_COLUMNS: ColumnSpec[] = [
  { key: 'name', header: 'Object' },
  { key: 'bytes', header: 'Bytes', format: 'bytes' },
  { key: 'status', header: 'Status' },
  { key: 'etag', header: 'ETag', long: true },
  { key: 'segments', header: 'Segments', long: true },
  { key: 'content_type', header: 'Content type', long: true },
  { key: 'source', header: 'Source', long: true },
];

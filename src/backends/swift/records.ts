// Swift's answers as plain records. Field names follow the API's listings (name, bytes, hash,
// content_type, last_modified, count) so a listed entry and a shown one agree; header-only facts
// get snake_case names. Times are ISO 8601, sizes bytes.
import { decodeHeaderValue, extractMeta, httpDateIso, intHeader, timestampIso, trueHeader, unixIso, unquote } from './meta.js';

export interface ObjectRecord extends Record<string, unknown> {
  name: string;
  container: string;
  bytes: number | null;
  hash: string | null;
  content_type: string | null;
  last_modified: string | null;
  slo_etag?: string;
  etag: string | null;
  large_object: 'slo' | 'dlo' | null;
  manifest: Record<string, unknown> | null;
  metadata: Record<string, string>;
  delete_at: string | null;
  headers: Record<string, string>;
}

/** Headers that are transport noise or already fields of the record. */
const OBJECT_SKIP = new Set([
  'content-length', 'content-type', 'etag', 'last-modified', 'x-timestamp', 'x-static-large-object', 'x-manifest-etag', 'x-object-manifest',
  'x-delete-at', 'date', 'connection', 'keep-alive', 'accept-ranges', 'x-trans-id', 'x-openstack-request-id', 'transfer-encoding', 'vary',
]);

export function objectRecord(container: string, name: string, h: Record<string, string>, manifest?: Record<string, unknown>): ObjectRecord {
  const slo = trueHeader(h['x-static-large-object']);
  const dlo = h['x-object-manifest'];
  const rec: ObjectRecord = {
    name,
    container,
    bytes: intHeader(h['content-length']) ?? null,
    hash: (slo ? h['x-manifest-etag'] : unquote(h.etag)) ?? null,
    content_type: h['content-type'] ?? null,
    last_modified: timestampIso(h['x-timestamp']) ?? httpDateIso(h['last-modified']) ?? null,
    etag: unquote(h.etag) ?? null,
    large_object: slo ? 'slo' : dlo ? 'dlo' : null,
    manifest: slo ? (manifest ?? { type: 'slo' }) : dlo ? { type: 'dlo', segment_prefix: decodeURIComponentSafe(dlo) } : null,
    metadata: extractMeta(h, 'object'),
    delete_at: unixIso(h['x-delete-at']) ?? null,
    headers: {},
  };
  if (slo && h.etag) rec.slo_etag = h.etag.startsWith('"') ? h.etag : `"${h.etag}"`;
  for (const [k, v] of Object.entries(h)) {
    if (OBJECT_SKIP.has(k) || k.startsWith('x-object-meta-')) continue;
    rec.headers[k] = decodeHeaderValue(v);
  }
  return rec;
}

function decodeURIComponentSafe(v: string): string {
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
}

const CONTAINER_META_FIELDS = ['quota-bytes', 'quota-count', 'temp-url-key', 'temp-url-key-2'];

export function containerRecord(name: string, h: Record<string, string>): Record<string, unknown> {
  const meta = h;
  return {
    name,
    count: intHeader(h['x-container-object-count']) ?? 0,
    bytes: intHeader(h['x-container-bytes-used']) ?? 0,
    read_acl: h['x-container-read'] ?? null,
    write_acl: h['x-container-write'] ?? null,
    public: isPublic(h['x-container-read']),
    versions_location: h['x-versions-location'] ? decodeURIComponentSafe(h['x-versions-location']) : null,
    history_location: h['x-history-location'] ? decodeURIComponentSafe(h['x-history-location']) : null,
    storage_policy: h['x-storage-policy'] ?? null,
    quota_bytes: intHeader(meta['x-container-meta-quota-bytes']) ?? null,
    quota_count: intHeader(meta['x-container-meta-quota-count']) ?? null,
    temp_url_key_set: !!(h['x-container-meta-temp-url-key'] || h['x-container-meta-temp-url-key-2']),
    metadata: extractMeta(h, 'container', CONTAINER_META_FIELDS),
    created: timestampIso(h['x-timestamp']) ?? null,
    last_modified: httpDateIso(h['last-modified']) ?? null,
  };
}

/** A read ACL that lets anyone read objects (".r:*"). */
export function isPublic(acl: string | undefined): boolean {
  return !!acl && acl.split(',').some((e) => e.trim() === '.r:*');
}

export function accountRecord(storageUrl: string, h: Record<string, string>): Record<string, unknown> {
  const policies: Record<string, Record<string, unknown>> = {};
  for (const [k, v] of Object.entries(h)) {
    const m = /^x-account-storage-policy-(.+)-(container-count|object-count|bytes-used)$/.exec(k);
    if (!m) continue;
    const p = (policies[m[1]!] ??= { name: m[1]! });
    p[{ 'container-count': 'containers', 'object-count': 'objects', 'bytes-used': 'bytes' }[m[2] as 'bytes-used']] = intHeader(v) ?? 0;
  }
  return {
    account: decodeURIComponentSafe(new URL(storageUrl).pathname.split('/').filter(Boolean).pop() ?? ''),
    storage_url: storageUrl,
    containers: intHeader(h['x-account-container-count']) ?? 0,
    objects: intHeader(h['x-account-object-count']) ?? 0,
    bytes: intHeader(h['x-account-bytes-used']) ?? 0,
    quota_bytes: intHeader(h['x-account-meta-quota-bytes']) ?? null,
    temp_url_key_set: !!(h['x-account-meta-temp-url-key'] || h['x-account-meta-temp-url-key-2']),
    metadata: extractMeta(h, 'account', ['quota-bytes', 'temp-url-key', 'temp-url-key-2']),
    policies: Object.values(policies),
    created: timestampIso(h['x-timestamp']) ?? null,
  };
}

// Container requests: PUT/POST (metadata, ACLs, versioning, quotas), HEAD/GET
// (object listing) and DELETE.

import { authorize, isOwner, parseAcl } from './auth.js';
import type { Ctx, HeaderList } from './context.js';
import { deny, fail, failText, header, nextTs, nowSeconds, send } from './context.js';
import { ensureAccount, getAccount } from './account.js';
import { applyMeta, checkMetadata, listingType, listParams, MAX_CONTAINER_NAME, wantsVary } from './common.js';
import { listNames, SwiftContainer, type SwiftObject } from './store.js';
import { fmtTs, httpDate, isoListing, pyJson, safeDecode, xmlAttrEscape, xmlEscape } from './util.js';

const ACCEPTED = '<html><h1>Accepted</h1><p>The request is accepted for processing.</p></html>';

export function containerHeaders(ctx: Ctx, c: SwiftContainer, contentType: string): HeaderList {
  c.sweep(nowSeconds(ctx.st));
  const h: HeaderList = [
    ['Content-Type', contentType],
    ['X-Container-Object-Count', c.count],
    ['X-Container-Bytes-Used', c.bytes],
    ['X-Timestamp', fmtTs(c.ts)],
  ];
  if (isOwner(ctx.identity, ctx.account)) {
    if (c.read !== undefined) h.push(['X-Container-Read', c.read]);
    if (c.write !== undefined) h.push(['X-Container-Write', c.write]);
  }
  if (c.versions) h.push([c.versions.mode === 'stack' ? 'X-Versions-Location' : 'X-History-Location', c.versions.location]);
  for (const [k, v] of c.meta) h.push([k, v]);
  h.push(['Last-Modified', httpDate(c.modTs)], ['Accept-Ranges', 'bytes'], ['X-Storage-Policy', 'Policy-0']);
  return h;
}

/** Validate ACL, versioning, quota and metadata headers; returns the function applying them, or false after sending an error. */
function applyContainerHeaders(ctx: Ctx): false | ((c: SwiftContainer) => void) {
  if (!checkMetadata(ctx, 'container')) return false;
  const acls: Partial<Record<'read' | 'write', string | null>> = {};
  for (const kind of ['read', 'write'] as const) {
    const v = header(ctx, `x-container-${kind}`);
    if (v !== undefined) {
      if (v.trim() === '') acls[kind] = null;
      else {
        try {
          parseAcl(v);
        } catch (msg) {
          failText(ctx, 400, String(msg), 'text/html; charset=UTF-8');
          return false;
        }
        acls[kind] = v
          .split(',')
          .map((x) => x.trim())
          .filter((x) => x)
          .join(',');
      }
    }
    if (header(ctx, `x-remove-container-${kind}`) !== undefined) acls[kind] = null;
  }
  const vl = header(ctx, 'x-versions-location');
  const hl = header(ctx, 'x-history-location');
  if (vl && hl) {
    failText(ctx, 400, 'Only one of x-versions-location or x-history-location may be specified');
    return false;
  }
  let versions: SwiftContainer['versions'] | null | undefined;
  for (const [mode, v] of [['stack', vl], ['history', hl]] as const) {
    if (v === undefined) continue;
    if (v === '') {
      if (!versions) versions = null;
      continue;
    }
    const decoded = safeDecode(v) ?? v;
    if (decoded.includes('/')) {
      failText(ctx, 412, 'Container name cannot contain slashes', 'text/html; charset=UTF-8');
      return false;
    }
    versions = { mode, location: v };
  }
  if (versions === undefined && (header(ctx, 'x-remove-versions-location') !== undefined || header(ctx, 'x-remove-history-location') !== undefined)) {
    versions = null;
  }
  for (const [h, msg] of [
    ['x-container-meta-quota-bytes', 'Invalid bytes quota.'],
    ['x-container-meta-quota-count', 'Invalid count quota.'],
  ] as const) {
    const v = header(ctx, h);
    if (v !== undefined && v !== '' && !/^\d+$/.test(v.trim())) {
      failText(ctx, 400, msg, 'text/html; charset=UTF-8');
      return false;
    }
  }
  return (c: SwiftContainer) => {
    for (const kind of ['read', 'write'] as const) {
      const v = acls[kind];
      if (v === null) c[kind] = undefined;
      else if (v !== undefined) c[kind] = v;
    }
    if (versions === null) c.versions = undefined;
    else if (versions) c.versions = versions;
    applyMeta(ctx, 'container', c.meta);
  };
}

export function handleContainer(ctx: Ctx): void {
  const m = ctx.method;
  if (m === 'OPTIONS') {
    send(ctx, 200, [['Content-Type', 'text/html; charset=UTF-8'], ['Allow', 'POST, HEAD, DELETE, OPTIONS, GET, PUT']]);
    return;
  }
  if (!['GET', 'HEAD', 'PUT', 'POST', 'DELETE'].includes(m)) {
    return fail(ctx, 405, [['Allow', 'POST, HEAD, DELETE, OPTIONS, GET, PUT']]);
  }
  if (Buffer.byteLength(ctx.container) > MAX_CONTAINER_NAME) {
    return failText(ctx, 400, `Container name length of ${Buffer.byteLength(ctx.container)} longer than ${MAX_CONTAINER_NAME}`, 'text/html; charset=UTF-8');
  }
  const a = getAccount(ctx);
  const c = a.containers.get(ctx.container);
  const verdict = authorize(ctx.identity, {
    method: m,
    account: ctx.account,
    level: 'container',
    read: c?.read,
    write: c?.write,
    referer: header(ctx, 'referer'),
  });
  if (verdict !== 'ok') return deny(ctx, verdict);

  if (m === 'PUT') {
    const apply = applyContainerHeaders(ctx);
    if (apply === false) return;
    if (c) {
      apply(c);
      c.modTs = nextTs(ctx.st);
      return send(ctx, 202, [['Content-Type', 'text/html; charset=UTF-8']], ACCEPTED);
    }
    ensureAccount(ctx, a);
    const created = new SwiftContainer(ctx.container, nextTs(ctx.st));
    apply(created);
    a.addContainer(created);
    return send(ctx, 201, [['Content-Type', 'text/html; charset=UTF-8']]);
  }
  if (!c) return fail(ctx, 404);
  if (m === 'POST') {
    const apply = applyContainerHeaders(ctx);
    if (apply === false) return;
    apply(c);
    c.modTs = nextTs(ctx.st);
    return send(ctx, 204, [['Content-Type', 'text/html; charset=UTF-8']]);
  }
  if (m === 'DELETE') {
    c.sweep(nowSeconds(ctx.st));
    if (c.count > 0) return fail(ctx, 409);
    a.removeContainer(c.name);
    return send(ctx, 204, [['Content-Type', 'text/html; charset=UTF-8']]);
  }
  return containerGet(ctx, c);
}

/** One JSON listing row. */
export function listingRow(o: SwiftObject): Record<string, unknown> {
  const row: Record<string, unknown> = {
    bytes: o.slo ? o.slo.size : o.size,
    hash: o.etag,
    name: o.name,
    content_type: o.contentType,
    last_modified: isoListing(o.ts),
  };
  if (o.slo) row.slo_etag = `"${o.slo.etag}"`;
  return row;
}

function containerGet(ctx: Ctx, c: SwiftContainer): void {
  const vary: HeaderList = wantsVary(ctx) ? [['Vary', 'Accept']] : [];
  if (ctx.method === 'HEAD') {
    send(ctx, 204, [...containerHeaders(ctx, c, 'text/plain; charset=utf-8'), ...vary, ['Content-Length', 0]]);
    return;
  }
  const type = listingType(ctx);
  if (!type) return fail(ctx, 406);
  const params = listParams(ctx);
  if (!params) return;
  c.sweep(nowSeconds(ctx.st));
  const entries = listNames(c.sortedNames(), params);
  const h = containerHeaders(ctx, c, `${type}; charset=utf-8`);
  if (type === 'application/json') {
    const rows = entries.map((e) => ('subdir' in e ? { subdir: e.subdir } : listingRow(c.objects.get(e.name)!)));
    return send(ctx, 200, [...h, ...vary], pyJson(rows));
  }
  if (type.endsWith('/xml')) {
    let body = `<?xml version="1.0" encoding="UTF-8"?>\n<container name="${xmlAttrEscape(c.name)}">`;
    for (const e of entries) {
      if ('subdir' in e) {
        body += `<subdir name="${xmlAttrEscape(e.subdir)}"><name>${xmlEscape(e.subdir)}</name></subdir>`;
        continue;
      }
      const r = listingRow(c.objects.get(e.name)!);
      body += `<object><name>${xmlEscape(String(r.name))}</name><hash>${r.hash}</hash><bytes>${r.bytes}</bytes><content_type>${xmlEscape(String(r.content_type))}</content_type><last_modified>${r.last_modified}</last_modified></object>`;
    }
    body += '</container>';
    return send(ctx, 200, [...h, ...vary], body);
  }
  if (entries.length === 0) return send(ctx, 204, [...h, ['Content-Length', 0], ...vary]);
  const body = entries.map((e) => ('subdir' in e ? e.subdir : e.name) + '\n').join('');
  send(ctx, 200, [...h, ...vary], body);
}

/** Container quota check (X-Container-Meta-Quota-Bytes / -Count); returns false after sending 413. */
export function containerQuotaOk(ctx: Ctx, c: SwiftContainer, addBytes: number): boolean {
  const qb = c.meta.get('X-Container-Meta-Quota-Bytes');
  const qc = c.meta.get('X-Container-Meta-Quota-Count');
  if (qb !== undefined && /^\d+$/.test(qb.trim()) && c.bytes + addBytes > Number(qb)) {
    failText(ctx, 413, 'Upload exceeds quota.', 'text/html; charset=UTF-8');
    return false;
  }
  if (qc !== undefined && /^\d+$/.test(qc.trim()) && c.count + 1 > Number(qc)) {
    failText(ctx, 413, 'Upload exceeds quota.', 'text/html; charset=UTF-8');
    return false;
  }
  return true;
}

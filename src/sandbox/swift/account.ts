// Account requests: HEAD/GET (container listing) and POST (metadata, temp URL
// keys, quota); PUT/DELETE are reseller operations.

import { authorize } from './auth.js';
import type { Ctx, HeaderList } from './context.js';
import { deny, fail, header, nextTs, nowSeconds, send } from './context.js';
import { applyMeta, checkMetadata, listingType, listParams, rawHeaders, wantsVary } from './common.js';
import { listNames, SwiftAccount } from './store.js';
import { fmtTs, isoListing, pyJson, xmlAttrEscape, xmlEscape } from './util.js';

export function getAccount(ctx: Ctx, name = ctx.account): SwiftAccount {
  let a = ctx.st.accounts.get(name);
  if (!a) {
    a = new SwiftAccount(name);
    ctx.st.accounts.set(name, a);
  }
  return a;
}

export function ensureAccount(ctx: Ctx, a: SwiftAccount): void {
  if (!a.exists) {
    a.exists = true;
    a.ts = nextTs(ctx.st);
  }
}

function accountHeaders(ctx: Ctx, a: SwiftAccount, contentType: string): HeaderList {
  const now = nowSeconds(ctx.st);
  const t = a.totals(now);
  const h: HeaderList = [
    ['Content-Type', contentType],
    ['X-Account-Container-Count', t.containers],
    ['X-Account-Object-Count', t.objects],
    ['X-Account-Bytes-Used', t.bytes],
  ];
  if (!a.exists) {
    const ts = fmtTs(now);
    h.push(['X-Timestamp', ts], ['X-Put-Timestamp', ts]);
    return h;
  }
  h.push(['X-Timestamp', fmtTs(a.ts)]);
  if (t.containers > 0) {
    h.push(
      ['X-Account-Storage-Policy-Policy-0-Container-Count', t.containers],
      ['X-Account-Storage-Policy-Policy-0-Object-Count', t.objects],
      ['X-Account-Storage-Policy-Policy-0-Bytes-Used', t.bytes],
    );
  }
  for (const [k, v] of a.meta) h.push([k, v]);
  h.push(['Accept-Ranges', 'bytes']);
  return h;
}

export function handleAccount(ctx: Ctx): void {
  const m = ctx.method;
  if (m === 'OPTIONS') {
    send(ctx, 200, [['Content-Type', 'text/html; charset=UTF-8'], ['Allow', 'POST, HEAD, DELETE, OPTIONS, GET, PUT']]);
    return;
  }
  const verdict = authorize(ctx.identity, { method: m, account: ctx.account, level: 'account' });
  if (verdict !== 'ok') return deny(ctx, verdict);
  const a = getAccount(ctx);
  if (m === 'HEAD' || m === 'GET') return accountGet(ctx, a);
  if (m === 'POST') return accountPost(ctx, a);
  if (m === 'PUT' || m === 'DELETE') {
    if (!ctx.identity.reseller) return fail(ctx, 403);
    if (m === 'PUT') {
      const existed = a.exists;
      if (!checkMetadata(ctx, 'account')) return;
      ensureAccount(ctx, a);
      applyMeta(ctx, 'account', a.meta);
      if (existed) return send(ctx, 202, [['Content-Type', 'text/html; charset=UTF-8']], '<html><h1>Accepted</h1><p>The request is accepted for processing.</p></html>');
      return send(ctx, 201, [['Content-Type', 'text/html; charset=UTF-8']]);
    }
    ctx.st.accounts.delete(ctx.account);
    return send(ctx, 204, [['Content-Type', 'text/html; charset=UTF-8']]);
  }
  fail(ctx, 405, [['Allow', 'POST, HEAD, DELETE, OPTIONS, GET, PUT']]);
}

function accountGet(ctx: Ctx, a: SwiftAccount): void {
  const vary: HeaderList = wantsVary(ctx) ? [['Vary', 'Accept']] : [];
  if (ctx.method === 'HEAD') {
    send(ctx, a.exists ? 204 : 200, [...accountHeaders(ctx, a, 'text/plain; charset=utf-8'), ...vary, ['Content-Length', 0]]);
    return;
  }
  const type = listingType(ctx);
  if (!type) return fail(ctx, 406);
  const params = listParams(ctx);
  if (!params) return;
  const entries = listNames(a.sortedNames(), params);
  const h = accountHeaders(ctx, a, `${type}; charset=utf-8`);
  if (type === 'application/json') {
    const items = entries.map((e) => {
      if ('subdir' in e) return { subdir: e.subdir };
      const c = a.containers.get(e.name)!;
      return { name: c.name, count: c.count, bytes: c.bytes, last_modified: isoListing(c.ts) };
    });
    send(ctx, 200, [...h, ...vary], pyJson(items));
    return;
  }
  if (type.endsWith('/xml')) {
    let body = `<?xml version="1.0" encoding="UTF-8"?>\n<account name="${xmlAttrEscape(ctx.account)}">\n`;
    for (const e of entries) {
      if ('subdir' in e) {
        body += `<subdir name="${xmlAttrEscape(e.subdir)}"><name>${xmlEscape(e.subdir)}</name></subdir>\n`;
        continue;
      }
      const c = a.containers.get(e.name)!;
      body += `<container><name>${xmlEscape(c.name)}</name><count>${c.count}</count><bytes>${c.bytes}</bytes><last_modified>${isoListing(c.ts)}</last_modified></container>\n`;
    }
    body += '</account>';
    send(ctx, 200, [...h, ...vary], body);
    return;
  }
  if (entries.length === 0) {
    send(ctx, 204, [...h, ['Content-Length', 0], ...vary]);
    return;
  }
  const body = entries.map((e) => ('subdir' in e ? e.subdir : e.name) + '\n').join('');
  send(ctx, 200, [...h, ...vary], body);
}

function accountPost(ctx: Ctx, a: SwiftAccount): void {
  const touchesQuota = rawHeaders(ctx).some(([n]) => n === 'x-account-meta-quota-bytes' || n === 'x-remove-account-meta-quota-bytes');
  if (touchesQuota) {
    if (!ctx.identity.reseller) return fail(ctx, 403);
    const q = header(ctx, 'x-account-meta-quota-bytes');
    if (q !== undefined && q !== '' && !/^\d+$/.test(q.trim())) return fail(ctx, 400);
  }
  if (!checkMetadata(ctx, 'account')) return;
  ensureAccount(ctx, a);
  applyMeta(ctx, 'account', a.meta);
  send(ctx, 204, [['Content-Type', 'text/html; charset=UTF-8']]);
}

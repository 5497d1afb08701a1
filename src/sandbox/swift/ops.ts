// Store operations shared by several handlers: versioned writes (stack mode
// X-Versions-Location, history mode X-History-Location) and deletes performed
// on behalf of a request's identity (used by DELETE, bulk delete and SLO delete).

import { authorize } from './auth.js';
import type { Ctx } from './context.js';
import { nextTs, nowSeconds } from './context.js';
import type { SwiftAccount, SwiftContainer, SwiftObject } from './store.js';
import { fmtTs, md5hex, safeDecode } from './util.js';

export function archivePrefix(name: string): string {
  return Buffer.byteLength(name, 'utf8').toString(16).padStart(3, '0') + name + '/';
}

export function versionsContainer(a: SwiftAccount, c: SwiftContainer): SwiftContainer | undefined {
  if (!c.versions) return undefined;
  return a.containers.get(safeDecode(c.versions.location) ?? c.versions.location);
}

/** Copy the current version into the versions container. False when that container is missing (Swift: 412). */
export function archiveCurrent(ctx: Ctx, a: SwiftAccount, c: SwiftContainer, old: SwiftObject): boolean {
  const vc = versionsContainer(a, c);
  if (!vc) return false;
  vc.put({ ...old, name: archivePrefix(old.name) + fmtTs(old.ts), ts: nextTs(ctx.st), headers: new Map(old.headers) });
  return true;
}

/** DELETE semantics including versioning; returns the status Swift would answer with. */
export function deleteWithVersions(ctx: Ctx, a: SwiftAccount, c: SwiftContainer, name: string): number {
  const now = nowSeconds(ctx.st);
  const obj = c.get(name, now);
  if (c.versions?.mode === 'history') {
    const vc = versionsContainer(a, c);
    if (!vc) return 412;
    if (obj) archiveCurrent(ctx, a, c, obj);
    const ts = nextTs(ctx.st);
    vc.put({
      name: archivePrefix(name) + fmtTs(ts),
      chunks: [],
      size: 0,
      etag: md5hex(''),
      contentType: 'application/x-deleted;swift_versions_deleted=1',
      ts,
      headers: new Map(),
    });
    if (!obj) return 404;
    c.remove(name);
    return 204;
  }
  if (c.versions?.mode === 'stack') {
    const vc = versionsContainer(a, c);
    if (vc) {
      vc.sweep(now);
      const prefix = archivePrefix(name);
      const names = vc.sortedNames().filter((n) => n.startsWith(prefix));
      for (let i = names.length - 1; i >= 0; i -= 1) {
        const cand = vc.objects.get(names[i]!);
        if (!cand || cand.contentType.startsWith('application/x-deleted')) continue;
        c.put({ ...cand, name, ts: nextTs(ctx.st), headers: new Map(cand.headers) });
        vc.remove(cand.name);
        return 204;
      }
    }
  }
  if (!obj) return 404;
  c.remove(name);
  return 204;
}

/** Delete an object as the request's identity (ACLs apply). */
export function deleteObjectAs(ctx: Ctx, account: string, container: string, object: string): number {
  const a = ctx.st.accounts.get(account);
  const c = a?.containers.get(container);
  const verdict = authorize(ctx.identity, {
    method: 'DELETE',
    account,
    level: 'object',
    read: c?.read,
    write: c?.write,
  });
  if (verdict !== 'ok') return verdict;
  if (!a || !c) return 404;
  return deleteWithVersions(ctx, a, c, object);
}

/** Delete an (empty) container as the request's identity. */
export function deleteContainerAs(ctx: Ctx, account: string, container: string): number {
  const verdict = authorize(ctx.identity, { method: 'DELETE', account, level: 'container' });
  if (verdict !== 'ok') return verdict;
  const a = ctx.st.accounts.get(account);
  const c = a?.containers.get(container);
  if (!a || !c) return 404;
  c.sweep(nowSeconds(ctx.st));
  if (c.count > 0) return 409;
  a.removeContainer(container);
  return 204;
}

// Deleting many objects: the bulk-delete middleware when /info offers it (thousands per
// request), otherwise concurrent DELETEs; static large objects with their segments
// (?multipart-manifest=delete) and dynamic large objects with theirs (the manifest, then every
// object under its X-Object-Manifest prefix, as `swift delete` does) unless segments are kept.
import { StorctlError } from '../../framework/errors.js';
import type { SwiftClient } from './client.js';
import { dloSegments, parseManifestHeader, segmentPrefix } from './dlo.js';
import { trueHeader } from './meta.js';
import { display, encodeName } from './paths.js';
import { eachLimit } from './pool.js';

export interface DeleteTarget {
  container: string;
  name: string;
  /** A static large object manifest (delete its segments too). */
  slo?: boolean;
  /** A dynamic large object manifest: its X-Object-Manifest (delete the segments under it too). */
  dlo?: string;
  /** Of unknown kind (a zero-byte object in a listing may be a DLO manifest): look first. */
  probe?: boolean;
}

/**
 * The object's own headers, not its large object's or a symlink target's: HEAD with
 * ?multipart-manifest=get (no segment listing for a DLO) and ?symlink=get (a symlink to a large
 * object is not that object). Undefined when it does not exist.
 */
export async function headManifest(swift: SwiftClient, container: string, name: string, op = 'delete'): Promise<Record<string, string> | undefined> {
  const res = await swift.request({ method: 'HEAD', container, object: name, query: { 'multipart-manifest': 'get', symlink: 'get' }, accept: [404], op });
  return res.status === 404 ? undefined : res.headers;
}

/** What to delete for an object, from its own headers. */
export function targetFor(container: string, name: string, h: Record<string, string>): DeleteTarget {
  const t: DeleteTarget = { container, name };
  if (trueHeader(h['x-static-large-object'])) t.slo = true;
  else if (h['x-object-manifest'] !== undefined) t.dlo = h['x-object-manifest'];
  return t;
}

export type DeleteStatus = 'deleted' | 'not_found';

export interface DeleteResult extends Record<string, unknown> {
  container: string;
  name: string;
  status: DeleteStatus;
  /** Segments deleted with a manifest. */
  segments?: number;
}

export interface DeleteOptions {
  concurrency: number;
  leaveSegments?: boolean;
  /** Use the bulk-delete middleware when the cluster has it (default true). */
  bulk?: boolean;
  onDone?: (r: DeleteResult) => void;
}

interface BulkAnswer {
  'Number Deleted'?: number;
  'Number Not Found'?: number;
  'Response Status'?: string;
  'Response Body'?: string;
  Errors?: [string, string][];
}

function parseBulk(text: string): BulkAnswer {
  try {
    return JSON.parse(text) as BulkAnswer;
  } catch {
    return { 'Response Status': '500 Internal Error', 'Response Body': text.slice(0, 200) };
  }
}

function bulkFailure(what: string, ans: BulkAnswer): StorctlError {
  const errs = (ans.Errors ?? []).slice(0, 3).map(([n, s]) => `${n}: ${s}`).join('; ');
  return new StorctlError(`${what} failed: ${ans['Response Status'] ?? 'unknown status'}${errs ? ` (${errs}${(ans.Errors?.length ?? 0) > 3 ? '; …' : ''})` : ans['Response Body'] ? ` (${ans['Response Body']})` : ''}`, {
    details: { errors: ans.Errors ?? [] },
  });
}

/** Deletes one static large object and its segments; returns the number of segments removed. */
export async function deleteSlo(swift: SwiftClient, container: string, name: string): Promise<DeleteResult> {
  const res = await swift.request({ method: 'DELETE', container, object: name, query: { 'multipart-manifest': 'delete' }, headers: { accept: 'application/json' }, accept: [404], op: 'delete' });
  if (res.status === 404) return { container, name, status: 'not_found' };
  const ans = parseBulk(res.text());
  const ok = (ans['Response Status'] ?? '200').startsWith('2');
  const onlyMissing = (ans.Errors ?? []).length === 0;
  if (!ok && !onlyMissing) throw bulkFailure(`deleting large object "${container}/${name}"`, ans);
  const deleted = ans['Number Deleted'] ?? 0;
  return { container, name, status: deleted > 0 ? 'deleted' : 'not_found', segments: Math.max(0, deleted - 1) };
}

async function deleteOne(swift: SwiftClient, t: DeleteTarget): Promise<DeleteResult> {
  const res = await swift.request({ method: 'DELETE', container: t.container, object: t.name, accept: [404], op: 'delete' });
  return { container: t.container, name: t.name, status: res.status === 404 ? 'not_found' : 'deleted' };
}

/**
 * Deletes a dynamic large object: the manifest first (so nothing reads a half-deleted object),
 * then every object under its segment prefix. A manifest that is already gone leaves its
 * segments alone (someone else deleted it, maybe to replace it).
 */
export async function deleteDlo(swift: SwiftClient, t: DeleteTarget & { dlo: string }, concurrency: number): Promise<DeleteResult> {
  const ref = parseManifestHeader(t.dlo);
  const done = await deleteOne(swift, t);
  if (done.status === 'not_found' || !ref) {
    if (!ref) swift.ctx.warn(`${display(t.container, t.name)} has X-Object-Manifest "${t.dlo}", which names no CONTAINER/PREFIX: no segments deleted`);
    return done;
  }
  const prefix = segmentPrefix(ref);
  if (prefix !== ref.prefix) {
    swift.ctx.warn(`the X-Object-Manifest of ${display(t.container, t.name)} ("${t.dlo}") does not end with "/": deleting only the objects under "${ref.container}/${prefix}" (as swift delete does)`);
  }
  try {
    const segs = (async function* () {
      for await (const row of dloSegments(swift, ref, prefix)) if (row.name !== undefined) yield { container: ref.container, name: row.name };
    })();
    const results = await deleteObjects(swift, segs, { concurrency });
    return { ...done, segments: results.filter((r) => r.status === 'deleted').length };
  } catch (err) {
    swift.ctx.warn(`deleted the manifest ${display(t.container, t.name)} but not all of its segments under "${ref.container}/${prefix}"; remove them with: storctl object delete ${ref.container} --prefix ${prefix} --yes`);
    throw err;
  }
}

export async function deleteObjects(swift: SwiftClient, targets: AsyncIterable<DeleteTarget> | Iterable<DeleteTarget>, opts: DeleteOptions): Promise<DeleteResult[]> {
  const results: DeleteResult[] = [];
  const done = (r: DeleteResult) => {
    results.push(r);
    opts.onDone?.(r);
  };
  const info = opts.bulk === false ? {} : await swift.info();
  const bulk = info.bulk_delete as { max_deletes_per_request?: number } | undefined;
  const batchMax = Math.max(1, Math.min(bulk?.max_deletes_per_request ?? 10_000, 10_000));
  let batch: DeleteTarget[] = [];
  const slos: DeleteTarget[] = [];
  const dlos: (DeleteTarget & { dlo: string })[] = [];
  const probes: DeleteTarget[] = [];
  const flushes: Promise<void>[] = [];
  const plain: DeleteTarget[] = [];

  const flush = async (items: DeleteTarget[]) => {
    if (items.length === 0) return;
    if (items.length === 1 || !bulk) {
      await eachLimit(items, opts.concurrency, async (t) => done(await deleteOne(swift, t)));
      return;
    }
    const body = items.map((t) => `/${encodeURIComponent(t.container)}/${encodeName(t.name)}`).join('\n') + '\n';
    const res = await swift.request({
      method: 'POST',
      query: { 'bulk-delete': true },
      headers: { 'content-type': 'text/plain', accept: 'application/json' },
      body,
      op: 'bulk-delete objects in',
    });
    const ans = parseBulk(res.text());
    const failed = new Map<string, string>();
    for (const [n, s] of ans.Errors ?? []) failed.set(n, s);
    const status = ans['Response Status'] ?? '200 OK';
    if (!status.startsWith('2') && failed.size === 0 && !(ans['Number Deleted'] || ans['Number Not Found'])) throw bulkFailure('bulk delete', ans);
    if (failed.size > 0) {
      // Retry the failed ones one by one to get per-object errors (409 races, 403...).
      const again = items.filter((t) => failed.has(`/${t.container}/${t.name}`) || failed.has(`/${encodeURIComponent(t.container)}/${encodeName(t.name)}`));
      const okItems = items.filter((t) => !again.includes(t));
      for (const t of okItems) done({ container: t.container, name: t.name, status: 'deleted' });
      await eachLimit(again, opts.concurrency, async (t) => done(await deleteOne(swift, t)));
      return;
    }
    // The middleware reports counts, not names: attribute "not found" to none in particular.
    for (const t of items) done({ container: t.container, name: t.name, status: 'deleted' });
  };

  for await (const t of targets) {
    if (t.slo && !opts.leaveSegments) {
      slos.push(t);
      continue;
    }
    if (t.dlo !== undefined && !opts.leaveSegments) {
      dlos.push(t as DeleteTarget & { dlo: string });
      continue;
    }
    if (t.probe && !opts.leaveSegments) {
      probes.push(t);
      continue;
    }
    if (!bulk) {
      plain.push(t);
      continue;
    }
    batch.push(t);
    if (batch.length >= batchMax) {
      const b = batch;
      batch = [];
      const p = flush(b);
      p.catch(() => {});
      flushes.push(p);
      if (flushes.length >= 2) await flushes.shift();
    }
  }
  // Zero-byte objects of a listing: DLO manifests go with their segments, the rest as usual.
  await eachLimit(probes, opts.concurrency, async (t) => {
    const h = await headManifest(swift, t.container, t.name);
    if (!h) return done({ container: t.container, name: t.name, status: 'not_found' });
    const k = targetFor(t.container, t.name, h);
    if (k.slo) slos.push(k);
    else if (k.dlo !== undefined) dlos.push(k as DeleteTarget & { dlo: string });
    else if (bulk) batch.push(k);
    else plain.push(k);
  });
  await eachLimit(slos, opts.concurrency, async (t) => done(await deleteSlo(swift, t.container, t.name)));
  for (const t of dlos) done(await deleteDlo(swift, t, opts.concurrency));
  if (bulk) {
    for (let i = 0; i < batch.length || i === 0; i += batchMax) {
      const p = flush(batch.slice(i, i + batchMax));
      p.catch(() => {});
      flushes.push(p);
    }
  }
  else await eachLimit(plain, opts.concurrency, async (t) => done(await deleteOne(swift, t)));
  await Promise.all(flushes);
  return results;
}

// Deleting many objects: the bulk-delete middleware when /info offers it (thousands per
// request), otherwise concurrent DELETEs; static large objects with their segments
// (?multipart-manifest=delete) unless segments are to be kept.
import { StorctlError } from '../../framework/errors.js';
import type { SwiftClient } from './client.js';
import { encodeName } from './paths.js';
import { eachLimit } from './pool.js';

export interface DeleteTarget {
  container: string;
  name: string;
  /** A static large object manifest (delete its segments too). */
  slo?: boolean;
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
  await eachLimit(slos, opts.concurrency, async (t) => done(await deleteSlo(swift, t.container, t.name)));
  if (bulk) {
    const p = flush(batch);
    p.catch(() => {});
    flushes.push(p);
  }
  else await eachLimit(plain, opts.concurrency, async (t) => done(await deleteOne(swift, t)));
  await Promise.all(flushes);
  return results;
}

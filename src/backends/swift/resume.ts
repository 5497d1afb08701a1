// Reading a download body that may be cut: when the connection drops (RST, an early FIN, a
// stalled transfer) the rest is asked for again from the cut byte with Range and If-Match (the
// ETag of the first answer), and the bytes keep flowing into the same sink, so the running MD5
// carries on and the file (or stdout) receives one gap-free stream. Resumes are bounded like the
// transport's retries: a few attempts without progress, with backoff, within the retry budget
// (--retry-budget / profile retry_budget, 30 s by default), counted from the last byte received.
import type { Readable } from 'node:stream';
import { ConflictError } from '../../framework/errors.js';
import type { HttpResponse } from '../../transport/http.js';
import { isTransient, type SwiftClient } from './client.js';
import { CutOff, IntegrityError } from './errors.js';

/** Resumes in a row that brought no byte before giving up (the transport's retry count). */
const RETRIES = 3;
const BASE_DELAY_MS = 300;
const MAX_DELAY_MS = 5000;
const DEFAULT_BUDGET_S = 30;

/** Where the bytes of a body go. */
export interface BodySink {
  /** Takes one chunk (hash, write); a promise means "wait before the next one". */
  write(chunk: Buffer): Promise<void> | void;
  /** After a cut: everything taken so far is stored (throws a write error, never a read error). */
  flush(): Promise<void>;
  /**
   * The server answered a resume with the whole body (it ignored Range): forget what was taken
   * and start from byte 0 of the resource, or throw when that is impossible (stdout).
   */
  restart(): Promise<void>;
  /** True when the consumer went away (a closed pipe): stop quietly. */
  stopped?(): boolean;
}

export interface BodySpec {
  /** What to GET for the rest: the object, or a segment object. */
  container: string;
  object: string;
  /** "c/o" or "segment 3 of c/o", for messages. */
  label: string;
  /** Resource position of the first wanted byte (0 = the whole resource). */
  begin: number;
  /** Resource position of the first byte of `first`'s body. */
  pos: number;
  /** Exclusive end of the wanted bytes, when known. */
  end?: number;
  /** Ask for `bytes=pos-(end-1)` rather than `bytes=pos-` (a range of a larger resource). */
  bounded?: boolean;
  /** Entity tag (unquoted) pinned with If-Match on every resume. */
  etag?: string;
  lastModified?: string;
  /** How to finish the give-up message, e.g. "run the same command again to resume from x.part". */
  hint: string;
}

/** Seconds of retry budget: --retry-budget, else the profile's retry_budget, else 30. */
export async function retryBudgetMs(swift: SwiftClient): Promise<number> {
  let s = swift.ctx.globals.retryBudget;
  if (s === undefined) {
    try {
      s = (await swift.ctx.profile()).get<number>('retry_budget');
    } catch {
      /* no profile: the default */
    }
  }
  const n = Number(s ?? DEFAULT_BUDGET_S);
  return Number.isFinite(n) && n >= 0 ? n * 1000 : DEFAULT_BUDGET_S * 1000;
}

/** Start of a 206's Content-Range, and the resource's total length when given. */
export function contentRange(res: HttpResponse): { start: number; last: number; total?: number } | undefined {
  const m = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec((res.headers['content-range'] ?? '').trim());
  if (!m) return undefined;
  return { start: Number(m[1]), last: Number(m[2]), total: m[3] === '*' ? undefined : Number(m[3]) };
}

/** Exclusive end of a response's bytes in the resource (200: its length; 206: the range end). */
export function bodyEnd(res: HttpResponse, pos: number): number | undefined {
  if (res.status === 206) {
    const cr = contentRange(res);
    if (cr) return cr.last + 1;
  }
  const length = Number(res.headers['content-length']);
  return res.headers['content-length'] !== undefined && Number.isFinite(length) ? pos + length : undefined;
}

function causeOf(err: unknown): string {
  const e = err as NodeJS.ErrnoException & { cause?: NodeJS.ErrnoException };
  const msg = (e?.message || String(err)).replace(/\s+/g, ' ').trim();
  const code = e?.code ?? e?.cause?.code;
  return code && !msg.includes(code) ? `${msg} (${code})` : msg;
}

/** Drops a response body; undici reports the abort as an 'error' event, which nobody needs now. */
export function discard(stream: Readable): void {
  stream.on('error', () => {});
  stream.destroy();
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal.reason);
    };
    const t = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Reads one response body to its end; a read error or a short body is a cut (the reason). */
async function drain(stream: Readable, spec: { end?: number; label: string }, at: { pos: number }, sink: BodySink): Promise<{ cut?: unknown; stopped?: boolean }> {
  const it = stream[Symbol.asyncIterator]();
  for (;;) {
    let r: IteratorResult<unknown>;
    try {
      r = await it.next();
    } catch (err) {
      return { cut: err };
    }
    if (r.done) break;
    const b = r.value as Buffer;
    if (spec.end !== undefined && at.pos + b.length > spec.end) {
      discard(stream);
      throw new IntegrityError(`download of ${spec.label}: the server sent more bytes than announced (${at.pos + b.length} > ${spec.end})`, { hint: 'try again' });
    }
    try {
      at.pos += b.length;
      const wait = sink.write(b);
      if (wait) await wait;
    } catch (err) {
      discard(stream);
      throw err;
    }
    if (sink.stopped?.()) {
      discard(stream);
      return { stopped: true };
    }
  }
  if (spec.end !== undefined && at.pos < spec.end) return { cut: new Error(`the body ended after ${at.pos} of ${spec.end} bytes`) };
  return {};
}

/**
 * Pumps `first`'s body and, after every cut, the rest from the cut byte into `sink`. Returns the
 * resource range [from, to) the sink received: `from` is `spec.pos` (or `spec.begin` after a
 * restart). Errors: the user's abort as it came; 412 on a resume → ConflictError; give-up →
 * CutOff (a NetworkError, exit 6) naming the byte it stopped at; sink errors as thrown.
 */
export async function pumpResumable(swift: SwiftClient, first: HttpResponse, spec: BodySpec, sink: BodySink): Promise<{ from: number; to: number; stopped: boolean }> {
  const ctx = swift.ctx;
  const at = { pos: spec.pos };
  let from = spec.pos;
  let end = spec.end;
  let res: HttpResponse | undefined = first;
  let budgetMs: number | undefined;
  let failures = 0;
  let lastProgress = Date.now();
  let cause: unknown;
  for (;;) {
    if (res) {
      const before = at.pos;
      const out = await drain(res.stream, { end, label: spec.label }, at, sink);
      if (out.stopped) return { from, to: at.pos, stopped: true };
      // An error after the last announced byte (a reset instead of a clean close) loses nothing.
      if (out.cut === undefined || (end !== undefined && at.pos === end)) return { from, to: at.pos, stopped: false };
      if (ctx.signal.aborted) throw out.cut;
      // A cut: keep every byte received so far, then ask for the rest.
      await sink.flush();
      cause = out.cut;
      // A stall delivered a few bytes at most: that is not progress, or a trickling server would
      // be resumed for ever.
      const stalled = /^stalled/.test((out.cut as Error)?.message ?? '');
      if (at.pos > before && !stalled) {
        failures = 0;
        lastProgress = Date.now();
      } else {
        failures++;
      }
    }
    budgetMs ??= await retryBudgetMs(swift);
    const elapsed = Date.now() - lastProgress;
    if (failures >= RETRIES || elapsed >= budgetMs) {
      const of = end !== undefined ? ` of ${end - spec.begin}` : '';
      throw new CutOff(`download of ${spec.label} was cut after ${at.pos - spec.begin}${of} bytes and not resumed: ${causeOf(cause)}`, { hint: spec.hint, cause });
    }
    const exp = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** failures);
    const wait = Math.min(Math.round(exp / 2 + Math.random() * (exp / 2)), Math.max(0, budgetMs - elapsed));
    ctx.debug(`download of ${spec.label} cut at byte ${at.pos - spec.begin} (${causeOf(cause)}); resuming from there in ${wait} ms${spec.etag ? ` with If-Match "${spec.etag}"` : ''}`);
    await sleep(wait, ctx.signal);
    res = undefined;
    const headers: Record<string, string> = { range: `bytes=${at.pos}-${spec.bounded && end !== undefined ? end - 1 : ''}` };
    if (spec.etag) headers['if-match'] = `"${spec.etag}"`;
    else if (spec.lastModified) headers['if-unmodified-since'] = spec.lastModified;
    let next: HttpResponse;
    try {
      next = await swift.request({ method: 'GET', container: spec.container, object: spec.object, headers, stream: true, accept: [412], op: 'download' });
    } catch (err) {
      if (ctx.signal.aborted || !isTransient(err)) throw err;
      cause = err;
      failures++;
      continue;
    }
    if (next.status === 412) {
      discard(next.stream);
      throw new ConflictError(`${spec.label} changed while it was being downloaded (it no longer matches ${spec.etag ? `ETag ${spec.etag}` : `its date ${spec.lastModified}`}); nothing was kept`, {
        hint: 'run the same command again to download the new version',
        details: { status: 412 },
      });
    }
    if (next.status === 206) {
      const cr = contentRange(next);
      if (!cr || cr.start !== at.pos || (end !== undefined && cr.last + 1 !== end)) {
        discard(next.stream);
        throw new IntegrityError(`download of ${spec.label}: asked for the bytes from ${at.pos - spec.begin}, got ${next.headers['content-range'] ?? 'no Content-Range'}`, { hint: spec.hint });
      }
      end ??= cr.last + 1;
      res = next;
      continue;
    }
    // 200: the server ignored Range. Only a whole resource can start over.
    const etag = (next.headers.etag ?? '').replace(/^(W\/)?"?|"$/g, '').toLowerCase();
    if (spec.begin !== 0 || spec.bounded) {
      discard(next.stream);
      throw new IntegrityError(`download of ${spec.label}: the server did not honour a range request (HTTP ${next.status})`, { hint: spec.hint });
    }
    if (spec.etag && etag && etag !== spec.etag.toLowerCase()) {
      discard(next.stream);
      throw new ConflictError(`${spec.label} changed while it was being downloaded (its ETag is now ${etag}, was ${spec.etag}); nothing was kept`, {
        hint: 'run the same command again to download the new version',
      });
    }
    try {
      await sink.restart();
    } catch (err) {
      discard(next.stream);
      throw err;
    }
    ctx.debug(`the server ignored the range request (HTTP ${next.status}): downloading ${spec.label} again from the start`);
    at.pos = 0;
    from = 0;
    end = bodyEnd(next, 0);
    res = next;
  }
}

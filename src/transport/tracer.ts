// The --debug / --trace-file tracer. Transports report events (trace-types.ts); the tracer
// redacts them and writes
//  - on the debug stream, OpenStack-client style lines:
//      REQ: curl -g -i -X GET 'https://…' -H 'Accept: application/json' -H 'X-Auth-Token: {SHA256}…'
//      RESP: [200] Content-Type: application/json Content-Length: 12 (5 ms)
//      RESP BODY: {"ok": true}
//      ERR: <message> (N ms)
//      GRPC: /pkg.Service/Method metadata={…} request={…}
//      GRPC STATUS: OK (12 ms) response={…}
//  - in the trace file, one JSON object per line ({"ts", "type", …, "durationMs"}), written
//    synchronously so a crash leaves only complete lines; the file is created with mode 0600.
// Everything written goes through redaction and, last, scrubKnownSecrets; then it is made inert
// (output/inert.ts): control and bidi characters a server sent are escaped on the debug stream
// (line feeds kept) and \u-escaped in the trace file.
import { closeSync, fchmodSync, fstatSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { UsageError } from '../framework/errors.js';
import { dirProblem } from '../config/fs-problem.js';
import type { Writable } from 'node:stream';
import type { GrpcEvent, HeaderMap, HttpErrorEvent, HttpRequestEvent, HttpResponseEvent } from './trace-types.js';
import { inertJson, inertLines } from '../output/inert.js';
import { redactBodyText, redactFreeText, redactHeaders, redactJson, redactUrl, scrubKnownSecrets, scrubPartialSecretTail } from './redact.js';

export interface TracerOptions {
  debug: Writable | null;
  traceFile?: string;
  now?: () => number;
  /** Bytes of a body (or gRPC message JSON) shown before truncation; default 4096. */
  maxBody?: number;
}

type RenderedBody =
  | { kind: 'text'; text: string; truncated: boolean; total: number }
  | { kind: 'binary'; total: number }
  | { kind: 'uncaptured'; total: number }
  | { kind: 'streamed'; total: number | undefined };

const TEXTUAL_TYPE = /^text\/|json|xml|javascript|ecmascript|x-www-form-urlencoded|yaml|csv|graphql/;

/** Single-quote for a POSIX shell: `it's` -> `'it'\''s'`. */
export function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

function headerValue(headers: HeaderMap | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  for (const [k, v] of Object.entries(headers)) {
    if (k.toLowerCase() === name && v !== undefined) return Array.isArray(v) ? v[0] : v;
  }
  return undefined;
}

/** `Name: value` pairs in the order given; array values repeat the name; one line each. */
function headerPairs(headers: HeaderMap): string[] {
  const out: string[] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) out.push(`${name}: ${String(v).replace(/[\r\n]+/g, ' ')}`);
  }
  return out;
}

/** At most `max` UTF-8 bytes of `s`, never splitting a character. */
function truncateUtf8(s: string, max: number): string {
  const b = Buffer.from(s, 'utf8');
  if (b.length <= max) return s;
  let end = max;
  while (end > 0 && (b[end]! & 0xc0) === 0x80) end--;
  return b.subarray(0, end).toString('utf8');
}

const CONTROL_CHARS = /[\x00-\x08\x0e-\x1f\x7f]/;

/** The bytes as text, or null when they are binary (non-text content type, not UTF-8, control bytes). */
function decodeText(bytes: Uint8Array, contentType: string | undefined, cutShort: boolean): string | null {
  const ct = (contentType ?? '').toLowerCase();
  if (ct !== '' && !TEXTUAL_TYPE.test(ct)) return null;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  // A body cut short may end inside a multi-byte character: allow dropping up to 3 bytes.
  for (let drop = 0; drop <= (cutShort ? 3 : 0) && drop < bytes.length; drop++) {
    try {
      const text = decoder.decode(bytes.subarray(0, bytes.length - drop));
      return CONTROL_CHARS.test(text) ? null : text;
    } catch {
      // try one byte less
    }
  }
  return bytes.length === 0 ? '' : null;
}

function ms(d: number): string {
  return String(Number.isFinite(d) ? Math.round(d) : d);
}

/** Why --trace-file FILE cannot be opened, and what to do: one line, exit 2. */
function traceFileError(file: string, err: unknown): UsageError {
  const code = (err as NodeJS.ErrnoException)?.code ?? 'EIO';
  const dir = dirname(file);
  const msg = (why: string, hint: string) => new UsageError(`cannot write trace file ${file}: ${why}`, { hint });
  switch (code) {
    case 'ENOENT':
      return msg(`no such directory (${dir})`, 'create it or pick another path');
    case 'EISDIR':
      return msg('it is a directory', 'name a file inside it, e.g. --trace-file DIR/trace.jsonl');
    case 'EACCES':
    case 'EPERM':
      return msg(`permission denied (${code})`, 'pick a path you can write, or fix the permissions');
    default: {
      const p = dirProblem(dir, err);
      return msg(`directory ${dir} ${p.reason}`, `${p.fix}, or pick another path`);
    }
  }
}

export class Tracer {
  /** False when neither --debug nor --trace-file: transports skip building events. */
  readonly enabled: boolean;
  private readonly debug: Writable | null;
  private fd: number | null = null;
  private readonly now: () => number;
  private readonly maxBody: number;
  private lastId = 0;

  constructor(opts: TracerOptions) {
    this.debug = opts.debug ?? null;
    this.now = opts.now ?? Date.now;
    this.maxBody = opts.maxBody !== undefined && opts.maxBody >= 0 ? Math.floor(opts.maxBody) : 4096;
    if (opts.traceFile) {
      // 'a' = O_WRONLY|O_CREAT|O_APPEND: created 0600, appended to when it exists. A trace
      // that cannot be written is a usage error before any request is sent.
      try {
        this.fd = openSync(opts.traceFile, 'a', 0o600);
      } catch (err) {
        throw traceFileError(opts.traceFile, err);
      }
      try {
        const st = fstatSync(this.fd);
        if (st.isFile() && (st.mode & 0o077) !== 0) fchmodSync(this.fd, 0o600);
      } catch {
        // not ours to tighten (or not a regular file): leave it
      }
    }
    this.enabled = this.debug !== null || this.fd !== null;
  }

  nextId(): number {
    return ++this.lastId;
  }

  httpRequest(e: HttpRequestEvent): void {
    if (!this.enabled) return;
    const headers = redactHeaders(e.headers ?? {});
    const url = redactUrl(String(e.url));
    const method = scrubKnownSecrets(String(e.method));
    const body = this.requestBody(e.body, headerValue(e.headers, 'content-type'));
    if (this.debug) {
      const parts = ['REQ: curl -g -i -X', /^[A-Za-z-]+$/.test(method) ? method : shellQuote(method), shellQuote(url)];
      for (const h of headerPairs(headers)) parts.push('-H', shellQuote(h));
      if (body) parts.push(this.curlBody(body));
      this.writeDebug(parts.join(' '));
    }
    this.writeFile('http.request', { id: e.id, method, url, headers, ...this.fileBody(body) });
  }

  httpResponse(e: HttpResponseEvent): void {
    if (!this.enabled) return;
    const headers = redactHeaders(e.headers ?? {});
    const body = this.responseBody(e.body, e.bodyLength, headerValue(e.headers, 'content-type'));
    if (this.debug) {
      const line = [`RESP: [${e.status}]`, ...headerPairs(headers), `(${ms(e.durationMs)} ms)`].join(' ');
      this.writeDebug(line);
      if (body) this.writeDebug(`RESP BODY: ${this.bodySummary(body)}`);
    }
    this.writeFile('http.response', { id: e.id, status: e.status, headers, ...this.fileBody(body), durationMs: e.durationMs });
  }

  httpError(e: HttpErrorEvent): void {
    if (!this.enabled) return;
    const error = redactFreeText(String(e.error));
    this.writeDebug(`ERR: ${error} (${ms(e.durationMs)} ms)`);
    this.writeFile('http.error', { id: e.id, error, durationMs: e.durationMs });
  }

  grpc(e: GrpcEvent): void {
    if (!this.enabled) return;
    const method = scrubKnownSecrets(String(e.method));
    const metadata = redactHeaders((e.metadata ?? {}) as HeaderMap);
    const request = redactJson(e.request);
    const response = e.response === undefined ? undefined : redactJson(e.response);
    const status = {
      code: e.status?.code,
      name: scrubKnownSecrets(String(e.status?.name ?? '')),
      details: redactFreeText(String(e.status?.details ?? '')),
    };
    if (this.debug) {
      this.writeDebug(`GRPC: ${method} metadata=${this.json(metadata)} request=${this.json(request)}`);
      let line = `GRPC STATUS: ${status.name} (${ms(e.durationMs)} ms)`;
      if (status.details !== '') line += ` details=${JSON.stringify(status.details)}`;
      if (response !== undefined) line += ` response=${this.json(response)}`;
      this.writeDebug(line);
    }
    this.writeFile('grpc', { method, metadata, request, ...(response !== undefined ? { response } : {}), status, durationMs: e.durationMs });
  }

  /** A free-form debug line ("keyring unavailable, using file cache"). */
  note(message: string): void {
    if (!this.enabled) return;
    const text = redactFreeText(String(message));
    this.writeDebug(text);
    this.writeFile('note', { message: text });
  }

  async close(): Promise<void> {
    const fd = this.fd;
    this.fd = null;
    if (fd !== null) {
      try {
        closeSync(fd);
      } catch {
        // already gone
      }
    }
  }

  // -------------------------------------------------------------------------------------------

  private requestBody(body: HttpRequestEvent['body'], contentType: string | undefined): RenderedBody | null {
    if (body === undefined || body === null) return null;
    if (typeof body === 'object' && !(body instanceof Uint8Array)) {
      return { kind: 'streamed', total: typeof body.length === 'number' ? body.length : undefined };
    }
    return this.renderBody(body, contentType, undefined);
  }

  private responseBody(body: Uint8Array | undefined, bodyLength: number | undefined, contentType: string | undefined): RenderedBody | null {
    const declared = typeof bodyLength === 'number' && Number.isFinite(bodyLength) && bodyLength >= 0 ? bodyLength : undefined;
    if (!body || body.byteLength === 0) {
      return declared ? { kind: 'uncaptured', total: declared } : null;
    }
    return this.renderBody(body, contentType, declared);
  }

  private renderBody(body: string | Uint8Array, contentType: string | undefined, declaredTotal: number | undefined): RenderedBody | null {
    const captured = typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength;
    const total = Math.max(declaredTotal ?? captured, captured);
    if (total === 0) return null;
    const cutShort = total > captured;
    const text = typeof body === 'string' ? body : decodeText(body, contentType, cutShort);
    if (text === null) return { kind: 'binary', total };
    let red = redactBodyText(text, contentType);
    if (cutShort) red = scrubPartialSecretTail(red);
    let truncated = cutShort;
    if (Buffer.byteLength(red) > this.maxBody) {
      red = truncateUtf8(red, this.maxBody);
      truncated = true;
    }
    return { kind: 'text', text: red, truncated, total };
  }

  private curlBody(b: RenderedBody): string {
    switch (b.kind) {
      case 'text':
        return `-d ${shellQuote(b.text)}${b.truncated ? `  # truncated, ${b.total} bytes total` : ''}`;
      case 'binary':
        return `--data-binary @-  # binary, ${b.total} bytes`;
      case 'uncaptured':
        return `--data-binary @-  # ${b.total} bytes, not captured`;
      case 'streamed':
        return `--data-binary @-  # streamed, ${b.total === undefined ? 'unknown length' : `${b.total} bytes`}`;
    }
  }

  private bodySummary(b: RenderedBody): string {
    switch (b.kind) {
      case 'text':
        return b.truncated ? `${b.text}… [truncated, ${b.total} bytes total]` : b.text;
      case 'binary':
        return `<binary, ${b.total} bytes>`;
      case 'uncaptured':
        return `<${b.total} bytes, not captured>`;
      case 'streamed':
        return `<streamed, ${b.total === undefined ? 'unknown length' : `${b.total} bytes`}>`;
    }
  }

  /** Trace-file fields: `body` (text only), `bodyKind`, `bodyLength`, `bodyTruncated`. */
  private fileBody(b: RenderedBody | null): Record<string, unknown> {
    if (!b) return {};
    const out: Record<string, unknown> = { bodyKind: b.kind };
    if (b.kind === 'text') out.body = b.text;
    if (b.total !== undefined) out.bodyLength = b.total;
    if (b.kind === 'text' && b.truncated) out.bodyTruncated = true;
    return out;
  }

  /** JSON of an already redacted value, cut at maxBody bytes. */
  private json(v: unknown): string {
    let s: string;
    try {
      s = JSON.stringify(v) ?? 'undefined';
    } catch {
      s = '"[unserializable]"';
    }
    const total = Buffer.byteLength(s);
    return total > this.maxBody ? `${truncateUtf8(s, this.maxBody)}… [truncated, ${total} bytes total]` : s;
  }

  private writeDebug(line: string): void {
    if (!this.debug) return;
    try {
      this.debug.write(inertLines(scrubKnownSecrets(line)) + '\n');
    } catch {
      // a broken stderr must not break the command
    }
  }

  private writeFile(type: string, fields: Record<string, unknown>): void {
    if (this.fd === null) return;
    let ts: string;
    try {
      ts = new Date(this.now()).toISOString();
    } catch {
      ts = new Date().toISOString();
    }
    let line: string;
    try {
      line = JSON.stringify({ ts, type, ...fields });
    } catch {
      line = JSON.stringify({ ts, type, error: 'unserializable event' });
    }
    try {
      // One buffer per line; loop on short writes so a line is never left half written.
      const buf = Buffer.from(inertJson(scrubKnownSecrets(line)) + '\n', 'utf8');
      for (let off = 0; off < buf.length; ) off += writeSync(this.fd, buf, off, buf.length - off);
    } catch (err) {
      // Disk full, file removed...: stop tracing to the file rather than failing the command.
      const fd = this.fd;
      this.fd = null;
      try {
        closeSync(fd);
      } catch {
        // ignore
      }
      this.writeDebug(`trace file disabled: ${(err as Error)?.message ?? String(err)}`);
    }
  }
}

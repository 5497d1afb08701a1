// Small HTTP helpers shared by the Cinder and Nova simulators: body reading,
// OpenStack-style JSON error bodies, microversion parsing, Python-like
// timestamps and query-string encoding. Nothing here knows about volumes.
import type http from 'node:http';
import { randomUUID } from 'node:crypto';

/** An error that maps straight onto an OpenStack fault body, e.g. {"itemNotFound": {...}}. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly kind: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const badRequest = (msg: string): ApiError => new ApiError(400, 'badRequest', msg);
export const notFound = (msg: string): ApiError => new ApiError(404, 'itemNotFound', msg);
export const forbidden = (action: string): ApiError =>
  new ApiError(403, 'forbidden', `Policy doesn't allow ${action} to be performed.`);
export const conflict = (msg: string): ApiError => new ApiError(409, 'conflictingRequest', msg);
export const overLimit = (msg: string): ApiError =>
  new ApiError(413, 'overLimit', msg, { 'Retry-After': '0' });

/** webob's message for a bare HTTPBadRequest. */
export const GENERIC_400 =
  'The server could not comply with the request since it is either malformed or otherwise incorrect.';

/** Raised when no route matches: the real services answer with webob's HTML page. */
export class HtmlNotFound extends Error {}

export const HTML_404 =
  '<html>\n <head>\n  <title>404 Not Found</title>\n </head>\n <body>\n  <h1>404 Not Found</h1>\n' +
  '  The resource could not be found.<br /><br />\n\n\n\n </body>\n</html>';

export const UNAUTHORIZED_BODY = JSON.stringify({
  error: { code: 401, title: 'Unauthorized', message: 'The request you have made requires authentication.' },
});

export function requestId(): string {
  return `req-${randomUUID()}`;
}

const MAX_BODY = 1024 * 1024;

export function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new ApiError(413, 'overLimit', 'Request is too large.'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Parse a JSON body; anything that is not a JSON object is "Malformed request body". */
export function parseJsonObject(buf: Buffer): Record<string, unknown> {
  if (buf.length === 0) throw badRequest('Malformed request body');
  let v: unknown;
  try {
    v = JSON.parse(buf.toString('utf8'));
  } catch {
    throw badRequest('Malformed request body');
  }
  if (!isObj(v)) throw badRequest('Malformed request body');
  return v;
}

export function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Python repr of a JSON value, as jsonschema error messages print it. */
export function pyRepr(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (Array.isArray(v)) return `[${v.map(pyRepr).join(', ')}]`;
  if (isObj(v)) return `{${Object.entries(v).map(([k, x]) => `${pyRepr(k)}: ${pyRepr(x)}`).join(', ')}}`;
  return String(v);
}

/** Value as the "Value: ..." part of a jsonschema message prints it (str(), not repr()). */
export function pyStr(v: unknown): string {
  return typeof v === 'string' ? v : pyRepr(v);
}

/** The 400 body of a failed jsonschema check, in the shape Cinder/Nova print it. */
export function schemaError(field: string, value: unknown, detail: string): ApiError {
  return badRequest(`Invalid input for field/attribute ${field}. Value: ${pyStr(value)}. ${detail}`);
}

// ---------------------------------------------------------------------------
// Microversions

export interface Microversion {
  major: number;
  minor: number;
}

export function mvString(v: Microversion): string {
  return `${v.major}.${v.minor}`;
}

export function mvCmp(a: Microversion, b: Microversion): number {
  return a.major !== b.major ? a.major - b.major : a.minor - b.minor;
}

export function parseMv(s: string): Microversion | undefined {
  const m = /^([1-9]\d*)\.([1-9]\d*|0)$/.exec(s);
  if (!m) return undefined;
  return { major: Number(m[1]), minor: Number(m[2]) };
}

export type MvResult =
  | { ok: true; version: Microversion }
  | { ok: false; error: ApiError; echo?: string };

/**
 * Resolve the requested microversion from an `OpenStack-API-Version` style value
 * (`<service> X.Y` or `<service> latest`). `raw` undefined → default (min).
 */
export function resolveMicroversion(
  raw: string | undefined,
  min: Microversion,
  max: Microversion,
): MvResult {
  if (raw === undefined) return { ok: true, version: min };
  const s = raw.trim();
  if (s === 'latest') return { ok: true, version: max };
  const v = parseMv(s);
  if (!v) {
    return {
      ok: false,
      error: badRequest(`API Version String ${s} is of invalid format. Must be of format MajorNum.MinorNum.`),
    };
  }
  if (mvCmp(v, min) < 0 || mvCmp(v, max) > 0) {
    return {
      ok: false,
      echo: s,
      error: new ApiError(
        406,
        'computeFault',
        `Version ${s} is not supported by the API. Minimum is ${mvString(min)} and maximum is ${mvString(max)}.`,
      ),
    };
  }
  return { ok: true, version: v };
}

/** Pick the value for `service` out of an `OpenStack-API-Version` header ("volume 3.5, compute 2.1"). */
export function headerForService(header: string, service: string): string | undefined {
  for (const part of header.split(',')) {
    const t = part.trim();
    const sp = t.indexOf(' ');
    if (sp < 0) continue;
    if (t.slice(0, sp) === service) return t.slice(sp + 1).trim();
  }
  return undefined;
}

// ---------------------------------------------------------------------------
// Timestamps: Python's datetime.isoformat() with microseconds and no zone.

let lastMicros = 0;

/** Strictly increasing microsecond clock, so created_at ties never happen. */
export function nowMicros(): number {
  const m = Math.floor((performance.timeOrigin + performance.now()) * 1000);
  lastMicros = m > lastMicros ? m : lastMicros + 1;
  return lastMicros;
}

export function pyTime(micros: number): string {
  const ms = Math.floor(micros / 1000);
  const iso = new Date(ms).toISOString(); // 2026-11-22T18:10:34.800Z
  const frac = String(micros % 1_000_000).padStart(6, '0');
  return `${iso.slice(0, 19)}.${frac}`;
}

/** Python's urllib.parse.quote_plus on one component. */
export function quotePlus(s: string): string {
  let out = '';
  for (const b of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9_.\-~]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Rebuild a query string with `marker` replaced and moved to the end (webob MultiDict semantics). */
export function nextQuery(params: URLSearchParams, marker: string): string {
  const items: string[] = [];
  for (const [k, v] of params) if (k !== 'marker') items.push(`${quotePlus(k)}=${quotePlus(v)}`);
  items.push(`marker=${quotePlus(marker)}`);
  return items.join('&');
}

/** Interpret a Python-style boolean string (oslo strutils.bool_from_string, strict). */
export function boolFromString(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v !== 'string') return undefined;
  const s = v.trim().toLowerCase();
  if (['1', 't', 'true', 'on', 'y', 'yes'].includes(s)) return true;
  if (['0', 'f', 'false', 'off', 'n', 'no'].includes(s)) return false;
  return undefined;
}

/** A number Python would print as a float (1.0, not 1). */
export class PyFloat {
  constructor(readonly value: number) {}
}

const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

function pyString(s: string): string {
  if (PLAIN.test(s)) return `"${s}"`;
  return JSON.stringify(s).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** JSON as Python's json.dumps writes it: ", " and ": " separators, ASCII only, floats as 1.0. */
export function toJson(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (v instanceof PyFloat) return Number.isInteger(v.value) ? `${v.value}.0` : String(v.value);
  switch (typeof v) {
    case 'boolean':
      return v ? 'true' : 'false';
    case 'number':
      return Number.isFinite(v) ? String(v) : 'null';
    case 'string':
      return pyString(v);
    default:
      break;
  }
  if (Array.isArray(v)) return `[${v.map(toJson).join(', ')}]`;
  const parts: string[] = [];
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    if (x === undefined) continue;
    parts.push(`${pyString(k)}: ${toJson(x)}`);
  }
  return `{${parts.join(', ')}}`;
}

export function sendRaw(
  res: http.ServerResponse,
  status: number,
  headers: Record<string, string | string[]>,
  body: string,
): void {
  const buf = Buffer.from(body, 'utf8');
  res.writeHead(status, { ...headers, 'Content-Length': String(buf.length) });
  res.end(buf);
}

// Bulk delete (POST|DELETE ?bulk-delete) and the bulk-style response body that
// SLO's multipart-manifest=delete and manifest errors share.

import type { Ctx } from './context.js';
import { bump, header, readBody, sendChunked } from './context.js';
import { deleteContainerAs, deleteObjectAs } from './ops.js';
import { bestMatch, pyJson, pyQuote, statusLine, xmlEscape } from './util.js';

export const ACCEPTABLE_FORMATS = ['text/plain', 'application/json', 'application/xml', 'text/xml'];
export const MAX_DELETES = 10000;
const MAX_PATH = 1024;

export interface BulkResult {
  'Response Status': string;
  'Response Body': string;
  'Number Deleted': number;
  'Number Not Found': number;
}

export function newResult(): BulkResult {
  return { 'Response Status': '200 OK', 'Response Body': '', 'Number Deleted': 0, 'Number Not Found': 0 };
}

/** Format like swift.common.middleware.bulk.get_response_body. */
export function bulkBody(format: string, data: Partial<BulkResult>, errors: [string, string][], root: string): string {
  if (format === 'application/json') return pyJson({ ...data, Errors: errors });
  const keys = Object.keys(data).sort() as (keyof BulkResult)[];
  if (format.endsWith('/xml')) {
    let out = `<${root}>\n`;
    for (const k of keys) {
      const tag = k.replace(/ /g, '_').toLowerCase();
      out += `<${tag}>${xmlEscape(String(data[k]))}</${tag}>\n`;
    }
    out += '<errors>\n';
    for (const [name, status] of errors) out += `<object><name>${xmlEscape(name)}</name><status>${xmlEscape(status)}</status></object>\n`;
    return out + `</errors>\n</${root}>\n`;
  }
  let out = '';
  for (const k of keys) out += `${k}: ${data[k]}\n`;
  out += 'Errors:\n';
  for (const [name, status] of errors) out += `${name}, ${status}\n`;
  return out;
}

/** Tally one delete outcome the way bulk._process_delete does. */
export function tally(res: BulkResult, errors: [string, string][], name: string, status: number): void {
  if (status >= 200 && status < 300) res['Number Deleted'] += 1;
  else if (status === 404) res['Number Not Found'] += 1;
  else errors.push([pyQuote(name), statusLine(status)]);
}

export async function handleBulkDelete(ctx: Ctx): Promise<void> {
  bump(ctx.st, 'bulkDeletes');
  const out = bestMatch(header(ctx, 'accept'), ACCEPTABLE_FORMATS);
  const res = newResult();
  const errors: [string, string][] = [];
  const finish = (): void => {
    const fmt = out ?? 'text/plain';
    sendChunked(ctx, 200, [['Content-Type', fmt]], bulkBody(fmt, res, errors, 'delete'));
  };
  const failWith = (status: number, body = ''): void => {
    res['Response Status'] = statusLine(status);
    res['Response Body'] = body;
    finish();
  };
  if (!out) {
    ctx.req.resume();
    return failWith(406);
  }
  const incoming = header(ctx, 'content-type');
  if (incoming && !incoming.startsWith('text/plain')) {
    ctx.req.resume();
    return failWith(406);
  }
  if (header(ctx, 'content-length') === undefined && (header(ctx, 'transfer-encoding') ?? '').toLowerCase() !== 'chunked') {
    ctx.req.resume();
    return failWith(411);
  }
  const body = await readBody(ctx.req, (MAX_DELETES + 1) * (MAX_PATH * 2 + 1));
  if (!body) return failWith(413, `Maximum Bulk Deletes: ${MAX_DELETES} per request`);
  const names: string[] = [];
  for (const line of body.toString('latin1').split('\n')) {
    if (line.length > MAX_PATH * 2) return failWith(400, 'Invalid File Name');
    const raw = line.trim();
    if (!raw) continue;
    names.push(Buffer.from(unescapeBytes(raw)).toString('utf8'));
    if (names.length > MAX_DELETES) return failWith(413, `Maximum Bulk Deletes: ${MAX_DELETES} per request`);
  }
  const isObject = (n: string): boolean => n.replace(/^\/+|\/+$/g, '').includes('/');
  for (const pass of [true, false]) {
    for (const name of names) {
      if (isObject(name) !== pass) continue;
      const p = name.replace(/^\/+/, '');
      let status: number;
      if (pass) {
        const i = p.indexOf('/');
        status = deleteObjectAs(ctx, ctx.account, p.slice(0, i), p.slice(i + 1));
      } else {
        status = deleteContainerAs(ctx, ctx.account, p.replace(/\/+$/, ''));
      }
      tally(res, errors, name, status);
    }
  }
  if (errors.length) res['Response Status'] = statusLine(400);
  else if (!res['Number Deleted'] && !res['Number Not Found']) {
    res['Response Status'] = statusLine(400);
    res['Response Body'] = 'Invalid bulk delete.';
  }
  finish();
}

/** Percent-decode a latin1 string to raw bytes (invalid escapes kept literally). */
function unescapeBytes(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; i += 1) {
    const ch = s.charCodeAt(i);
    if (ch === 0x25 && /^[0-9a-fA-F]{2}$/.test(s.slice(i + 1, i + 3))) {
      out.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      out.push(ch & 0xff);
    }
  }
  return out;
}

// Small helpers shared by the Swift simulator: Python-compatible string
// formatting (Swift is written in Python and its wire formats show it),
// timestamps, HTTP dates, etags and the standard error bodies.

import { createHash, randomBytes } from 'node:crypto';

/** Python's str.title(): a cased letter is upper-cased when it follows a non-letter. */
export function pyTitle(s: string): string {
  let out = '';
  let prevLetter = false;
  for (const ch of s) {
    const isLetter = ch.toLowerCase() !== ch.toUpperCase();
    if (isLetter) {
      out += prevLetter ? ch.toLowerCase() : ch.toUpperCase();
    } else {
      out += ch;
    }
    prevLetter = isLetter;
  }
  return out;
}

const QUOTE_SAFE = /[A-Za-z0-9_.\-~/]/;

/** urllib.parse.quote(s, safe='/') over the UTF-8 bytes of s. */
export function pyQuote(s: string): string {
  let out = '';
  for (const byte of Buffer.from(s, 'utf8')) {
    const ch = String.fromCharCode(byte);
    out += byte < 0x80 && QUOTE_SAFE.test(ch) ? ch : '%' + byte.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

/** Percent-decoding that never throws; invalid escapes are kept verbatim. */
export function safeDecode(s: string): string | undefined {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}

function pyJsonString(s: string): string {
  // JSON.stringify escapes like Python's json.dumps except that Python (ensure_ascii) also escapes non-ASCII.
  return JSON.stringify(s).replace(/[\u0080-\uffff]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

/** json.dumps() with Python's default separators (", " and ": ") and ensure_ascii. Key order is kept. */
export function pyJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return pyJsonString(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Array.isArray(value)) return '[' + value.map((v) => pyJson(v)).join(', ') + ']';
  if (typeof value === 'object') {
    const parts: string[] = [];
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (v === undefined) continue;
      parts.push(pyJsonString(k) + ': ' + pyJson(v));
    }
    return '{' + parts.join(', ') + '}';
  }
  return 'null';
}

export function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function xmlAttrEscape(s: string): string {
  return xmlEscape(s).replace(/"/g, '&quot;');
}

export function md5hex(data: Buffer | string): string {
  return createHash('md5').update(data).digest('hex');
}

/** Strip surrounding quotes (and a W/ prefix) from an etag. */
export function normalizeEtag(tag: string | undefined): string | undefined {
  if (tag === undefined) return undefined;
  let t = tag.trim();
  if (t.startsWith('W/')) t = t.slice(2);
  if (t.length >= 2 && t.startsWith('"') && t.endsWith('"')) t = t.slice(1, -1);
  return t;
}

/** Swift's internal timestamp format: seconds with five decimals. */
export function fmtTs(ts: number): string {
  return ts.toFixed(5);
}

/** Listing format: 2026-11-22T18:10:29.876830 (UTC, microseconds, no zone). */
export function isoListing(ts: number): string {
  const whole = Math.floor(ts);
  const micros = Math.round((ts - whole) * 1e5) * 10;
  const base = new Date(whole * 1000).toISOString().slice(0, 19);
  return `${base}.${String(Math.min(micros, 999990)).padStart(6, '0')}`;
}

/** Last-Modified: Swift rounds the timestamp up to the next whole second. */
export function httpDate(tsSeconds: number): string {
  return new Date(Math.ceil(tsSeconds) * 1000).toUTCString();
}

export function parseHttpDate(v: string | undefined): number | undefined {
  if (!v) return undefined;
  const ms = Date.parse(v);
  return Number.isNaN(ms) ? undefined : ms / 1000;
}

export function transId(nowSeconds: number): string {
  return 'tx' + randomBytes(11).toString('hex').slice(0, 21) + '-' + Math.floor(nowSeconds).toString(16).padStart(10, '0');
}

export const REASONS: Record<number, [string, string]> = {
  200: ['OK', ''],
  201: ['Created', ''],
  202: ['Accepted', 'The request is accepted for processing.'],
  204: ['No Content', ''],
  206: ['Partial Content', ''],
  304: ['Not Modified', ''],
  400: ['Bad Request', 'The server could not comply with the request since it is either malformed or otherwise incorrect.'],
  401: ['Unauthorized', 'This server could not verify that you are authorized to access the document you requested.'],
  403: ['Forbidden', 'Access was denied to this resource.'],
  404: ['Not Found', 'The resource could not be found.'],
  405: ['Method Not Allowed', 'The method is not allowed for this resource.'],
  406: ['Not Acceptable', 'The resource is not available in a format acceptable to your browser.'],
  409: ['Conflict', 'There was a conflict when trying to complete your request.'],
  411: ['Length Required', 'Content-Length header required.'],
  412: ['Precondition Failed', 'A precondition for this request was not met.'],
  413: ['Request Entity Too Large', 'The body of your request was too large for this server.'],
  416: ['Requested Range Not Satisfiable', 'The Range requested is not available.'],
  422: ['Unprocessable Entity', 'Unable to process the contained instructions'],
  499: ['Client Disconnect', 'The client was disconnected during request.'],
  500: ['Internal Error', 'The server has either erred or is incapable of performing the requested operation.'],
  501: ['Not Implemented', 'The requested method is not implemented by this server.'],
};

export function statusLine(status: number): string {
  return `${status} ${REASONS[status]?.[0] ?? 'Unknown'}`;
}

/** Swift's default HTML error page for a status. */
export function htmlBody(status: number): string {
  const [title, text] = REASONS[status] ?? ['Unknown', ''];
  return `<html><h1>${title}</h1><p>${text}</p></html>`;
}

/** True values as understood by swift.common.utils.config_true_value. */
export function trueValue(v: string | null | undefined): boolean {
  return v !== null && v !== undefined && ['true', '1', 'yes', 'on', 't', 'y'].includes(v.trim().toLowerCase());
}

/** Minimal Accept negotiation (q-values, wildcards); returns the best offer or undefined. */
export function bestMatch(accept: string | undefined, offers: string[]): string | undefined {
  if (accept === undefined || accept.trim() === '') return offers[0];
  const ranges: { type: string; q: number; idx: number }[] = [];
  accept.split(',').forEach((part, idx) => {
    const [typeRaw, ...params] = part.split(';');
    const type = (typeRaw ?? '').trim().toLowerCase();
    if (!type) return;
    let q = 1;
    for (const p of params) {
      const [k, v] = p.split('=').map((x) => x.trim());
      if (k === 'q' && v !== undefined) {
        const n = Number(v);
        q = Number.isFinite(n) ? n : 0;
      }
    }
    ranges.push({ type, q, idx });
  });
  let best: string | undefined;
  let bestQ = 0;
  for (const offer of offers) {
    const [ot, os] = offer.split('/');
    let q = -1;
    let spec = -1;
    for (const r of ranges) {
      const [rt, rs] = r.type.split('/');
      let s = -1;
      if (r.type === offer) s = 2;
      else if (rt === ot && rs === '*') s = 1;
      else if (rt === '*' && (rs === '*' || rs === undefined)) s = 0;
      if (s > spec) {
        spec = s;
        q = r.q;
      }
    }
    void os;
    if (q > bestQ) {
      bestQ = q;
      best = offer;
    }
  }
  return best;
}

/** Compare two strings by their UTF-8 bytes (the order Swift's SQLite listings use). */
export function utf8Compare(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

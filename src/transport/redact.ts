// Secret redaction for --debug, --trace-file and error messages.
//
// Two complementary mechanisms:
//  1. Structural redaction: we know where secrets live (auth headers, query parameters such as
//     temp_url_sig, JSON keys such as "password", Keystone v2 `access.token.id`, ...), so those
//     values are replaced by a fingerprint wherever they appear.
//  2. A process-wide registry: the auth layer registers every password/token/key it handles and
//     scrubKnownSecrets() replaces any occurrence of them (raw, percent-encoded, JSON/shell/HTML
//     escaped, or inside base64 such as a Basic credential) in any text - defence in depth for
//     places we cannot parse (error messages, stack traces, HTML error pages).
//
// A fingerprint is `{SHA256}` + the first 16 hex digits of HMAC-SHA256(key, secret), where the
// key is 32 random bytes drawn once per process: within one run the same secret always gets the
// same fingerprint, so two tokens can be told apart without being shown (the OpenStack clients
// do the same with `{SHA1}`), but a fingerprint copied out of a log is useless for checking
// password guesses offline (a plain, unsalted hash would be).
// Every function here is total: garbage in never throws.
import { createHmac, randomBytes } from 'node:crypto';
import type { HeaderMap } from './trace-types.js';

const FP_PREFIX = '{SHA256}';
const FP_EXACT = /^\{SHA256\}[0-9a-f]{16}$/;
/** Registered values shorter than this are ignored (too likely to match ordinary text). */
export const MIN_SECRET_LENGTH = 6;

/** Per-process HMAC key: fingerprints mean something within one run only. */
const fpKey: Buffer = randomBytes(32);

export function fingerprint(secret: string): string {
  return FP_PREFIX + createHmac('sha256', fpKey).update(String(secret), 'utf8').digest('hex').slice(0, 16);
}

/** Fingerprint, idempotent (an existing fingerprint stays as is) and keeping '' empty. */
function fp(value: string): string {
  if (value === '' || FP_EXACT.test(value)) return value;
  return fingerprint(value);
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

const norm = (k: string): string => k.toLowerCase().replace(/[^a-z0-9]/g, '');

// ---------------------------------------------------------------------------------------------
// Registry of known secrets
// ---------------------------------------------------------------------------------------------

const registry = new Set<string>();
let compiled: { re: RegExp; owners: string[] } | null = null;

/** Remember a secret (password, token, key) so scrubKnownSecrets() hides it everywhere. */
export function registerSecret(value: string): void {
  if (typeof value !== 'string' || value.length < MIN_SECRET_LENGTH) return;
  if (FP_EXACT.test(value) || registry.has(value)) return;
  registry.add(value);
  compiled = null;
}

/** Forget every registered secret (tests; a long-lived process switching profiles). */
export function clearRegisteredSecrets(): void {
  registry.clear();
  compiled = null;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/** `%XX` with either hex case. */
function pctPattern(byte: number): string {
  const hex = byte.toString(16).toUpperCase().padStart(2, '0');
  return '%' + [...hex].map((c) => (/[A-F]/.test(c) ? `[${c}${c.toLowerCase()}]` : c)).join('');
}

function unicodeEscapePattern(ch: string): string {
  let out = '';
  for (let i = 0; i < ch.length; i++) {
    const hex = ch.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0');
    out += '\\\\u' + [...hex].map((c) => (/[A-F]/.test(c) ? `[${c}${c.toLowerCase()}]` : c)).join('');
  }
  return out;
}

const HTML_ESCAPES: Record<string, string[]> = {
  '&': ['&amp;'],
  "'": ['&#39;', '&#x27;', '&apos;'],
  '"': ['&quot;'],
  '<': ['&lt;'],
  '>': ['&gt;'],
};

/** One character of a secret as it may appear raw, percent-encoded, JSON/shell/HTML escaped. */
function charPattern(ch: string): string {
  if (/^[A-Za-z0-9]$/.test(ch)) return ch;
  const alts = new Set<string>([escapeRe(ch)]);
  alts.add([...Buffer.from(ch, 'utf8')].map(pctPattern).join(''));
  if (ch === ' ') alts.add('\\+');
  const json = JSON.stringify(ch).slice(1, -1);
  if (json !== ch) alts.add(escapeRe(json));
  if (ch === '/') alts.add('\\\\/');
  if (ch.charCodeAt(0) > 0x7e || ch.charCodeAt(0) < 0x20 || ch === '"' || ch === '\\') alts.add(unicodeEscapePattern(ch));
  if (ch === "'") alts.add(escapeRe("'\\''"));
  for (const h of HTML_ESCAPES[ch] ?? []) alts.add(escapeRe(h));
  return alts.size === 1 ? [...alts][0]! : `(?:${[...alts].join('|')})`;
}

/**
 * The parts of base64(prefix + secret) fully determined by the secret, for the three byte
 * alignments: they appear inside the base64 of any larger text containing the secret (e.g. a
 * Basic credential `user:password`).
 */
function base64Cores(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const out = new Set<string>();
  for (let k = 0; k < 3; k++) {
    const buf = Buffer.concat([Buffer.alloc(k), bytes]);
    const enc = buf.toString('base64');
    const n = buf.length;
    const drop = Math.ceil((k * 8) / 6);
    const keep = Math.floor(n / 3) * 4 + Math.floor(((n % 3) * 8) / 6);
    const core = enc.slice(drop, keep);
    if (core.length >= MIN_SECRET_LENGTH) {
      out.add(core);
      out.add(core.replace(/\+/g, '-').replace(/\//g, '_'));
    }
  }
  return [...out];
}

function compile(): { re: RegExp; owners: string[] } | null {
  if (registry.size === 0) return null;
  if (compiled) return compiled;
  const entries: { pat: string; len: number; owner: string }[] = [];
  for (const s of registry) {
    entries.push({ pat: [...s].map(charPattern).join(''), len: s.length, owner: s });
    for (const core of base64Cores(s)) {
      if (core !== s) entries.push({ pat: escapeRe(core), len: core.length, owner: s });
    }
  }
  // Longest first so a secret containing another one is replaced as a whole.
  entries.sort((a, b) => b.len - a.len);
  // Existing fingerprints come first and are kept, so scrubbing twice is harmless.
  const re = new RegExp(`\\{SHA256\\}[0-9a-f]{16}|${entries.map((e) => `(${e.pat})`).join('|')}`, 'g');
  compiled = { re, owners: entries.map((e) => e.owner) };
  return compiled;
}

const PEM_PRIVATE_KEY = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g;
const JWT = /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g;

/**
 * Replace every registered secret (and its encoded forms) with its fingerprint. Also hides PEM
 * private keys and JWTs, which are credentials whatever carries them.
 */
export function scrubKnownSecrets(text: string): string {
  try {
    let s = typeof text === 'string' ? text : String(text);
    const c = compile();
    if (c) {
      const { re, owners } = c;
      re.lastIndex = 0;
      s = s.replace(re, (m: string, ...groups: unknown[]) => {
        for (let i = 0; i < owners.length; i++) if (groups[i] !== undefined) return fingerprint(owners[i]!);
        return m;
      });
    }
    if (s.includes('PRIVATE KEY-----')) s = s.replace(PEM_PRIVATE_KEY, (m) => fingerprint(m));
    if (s.includes('eyJ')) s = s.replace(JWT, (m) => fingerprint(m));
    return s;
  } catch {
    return '<unprintable text>';
  }
}

/**
 * For text cut short (a transport keeps only the first bytes of a body): a registered secret
 * cut in the middle leaves a prefix that scrubKnownSecrets cannot recognise. Replace a trailing
 * prefix (at least `minLength` chars) of any registered secret with its fingerprint.
 */
export function scrubPartialSecretTail(text: string, minLength = 4): string {
  let best = 0;
  let owner = '';
  for (const s of registry) {
    for (const form of new Set([s, encodeURIComponent(s)])) {
      for (let k = Math.min(form.length - 1, text.length); k >= minLength && k > best; k--) {
        if (text.endsWith(form.slice(0, k))) {
          best = k;
          owner = s;
          break;
        }
      }
    }
  }
  return best > 0 ? text.slice(0, text.length - best) + fingerprint(owner) : text;
}

// ---------------------------------------------------------------------------------------------
// Headers
// ---------------------------------------------------------------------------------------------

const SENSITIVE_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'x-auth-token',
  'x-subject-token',
  'x-storage-token',
  'x-auth-key',
  'x-storage-pass',
  'x-service-token',
  'cookie',
  'set-cookie',
  'x-account-meta-temp-url-key',
  'x-account-meta-temp-url-key-2',
  'x-container-meta-temp-url-key',
  'x-container-meta-temp-url-key-2',
]);
const SENSITIVE_HEADER_PARTS = ['token', 'secret', 'password', 'passwd', 'api-key', 'api_key', 'apikey', 'temp-url-key', 'private-key'];
/** Names matching a part above that carry no secret (Swift's token lifetime). */
const NON_SECRET_HEADERS = new Set(['x-auth-token-expires']);

export function isSensitiveHeader(name: string): boolean {
  const n = String(name).toLowerCase();
  if (SENSITIVE_HEADERS.has(n)) return true;
  if (NON_SECRET_HEADERS.has(n)) return false;
  return SENSITIVE_HEADER_PARTS.some((p) => n.includes(p));
}

/** `Bearer abc` -> `Bearer {SHA256}…`: the scheme stays, the credential goes. */
function redactAuthValue(v: string): string {
  const m = /^\s*([A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]*)\s+(\S[\s\S]*)$/.exec(v);
  if (m) return `${m[1]} ${fp(m[2]!.trim())}`;
  return fp(v.trim());
}

function redactCookie(v: string): string {
  return v
    .split(';')
    .map((part) => {
      const eq = part.indexOf('=');
      if (eq < 0) return part.trim() === '' ? part : fp(part.trim());
      return `${part.slice(0, eq)}=${fp(part.slice(eq + 1).trim())}`;
    })
    .join(';');
}

/** `name=value; Path=/; HttpOnly` -> only the value is hidden. */
function redactSetCookie(v: string): string {
  const semi = v.indexOf(';');
  const first = semi < 0 ? v : v.slice(0, semi);
  return redactCookie(first) + (semi < 0 ? '' : v.slice(semi));
}

function redactSensitiveHeaderValue(lname: string, v: string): string {
  if (lname === 'authorization' || lname === 'proxy-authorization') return redactAuthValue(v);
  if (lname === 'cookie') return redactCookie(v);
  if (lname === 'set-cookie') return redactSetCookie(v);
  return fp(v);
}

/**
 * Copy of `headers` with credential values fingerprinted (names and order kept). Works for gRPC
 * metadata too (`authorization`). Other values get the free-text treatment (URLs in Location,
 * Link... are redacted; registered secrets scrubbed).
 */
export function redactHeaders(headers: HeaderMap): HeaderMap {
  const out: HeaderMap = {};
  if (!headers || typeof headers !== 'object') return out;
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || value === null) {
      out[name] = undefined;
      continue;
    }
    const lname = name.toLowerCase();
    const sensitive = isSensitiveHeader(lname);
    const one = (v: unknown): string => {
      const s = typeof v === 'string' ? v : v instanceof Uint8Array ? Buffer.from(v).toString('base64') : String(v);
      return sensitive ? scrubKnownSecrets(redactSensitiveHeaderValue(lname, s)) : redactFreeText(s);
    };
    out[name] = Array.isArray(value) ? value.map(one) : one(value);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Keys and parameters
// ---------------------------------------------------------------------------------------------

/** Normalised (lower case, alphanumerics only) keys whose value is a secret. */
const SECRET_KEYS = new Set([
  'password', 'passwd', 'pass', 'pwd', 'secret', 'token', 'passphrase',
  'accesstoken', 'refreshtoken', 'idtoken', 'authtoken', 'sessiontoken', 'securitytoken', 'subjecttoken',
  'clientsecret', 'secretkey', 'secretaccesskey', 'privatekey', 'apikey',
  'accountkey', 'storageaccountkey', 'jsonkey', 'encryptionkey', 'masterkey', 'sharedkey', 'sessionkey', 'sslkey', 'tlskey', 'clientkey',
  'xauthtoken', 'xsubjecttoken', 'xstoragetoken', 'xauthkey', 'xstoragepass', 'xservicetoken',
  'tempurlkey', 'tempurlkey2', 'tempurlsig', 'xaccountmetatempurlkey', 'xaccountmetatempurlkey2',
  'xcontainermetatempurlkey', 'xcontainermetatempurlkey2',
  // KumoScale POST /license {"license": KEY}: the key is what the customer paid for.
  'license', 'licensekey',
]);
/** Keys containing one of these are secrets too (string values only)... */
const SECRET_KEY_PARTS = ['password', 'passwd', 'secret', 'token', 'privatekey', 'apikey', 'passphrase', 'tempurlkey'];
/** ...unless they name something about the secret rather than the secret itself. */
const NON_SECRET_SUFFIXES = [
  'expiresat', 'expires', 'expiry', 'expiration', 'expiresin', 'createdat', 'updatedat', 'issuedat', 'ttl', 'age', 'days',
  'type', 'types', 'ref', 'href', 'url', 'uri', 'endpoint', 'method', 'methods', 'policy', 'rules', 'regex',
  'description', 'hint', 'enabled', 'required', 'count', 'length', 'name', 'path', 'file',
];
/** Query/form parameters that are secrets besides the keys above. */
const SECRET_PARAMS = new Set(['sig', 'signature', 'key', 'xamzsignature', 'xamzsecuritytoken', 'tempurlsig']);
/**
 * A bare `key` is usually an identifier (metadata and label key/value pairs, Swift object names,
 * sort keys), so it is only a secret inside containers that hold credentials or TLS material.
 */
const KEY_PARENTS = new Set(['credential', 'credentials', 'tls', 'ssl', 'auth', 'authentication', 'encryption', 'secret', 'secrets', 'keys']);

/** True when a JSON key / form field named `key` holds a secret. Access keys are identifiers: kept. */
export function isSecretKey(key: string): boolean {
  const n = norm(String(key));
  if (n === '') return false;
  if (SECRET_KEYS.has(n)) return true;
  if (!SECRET_KEY_PARTS.some((p) => n.includes(p))) return false;
  return !NON_SECRET_SUFFIXES.some((s) => n.endsWith(s) && n !== s);
}

function isSecretParam(name: string): boolean {
  const n = norm(name);
  return SECRET_PARAMS.has(n) || n.includes('signature') || isSecretKey(name);
}

/** `a=b&password=x` -> `a=b&password={SHA256}…` (query strings and form bodies). */
function redactParams(q: string): string {
  return q
    .split('&')
    .map((part) => {
      const eq = part.indexOf('=');
      if (eq < 0) return part;
      const name = safeDecode(part.slice(0, eq).replace(/\+/g, ' '));
      if (!isSecretParam(name)) return part;
      return part.slice(0, eq + 1) + fp(safeDecode(part.slice(eq + 1).replace(/\+/g, ' ')));
    })
    .join('&');
}

// ---------------------------------------------------------------------------------------------
// URLs
// ---------------------------------------------------------------------------------------------

/**
 * Hide the userinfo password and secret query/fragment parameters (temp_url_sig, signature, sig,
 * token, access_token, password, secret, key, X-Amz-Signature, client_secret, ...). The rest of
 * the URL is kept byte for byte (no normalisation), then registered secrets are scrubbed.
 */
export function redactUrl(url: string): string {
  let s = typeof url === 'string' ? url : String(url);
  try {
    const hash = s.indexOf('#');
    let frag = hash >= 0 ? s.slice(hash) : '';
    const rest = hash >= 0 ? s.slice(0, hash) : s;
    const qi = rest.indexOf('?');
    let query = qi >= 0 ? rest.slice(qi + 1) : null;
    let base = qi >= 0 ? rest.slice(0, qi) : rest;
    const m = /^([a-zA-Z][a-zA-Z0-9+.-]*:\/\/)([^/]*)([\s\S]*)$/.exec(base);
    if (m) {
      let authority = m[2]!;
      const at = authority.lastIndexOf('@');
      if (at >= 0) {
        const userinfo = authority.slice(0, at);
        const colon = userinfo.indexOf(':');
        if (colon >= 0) authority = userinfo.slice(0, colon + 1) + fp(safeDecode(userinfo.slice(colon + 1))) + authority.slice(at);
      }
      base = m[1] + authority + m[3];
    }
    if (query !== null) query = redactParams(query);
    if (frag.length > 1 && frag.includes('=')) frag = '#' + redactParams(frag.slice(1));
    s = base + (query !== null ? '?' + query : '') + frag;
  } catch {
    // fall through to the scrub below
  }
  return scrubKnownSecrets(s);
}

// ---------------------------------------------------------------------------------------------
// JSON values
// ---------------------------------------------------------------------------------------------

const URL_LIKE = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/\S+$/;

/** The redacted form of a string found under `key` inside an object found under `parent`. */
function redactStringValue(value: string, key: string | undefined, parent: string | undefined): string {
  if (value === '') return value;
  if (key !== undefined) {
    const k = norm(key);
    if (k === 'authorization' || k === 'proxyauthorization') return redactAuthValue(value);
    if (k === 'cookie') return redactCookie(value);
    if (k === 'setcookie') return redactSetCookie(value);
    // Keystone credentials: an EC2 blob is JSON text (access key kept, secret hidden); any other
    // blob (TOTP seed, certificate material) is the secret itself.
    if (k === 'blob') return /^\s*[{[]/.test(value) ? scrubKnownSecrets(redactJsonText(value)) : fp(value);
    if (isSecretKey(key)) return fp(value);
    const p = parent === undefined ? '' : norm(parent);
    if (k === 'id' && p === 'token') return fp(value); // Keystone v2 access.token.id, v3 {"token": {"id"}}
    if (k === 'key' && KEY_PARENTS.has(p)) return fp(value);
  }
  if (URL_LIKE.test(value)) return redactUrl(value);
  return scrubKnownSecrets(value);
}

/** Numbers only count under keys that are secrets by name (a numeric PIN or password). */
function isExactSecretKey(key: string | undefined): boolean {
  return key !== undefined && SECRET_KEYS.has(norm(key));
}

const MAX_DEPTH = 64;

function walk(v: unknown, key: string | undefined, parent: string | undefined, depth: number, path: WeakSet<object>): unknown {
  if (typeof v === 'string') return redactStringValue(v, key, parent);
  if (typeof v === 'number') return isExactSecretKey(key) ? fp(String(v)) : v;
  if (typeof v === 'bigint') return isExactSecretKey(key) ? fp(v.toString()) : v.toString();
  if (typeof v === 'function' || typeof v === 'symbol') return undefined;
  if (v === null || typeof v !== 'object') return v;
  if (v instanceof Uint8Array) {
    if (key !== undefined && isSecretKey(key)) return fp(Buffer.from(v).toString('base64'));
    return `<binary, ${v.byteLength} bytes>`;
  }
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
  if (path.has(v)) return '[Circular]';
  if (depth >= MAX_DEPTH) return '[…]';
  path.add(v);
  try {
    if (Array.isArray(v)) return v.map((x) => walk(x, key, parent, depth + 1, path));
    const entries: [string, unknown][] = v instanceof Map ? [...v.entries()].map(([k, x]) => [String(k), x]) : [];
    if (!(v instanceof Map)) {
      for (const k of Object.keys(v)) {
        let child: unknown;
        try {
          child = (v as Record<string, unknown>)[k];
        } catch {
          child = '[unreadable]';
        }
        entries.push([k, child]);
      }
    }
    const out: Record<string, unknown> = {};
    for (const [k, child] of entries) out[k] = walk(child, k, key, depth + 1, path);
    return out;
  } finally {
    path.delete(v);
  }
}

/**
 * Deep copy of a JSON-like value with secrets fingerprinted. Decisions (by key, case and
 * punctuation ignored): password/passwd/secret/token and anything containing them (but not
 * `password_expires_at`, `token_type`, `secret_ref`...: metadata about a secret); access/refresh/id
 * tokens, client_secret, secret_key, private_key, api_key, account/json/encryption keys; `id`
 * inside a `token` object; `key` only under credential/TLS/auth/encryption parents (a bare `key`
 * is normally a metadata/label name); Keystone credential `blob`s; Authorization/Cookie values.
 * `access_key` and `access` are identifiers and kept. URLs in strings are redactUrl'ed; byte
 * arrays are summarised; cycles and bigints are made JSON-safe. Never throws.
 */
export function redactJson(value: unknown): unknown {
  try {
    return walk(value, undefined, undefined, 0, new WeakSet());
  } catch {
    return '[unredactable value]';
  }
}

// ---------------------------------------------------------------------------------------------
// JSON text (tolerant: works on truncated or slightly broken JSON, keeps formatting and numbers)
// ---------------------------------------------------------------------------------------------

interface Frame {
  kind: 'obj' | 'arr';
  /** Key under which this container sits. */
  key: string | undefined;
  /** Key of the container holding this one. */
  parent: string | undefined;
  pending: string | undefined;
  expectKey: boolean;
}

function decodeJsonString(literal: string, terminated: boolean): string {
  if (terminated) {
    try {
      return JSON.parse(literal) as string;
    } catch {
      return literal.slice(1, -1);
    }
  }
  // Cut short: drop a dangling partial escape and close the string.
  const body = literal.replace(/\\(u[0-9a-fA-F]{0,3})?$/, '');
  try {
    return JSON.parse(body + '"') as string;
  } catch {
    return body.slice(1);
  }
}

function redactJsonText(text: string): string {
  const out: string[] = [];
  const stack: Frame[] = [];
  let last = 0;
  let i = 0;
  const n = text.length;
  const ctx = (): { key: string | undefined; parent: string | undefined } => {
    const top = stack[stack.length - 1];
    if (!top) return { key: undefined, parent: undefined };
    return top.kind === 'obj' ? { key: top.pending, parent: top.key } : { key: top.key, parent: top.parent };
  };
  const replace = (from: number, to: number, replacement: string): void => {
    out.push(text.slice(last, from), replacement);
    last = to;
  };
  while (i < n) {
    const ch = text[i]!;
    const top = stack[stack.length - 1];
    if (ch === '"') {
      let j = i + 1;
      let terminated = false;
      while (j < n) {
        const d = text[j];
        if (d === '\\') {
          j += 2;
          continue;
        }
        if (d === '"') {
          terminated = true;
          break;
        }
        j++;
      }
      const end = terminated ? j + 1 : n;
      const value = decodeJsonString(text.slice(i, end), terminated);
      if (top && top.kind === 'obj' && top.expectKey) {
        top.pending = value;
      } else {
        const { key, parent } = ctx();
        const red = redactStringValue(value, key, parent);
        if (red !== value) replace(i, end, JSON.stringify(red));
      }
      i = end;
      continue;
    }
    if (ch === '{' || ch === '[') {
      const { key, parent } = ctx();
      stack.push({ kind: ch === '{' ? 'obj' : 'arr', key, parent, pending: undefined, expectKey: ch === '{' });
    } else if (ch === '}' || ch === ']') {
      stack.pop();
    } else if (ch === ':') {
      if (top && top.kind === 'obj') top.expectKey = false;
    } else if (ch === ',') {
      if (top && top.kind === 'obj') {
        top.expectKey = true;
        top.pending = undefined;
      }
    } else if (/[-0-9A-Za-z]/.test(ch)) {
      let j = i + 1;
      while (j < n && /[-+.0-9A-Za-z]/.test(text[j]!)) j++;
      const lit = text.slice(i, j);
      if (!(top && top.kind === 'obj' && top.expectKey) && lit !== 'true' && lit !== 'false' && lit !== 'null') {
        if (isExactSecretKey(ctx().key)) replace(i, j, JSON.stringify(fp(lit)));
      }
      i = j;
      continue;
    }
    i++;
  }
  out.push(text.slice(last));
  return out.join('');
}

// ---------------------------------------------------------------------------------------------
// Free text and bodies
// ---------------------------------------------------------------------------------------------

const URL_IN_TEXT = /\b[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^\s'"<>`]+/g;
const QUOTED_PAIR = /(["']?)([A-Za-z0-9_.-]+)\1(\s*[:=]\s*)(["'])((?:\\.|(?!\4)[^\\])*)\4/g;
const UNQUOTED_PAIR = /\b([A-Za-z0-9_.-]*(?:password|passwd|secret|token)[A-Za-z0-9_.-]*)=([^\s&'",;]+)/gi;
const TOKEN_HEADER_IN_TEXT = /\b(X-Auth-Token|X-Subject-Token|X-Storage-Token|X-Service-Token|X-Auth-Key|X-Storage-Pass)(\s*:\s*)([^\s,;'"]+)/gi;
const AUTH_HEADER_IN_TEXT = /\b((?:Proxy-)?Authorization)(\s*:\s*)(?:(Basic|Bearer|Token|Negotiate|Digest)\s+)?([^\s,;'"]+)/gi;

/**
 * Text we cannot parse (error messages, HTML error pages, notes): URLs in it are redactUrl'ed,
 * `"password": "…"`/`password=…`-style pairs and echoed credential headers are hidden, then
 * registered secrets are scrubbed.
 */
export function redactFreeText(text: string): string {
  try {
    let s = typeof text === 'string' ? text : String(text);
    s = s.replace(URL_IN_TEXT, (u) => redactUrl(u));
    s = s.replace(QUOTED_PAIR, (m, q: string, name: string, sep: string, vq: string, value: string) =>
      isSecretParam(name) ? `${q}${name}${q}${sep}${vq}${fp(value)}${vq}` : m,
    );
    s = s.replace(UNQUOTED_PAIR, (m, name: string, value: string) => (isSecretKey(name) ? `${name}=${fp(value)}` : m));
    s = s.replace(TOKEN_HEADER_IN_TEXT, (_m, name: string, sep: string, value: string) => `${name}${sep}${fp(value)}`);
    s = s.replace(AUTH_HEADER_IN_TEXT, (_m, name: string, sep: string, scheme: string | undefined, value: string) =>
      `${name}${sep}${scheme ? scheme + ' ' : ''}${fp(value)}`,
    );
    return scrubKnownSecrets(s);
  } catch {
    return scrubKnownSecrets(String(text));
  }
}

const FORM_BODY = /^[A-Za-z0-9_.~%+[\]-]+=[^&\s]*(?:&[A-Za-z0-9_.~%+[\]-]+(?:=[^&\s]*)?)*$/;

/**
 * Redact a request/response body given as text. JSON (by content type, or text starting with
 * `{`/`[`) goes through a tolerant scanner that also copes with bodies cut short; form-encoded
 * bodies have secret fields hidden; anything else gets redactFreeText. Never throws.
 */
export function redactBodyText(text: string, contentType?: string): string {
  const s = typeof text === 'string' ? text : String(text);
  try {
    if (s === '') return s;
    const ct = (contentType ?? '').toLowerCase();
    const isForm = ct.includes('x-www-form-urlencoded');
    if (!isForm && (ct.includes('json') || /^\s*[{[]/.test(s))) return scrubKnownSecrets(redactJsonText(s));
    if (isForm || ((ct === '' || ct.startsWith('text/plain')) && FORM_BODY.test(s.trim()))) return scrubKnownSecrets(redactParams(s));
    return redactFreeText(s);
  } catch {
    return `<unredactable body, ${Buffer.byteLength(s)} bytes>`;
  }
}

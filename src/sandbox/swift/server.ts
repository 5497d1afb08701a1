// The Swift simulator's HTTP server: v1 auth (tempauth), /info, and the
// /v1/<account>[/<container>[/<object>]] storage API.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ListenOptions, SimulatorHandle, TokenValidator } from '../types.js';
import { handleAccount } from './account.js';
import { ANONYMOUS, resolveToken, TempAuth, type SwiftTempauthUser } from './auth.js';
import { handleBulkDelete } from './bulk.js';
import { handleContainer } from './container.js';
import type { Ctx, SimState } from './context.js';
import { bump, fail, failText, header, newTransId, nowSeconds, send, unauthorized } from './context.js';
import { infoDocument } from './info.js';
import { handleObject } from './object.js';
import { SwiftAccount } from './store.js';
import { checkTempUrl, isTempUrlRequest } from './tempurl.js';
import { htmlBody, pyTitle, safeDecode, trueValue } from './util.js';

export type { SwiftTempauthUser } from './auth.js';

/** The testbed's tempauth users (README-openstack.md), on AUTH_<account> instead of TEMPAUTH_<account>. */
export const SWIFT_SANDBOX_USERS: readonly SwiftTempauthUser[] = Object.freeze([
  { account: 'test', user: 'tester', key: 'testing', admin: true },
  { account: 'test', user: 'tester2', key: 'testing2', admin: false },
  { account: 'test2', user: 'tester2', key: 'testing2', admin: true },
  { account: 'admin', user: 'admin', key: 'admin', admin: true, resellerAdmin: true },
]);

export interface SwiftSimOptions extends ListenOptions {
  /** Keystone tokens → account AUTH_<projectId>; roles admin/member = operator, reader = read-only, ResellerAdmin = every account. */
  validateToken?: TokenValidator;
  /** Default: SWIFT_SANDBOX_USERS. */
  tempauthUsers?: SwiftTempauthUser[];
  /** Default 86400. */
  tokenTtlSeconds?: number;
  /** When set, 401s also carry `WWW-Authenticate: Keystone uri="<keystoneUrl>"` like a keystone-fronted proxy. */
  keystoneUrl?: string;
}

export interface SwiftSim extends SimulatorHandle {
  readonly users: readonly SwiftTempauthUser[];
  /** `<url>/v1/AUTH_<account>`; accepts "test" or "AUTH_test". */
  storageUrl(account: string): string;
  /** The token v1 auth would return for "account:user" (same token while it lives). */
  issueToken(accountUser: string): string;
  /** TTL for tokens issued from now on. */
  setTokenTtl(seconds: number): void;
  /** Invalidate every tempauth token. */
  expireTokens(): void;
  /** Move the simulator's clock forward (token expiry, X-Delete-At, temp URL expiry, timestamps). */
  advanceClock(seconds: number): void;
  /** Set (or with undefined remove) account metadata without HTTP, e.g. "X-Account-Meta-Quota-Bytes". */
  setAccountMeta(account: string, name: string, value: string | undefined): void;
  /** Drop all accounts, tokens and counters. */
  reset(): void;
}

const AUTH_PATHS = new Set(['/auth/v1.0', '/auth/v1.0/', '/auth/v1', '/auth/v1/', '/v1.0', '/v1.0/']);
const COUNTERS = ['authRequests', 'requests', 'tokenValidations', 'tempurlRequests', 'bulkDeletes', 'unauthorized', 'forbidden', 'bytesIn'];
const METHODS = ['GET', 'HEAD', 'PUT', 'POST', 'DELETE', 'COPY', 'OPTIONS'];

function initCounters(c: Record<string, number>): void {
  for (const k of Object.keys(c)) delete c[k];
  for (const k of [...COUNTERS, ...METHODS]) c[k] = 0;
}

function accountName(a: string): string {
  return a.startsWith('AUTH_') ? a : `AUTH_${a}`;
}

function handleAuth(ctx: Ctx): void {
  bump(ctx.st, 'authRequests');
  if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return fail(ctx, 405);
  let user = header(ctx, 'x-auth-user') ?? header(ctx, 'x-storage-user');
  const key = header(ctx, 'x-auth-key') ?? header(ctx, 'x-storage-pass');
  // GET /auth/v1/<account>/auth: the account comes from the path, the user may omit it.
  const inPath = /^\/auth\/v1\/([^/]+)\/auth\/?$/.exec(ctx.path)?.[1];
  if (inPath !== undefined && user !== undefined) {
    if (!user.includes(':')) user = `${inPath}:${user}`;
    else if (user.split(':')[0] !== inPath) return unauthorized(ctx, 'unknown');
  }
  const u = user && key !== undefined ? ctx.st.tempauth.findUser(user, key) : undefined;
  if (!u) return unauthorized(ctx, 'unknown');
  const now = nowSeconds(ctx.st);
  const rec = ctx.st.tempauth.issue(u, now, trueValue(header(ctx, 'x-auth-new-token')));
  const host = header(ctx, 'host');
  const base = host ? `http://${host}` : ctx.st.baseUrl;
  send(ctx, 200, [
    ['Content-Type', 'text/html; charset=UTF-8'],
    ['X-Auth-Token', rec.token],
    ['X-Storage-Token', rec.token],
    ['X-Auth-Token-Expires', Math.max(0, Math.floor(rec.expiresAt - now))],
    ['X-Storage-Url', `${base}/v1/AUTH_${u.account}`],
    ['Content-Length', 0],
  ]);
}

async function route(ctx: Ctx): Promise<void> {
  const rawUrl = ctx.req.url ?? '/';
  const qi = rawUrl.indexOf('?');
  const rawPath = qi >= 0 ? rawUrl.slice(0, qi) : rawUrl;
  const path = safeDecode(rawPath);
  if (path === undefined || path.includes('\0')) return failText(ctx, 412, 'Invalid UTF8 or contains NULL', 'text/html; charset=UTF-8');
  ctx.path = path;
  if (AUTH_PATHS.has(path) || /^\/auth\/v1\/[^/]+\/auth\/?$/.test(path)) return handleAuth(ctx);
  if (path === '/info') {
    if (ctx.method === 'OPTIONS') return send(ctx, 200, [['Content-Type', 'text/html; charset=UTF-8'], ['Allow', 'HEAD, GET, OPTIONS']]);
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return fail(ctx, 405, [['Allow', 'HEAD, GET, OPTIONS']]);
    return send(ctx, 200, [['Content-Type', 'application/json; charset=UTF-8']], infoDocument());
  }
  if (path === '/healthcheck') return send(ctx, 200, [['Content-Type', 'text/plain']], 'OK');
  if (!path.startsWith('/v1/')) {
    if (path === '/v1') return failText(ctx, 412, 'Bad URL', 'text/html; charset=UTF-8');
    return fail(ctx, 404);
  }
  const rest = path.slice(4);
  const i1 = rest.indexOf('/');
  ctx.account = i1 < 0 ? rest : rest.slice(0, i1);
  const after = i1 < 0 ? '' : rest.slice(i1 + 1);
  const i2 = after.indexOf('/');
  ctx.container = i2 < 0 ? after : after.slice(0, i2);
  ctx.object = i2 < 0 ? '' : after.slice(i2 + 1);
  if (!ctx.account || (!ctx.container && ctx.object)) return failText(ctx, 412, 'Bad URL', 'text/html; charset=UTF-8');

  if (isTempUrlRequest(ctx)) {
    if (!checkTempUrl(ctx)) return;
    return handleObject(ctx);
  }
  const token = header(ctx, 'x-auth-token') ?? header(ctx, 'x-storage-token');
  const isBulk = (ctx.method === 'POST' || ctx.method === 'DELETE') && ctx.query.has('bulk-delete');
  if (token) {
    const id = resolveToken(token, ctx.st.tempauth, ctx.st.validateToken, nowSeconds(ctx.st), () => bump(ctx.st, 'tokenValidations'));
    if (id) ctx.identity = id;
    // tempauth owns tokens with its reseller prefix and rejects unknown ones at once; any other
    // unvalidated token (e.g. an invalid Keystone token) leaves the request anonymous, so public ACLs still apply.
    else if (token.startsWith('AUTH_') && !isBulk) return unauthorized(ctx);
  }
  if (isBulk) return handleBulkDelete(ctx);
  if (!ctx.container) return handleAccount(ctx);
  if (!ctx.object) return handleContainer(ctx);
  return handleObject(ctx);
}

function onRequest(st: SimState, req: IncomingMessage, res: ServerResponse): void {
  const method = (req.method ?? 'GET').toUpperCase();
  bump(st, 'requests');
  bump(st, method);
  const rawUrl = req.url ?? '/';
  const qi = rawUrl.indexOf('?');
  const ctx: Ctx = {
    st,
    req,
    res,
    method,
    path: '',
    query: new URLSearchParams(qi >= 0 ? rawUrl.slice(qi + 1) : ''),
    account: '',
    container: '',
    object: '',
    identity: ANONYMOUS,
    transId: newTransId(st),
  };
  route(ctx).catch(() => {
    if (!res.headersSent) {
      try {
        send(ctx, 500, [['Content-Type', 'text/html; charset=UTF-8']], htmlBody(500));
      } catch {
        res.destroy();
      }
    } else {
      res.destroy();
    }
  });
}

export async function startSwift(opts: SwiftSimOptions = {}): Promise<SwiftSim> {
  const users = (opts.tempauthUsers ?? SWIFT_SANDBOX_USERS).map((u) => ({ ...u }));
  const counters: Record<string, number> = {};
  initCounters(counters);
  const st: SimState = {
    accounts: new Map(),
    tempauth: new TempAuth(users, opts.tokenTtlSeconds ?? 86400),
    users,
    validateToken: opts.validateToken,
    keystoneUrl: opts.keystoneUrl,
    counters,
    clockOffset: 0,
    lastTs: 0,
    baseUrl: '',
  };
  const server = createServer((req, res) => onRequest(st, req, res));
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  st.baseUrl = url;

  return {
    url,
    port,
    counters,
    users,
    storageUrl: (account) => `${url}/v1/${accountName(account)}`,
    issueToken(accountUser) {
      const [acct, ...rest] = accountUser.split(':');
      const u = users.find((x) => x.account === acct && x.user === rest.join(':'));
      if (!u) throw new Error(`unknown tempauth user ${accountUser}`);
      return st.tempauth.issue(u, nowSeconds(st)).token;
    },
    setTokenTtl(seconds) {
      st.tempauth.ttlSeconds = seconds;
    },
    expireTokens() {
      st.tempauth.expireAll();
    },
    advanceClock(seconds) {
      st.clockOffset += seconds;
    },
    setAccountMeta(account, name, value) {
      const n = accountName(account);
      let a = st.accounts.get(n);
      if (!a) {
        a = new SwiftAccount(n);
        st.accounts.set(n, a);
      }
      if (!a.exists) {
        a.exists = true;
        a.ts = nowSeconds(st);
      }
      const key = pyTitle(name.toLowerCase());
      if (value === undefined || value === '') a.meta.delete(key);
      else a.meta.set(key, value);
    },
    reset() {
      st.accounts.clear();
      st.tempauth.expireAll();
      st.clockOffset = 0;
      initCounters(counters);
    },
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

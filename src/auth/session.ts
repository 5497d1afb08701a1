// One authenticated session per command: from the token cache when a fresh token is there,
// otherwise a login under a cross-process lock (so parallel jobs share one token), stored
// back atomically. The cache key includes a keyed fingerprint of the secret the login sends
// (cache-key.ts), so a token is only ever reused by a profile holding the same secret.
// authedRequest adds the credential and re-authenticates once on a 401.
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { hostname } from 'node:os';
import type { Context } from '../framework/context.js';
import { AuthError, UsageError } from '../framework/errors.js';
import type { HttpRequest, HttpResponse } from '../transport/http.js';
import { registerSecret } from '../transport/redact.js';
import { cacheDir, cacheDirProblem } from '../config/paths.js';
import { openCredentialStore, openTokenStore } from './stores.js';
import { isStoreMarker } from '../config/schema.js';
import { TokenCache } from './token-cache.js';
import { cacheKey, fingerprintKey, secretFingerprint } from './cache-key.js';
import type { AuthProvider, ProviderEnv, SecretName } from './provider.js';
import { providerFor } from './select.js';
import { isFresh, type AuthSession, type TokenRecord } from './types.js';

interface SessionState {
  provider: AuthProvider;
  env: ProviderEnv;
  cache?: TokenCache;
  key?: string;
  /** The same identity's unscoped token, which can be re-scoped without sending the secret. */
  unscopedKey?: string;
  session?: Promise<AuthSession>;
}

const states = new WeakMap<Context, Promise<SessionState>>();

/**
 * False (after ONE warning naming the dir and the fix) when the cache dir cannot be written:
 * callers then run without the token cache, the lock and the KumoScale memo.
 */
export async function cacheUsable(ctx: Context): Promise<boolean> {
  const problem = await cacheDirProblem(ctx.env);
  if (!problem) return true;
  ctx.warn(problem.warning);
  return false;
}

/** The keyring/file account under which `profile set --password` keeps a profile's secret. */
export function storedSecretAccount(profile: string, name: SecretName): string {
  return `${name}-${profile}`;
}

async function state(ctx: Context): Promise<SessionState> {
  let s = states.get(ctx);
  if (!s) {
    s = (async () => {
      const profile = await ctx.profile();
      const provider = providerFor(profile);
      /** A secret the profile, environment or credential store holds: never prompts. */
      const knownSecret = async (name: SecretName): Promise<string | undefined> => {
        const value = profile.get(name);
        // "keyring" or "file": `profile set` keeps the value in the credential store.
        if (value && !isStoreMarker(value)) {
          registerSecret(value);
          return value;
        }
        const creds = await openCredentialStore(ctx);
        const stored = await creds.lookup(storedSecretAccount(profile.name, name), value);
        if (stored) {
          registerSecret(stored.value);
          return stored.value;
        }
        if (value) ctx.debug(`${name} of profile ${profile.name} is "${value}" but ${creds.summary} has none`);
        return undefined;
      };
      const env: ProviderEnv = {
        http: () => ctx.http(),
        profile,
        note: (m) => ctx.debug(m),
        warn: (m) => ctx.warn(m),
        async secret(name) {
          const known = await knownSecret(name);
          if (known) return known;
          if (ctx.interactive) {
            const { askSecret } = await import('../util/prompt.js');
            const answer = (await askSecret(ctx.io, `${label(name)} for profile "${profile.name}": `)).trim();
            if (answer) {
              registerSecret(answer);
              return answer;
            }
          }
          const envVar =
            name === 'password' ? (profile.backend === 'swift' ? 'OS_PASSWORD or ST_KEY' : 'OS_PASSWORD')
            : name === 'token' ? 'STORCTL_TOKEN'
            : name === 'application_credential_secret' ? 'OS_APPLICATION_CREDENTIAL_SECRET'
            : `STORCTL_${name.toUpperCase()}`;
          const store = storeHint(name);
          throw new AuthError(`profile "${profile.name}" has no ${label(name).toLowerCase()} and stdin is not a terminal to ask for one`, {
            hint: `set ${envVar}${store ? `, or store it once with \`storctl profile set ${profile.name} ${store}\`` : ''}`,
          });
        },
      };
      const parts = provider.cacheParts();
      const st: SessionState = { provider, env };
      if (parts && ctx.globals.cache && (await cacheUsable(ctx))) {
        const s2 = await openTokenStore(ctx);
        if (s2.kind !== 'none') {
          st.cache = new TokenCache(s2, join(cacheDir(ctx.env), 'locks'), {
            note: (m) => ctx.debug(m),
            signal: ctx.signal,
            waiting: (owner) => {
              const who = owner ? ` (pid ${owner.pid}${owner.host !== hostname() ? ` on ${owner.host}` : ''})` : '';
              ctx.io.stderr.write(`storctl: waiting for another storctl${who} that is refreshing the token for profile "${profile.name}"\n`);
            },
          });
          const secrets = await secretParts(ctx, provider, knownSecret);
          if (secrets) {
            st.key = cacheKey([...parts, ...secrets]);
            const unscoped = provider.unscopedParts?.();
            if (unscoped) st.unscopedKey = cacheKey([...unscoped, ...secrets]);
          } else st.cache = undefined;
        }
      }
      return st;
    })();
    states.set(ctx, s);
  }
  return s;
}

/**
 * The keyed fingerprints of the secrets a login sends, for the cache key; undefined (run
 * without the cache, after a warning) when the fingerprint key cannot be had. A secret that
 * only a prompt can supply is unknown until login: such tokens are keyed by the profile name,
 * so they are never shared with another profile.
 */
async function secretParts(ctx: Context, provider: AuthProvider, knownSecret: (name: SecretName) => Promise<string | undefined>): Promise<string[] | undefined> {
  const names = provider.secretNames?.() ?? [];
  if (names.length === 0) return [];
  let key: Buffer;
  try {
    key = await fingerprintKey(cacheDir(ctx.env));
  } catch (err) {
    ctx.warn(`cannot read or create the token cache key in ${cacheDir(ctx.env)} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); running without the token cache`);
    return undefined;
  }
  const parts: string[] = [];
  for (const name of names) {
    const value = await knownSecret(name);
    parts.push(value ? `${name}:${secretFingerprint(key, name, value)}` : `${name}:asked-in:${(await ctx.profile()).name}`);
  }
  return parts;
}

/**
 * How `profile set` keeps a secret in the keyring without putting it on the command line (where
 * shell history and `ps` would see it); undefined when it has no such flag (the hint then names
 * the environment variable only).
 */
function storeHint(name: SecretName): string | undefined {
  if (name === 'password') return '--password (or --password-stdin)';
  if (name === 'token') return '--token-stdin';
  return undefined;
}

function label(name: SecretName): string {
  return { password: 'Password', application_credential_secret: 'Application credential secret', client_secret: 'Client secret', token: 'Token' }[name];
}

/**
 * The command's credential. `refresh`: the current token was refused, get another (from the
 * cache when another process already replaced it). `fresh`: log in now whatever the cache
 * holds, sending the secret (what `auth login` promises), and replace the cached entry.
 */
export async function getSession(ctx: Context, opts: { refresh?: boolean; fresh?: boolean } = {}): Promise<AuthSession> {
  const st = await state(ctx);
  if (!opts.refresh && !opts.fresh && st.session) return st.session;
  const stale = opts.refresh ? (await st.session?.catch(() => undefined))?.record?.token : undefined;
  st.session = obtain(ctx, st, { staleToken: stale, fresh: !!opts.fresh });
  return st.session;
}

async function obtain(ctx: Context, st: SessionState, opts: { staleToken?: string; fresh: boolean }): Promise<AuthSession> {
  const { provider, env, cache, key } = st;
  const make = (record: TokenRecord | undefined, origin: AuthSession['origin'], stored = false): AuthSession => {
    if (record?.token) registerSecret(record.token);
    return { authType: provider.type, headers: provider.headers(record), record, origin, stored };
  };
  if (provider.staticRecord) {
    const record = await provider.staticRecord(env);
    return make(record, record ? 'static' : 'none');
  }
  if (!cache || !key) return make(await provider.login(env), 'fresh');
  const usable = (r: TokenRecord | undefined): r is TokenRecord => !opts.fresh && !!r && isFresh(r) && r.token !== opts.staleToken;
  const cached = await cache.get(key);
  if (usable(cached)) {
    ctx.debug(`token cache hit (${cache.store.kind}, expires ${cached.expiresAt ?? 'never'})`);
    return make(cached, 'cache', true);
  }
  return cache.withLock(key, async () => {
    const again = await cache.get(key);
    if (usable(again)) {
      ctx.debug('token cache filled by another process while waiting');
      return make(again, 'cache', true);
    }
    let record: TokenRecord | undefined;
    if (st.unscopedKey) {
      const u = await cache.get(st.unscopedKey);
      if (usable(u) && u.unscoped) {
        ctx.debug('re-scoping a cached unscoped token');
        record = await provider.login(env, u).catch((err) => {
          ctx.debug(`re-scoping failed (${(err as Error).message}); logging in again`);
          return undefined;
        });
      }
    }
    record ??= await provider.login(env);
    await noticePlaintext(ctx, cache);
    const stored = await cache.put(key, record).then(
      () => true,
      (err) => {
        // A cache: the token works without being kept; say why the next command logs in again.
        ctx.warn(`could not keep the token in ${cache.store.describe(cache.account(key))} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); the next command logs in again`);
        return false;
      },
    );
    return make(record, 'fresh', stored);
  });
}

async function noticePlaintext(ctx: Context, cache: TokenCache) {
  if (cache.store.kind !== 'file' || !ctx.io.stderr.isTTY) return;
  const marker = join(cacheDir(ctx.env), '.plaintext-notice-shown');
  if (existsSync(marker)) return;
  ctx.io.stderr.write(`storctl: note: no keyring available; tokens are cached in files under ${cacheDir(ctx.env)} (mode 0600). Set secret_store: none in a profile to disable.\n`);
  await writeFile(marker, '', { mode: 0o600 }).catch(() => {});
}

/** Drops this profile's cached token (and revokes it server-side when asked and possible). */
export async function logout(ctx: Context, opts: { revoke: boolean }): Promise<{ dropped: boolean; revoked: boolean }> {
  const st = await state(ctx);
  let revoked = false;
  let dropped = false;
  if (st.cache && st.key) {
    const record = await st.cache.get(st.key);
    if (record && opts.revoke && st.provider.revoke) {
      revoked = await st.provider.revoke(st.env, record).catch((err) => {
        ctx.warn(`could not revoke the token: ${(err as Error).message}`);
        return false;
      });
    }
    dropped = await st.cache.drop(st.key);
    if (st.unscopedKey) await st.cache.drop(st.unscopedKey);
  }
  return { dropped, revoked };
}

/** Drops every cached token of every profile (`auth logout --all`); the count dropped. */
export async function logoutAll(ctx: Context): Promise<number> {
  if (!(await cacheUsable(ctx))) return 0;
  const cache = new TokenCache(await openTokenStore(ctx), join(cacheDir(ctx.env), 'locks'), { note: (m) => ctx.debug(m) });
  let dropped = 0;
  for (const key of await cache.keys()) if (await cache.drop(key)) dropped++;
  return dropped;
}

/** Cached record without any network, for `auth status`. */
export async function peekSession(ctx: Context): Promise<{ provider: AuthProvider; record?: TokenRecord; where?: string; key?: string }> {
  const st = await state(ctx);
  if (!st.cache || !st.key) return { provider: st.provider };
  return { provider: st.provider, record: await st.cache.get(st.key), where: st.cache.store.describe(st.cache.account(st.key)), key: st.key };
}

/**
 * A request with the session's credential. On a 401 the token is dropped, a new one is
 * obtained once, and the request is sent once more; a second 401 is an auth error.
 */
export async function authedRequest(ctx: Context, req: HttpRequest): Promise<HttpResponse> {
  const http = await ctx.http();
  const session = await getSession(ctx);
  const res = await http.request({ ...req, headers: { ...req.headers, ...session.headers } });
  if (res.status !== 401 || session.origin === 'static' || session.origin === 'none') {
    if (res.status === 401) throw await unauthorized(ctx, res);
    return res;
  }
  const replayable = req.body === undefined || typeof req.body === 'string' || req.body instanceof Uint8Array;
  if (!replayable) throw await unauthorized(ctx, res);
  ctx.debug('HTTP 401: dropping the cached token and authenticating again');
  const st = await state(ctx);
  if (st.cache && st.key) await st.cache.drop(st.key);
  const fresh = await getSession(ctx, { refresh: true });
  const again = await http.request({ ...req, headers: { ...req.headers, ...fresh.headers } });
  if (again.status === 401) throw await unauthorized(ctx, again);
  return again;
}

async function unauthorized(ctx: Context, res: HttpResponse): Promise<AuthError> {
  const { provider, env } = await state(ctx);
  const name = env.profile.name;
  return new AuthError(`the server refused the credentials of profile "${name}" (HTTP 401 from ${new URL(res.url).origin})`, {
    hint: credentialFixHint(provider.type, name),
    details: { status: 401 },
  });
}

/** What to do when the server refuses a profile's credentials: never "log in" for a credential that has no login. */
export function credentialFixHint(authType: string, profile: string): string {
  if (authType === 'basic') return `store the right password with \`storctl profile set ${profile} --password\` (or set STORCTL_PASSWORD); check the user name with \`storctl profile explain ${profile}\``;
  if (authType === 'bearer') return `store a valid token with \`storctl profile set ${profile} --token-stdin\` (reads it from stdin), or fix token_command; \`storctl profile explain ${profile}\` shows where the token comes from`;
  return `run \`storctl auth login -p ${profile}\` to check the credentials, or \`storctl profile explain ${profile}\``;
}

export function requireCatalog(session: AuthSession): NonNullable<TokenRecord['catalog']> {
  const catalog = session.record?.catalog;
  if (!catalog) throw new UsageError('this credential carries no service catalog', { hint: 'use a Keystone profile scoped to a project, or set the service endpoint in the profile' });
  return catalog;
}

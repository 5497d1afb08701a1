// Two stores with different lifetimes. What `profile set` keeps (passwords, tokens) must survive
// a cache clean-up: the OS keyring, else 0600 files under the data dir. The token cache is only
// a cache: the keyring, else files under <cacheDir>/tokens. Each is opened once per command.
import { join } from 'node:path';
import type { Context } from '../framework/context.js';
import { cacheDir, dataDir, dataDirMove } from '../config/paths.js';
import { dirProblem, isFsWriteProblem } from '../config/fs-problem.js';
import { inert } from '../output/inert.js';
import { fileStore, openSecretStore, type SecretStore, type StoreKind } from './secret-store.js';
import { migrateLegacySecrets, type MigrationResult } from './legacy-secrets.js';

export interface CredentialStore {
  /** Where `set` puts a secret, and so what config.yaml records: `password: keyring|file`. */
  readonly kind: StoreKind;
  /** For `auth status`: "keyring (Secret Service)", "file store DIR (why there is no keyring)". */
  readonly summary: string;
  /** The file store's directory, used without a keyring. */
  readonly fileDir: string;
  /** Where `set` puts this account. */
  describe(account: string): string;
  /** The stored value and where it was; `marker` (the setting's value: keyring|file) is asked first. */
  lookup(account: string, marker?: unknown): Promise<{ value: string; where: string } | undefined>;
  set(account: string, value: string): Promise<void>;
  /** Deletes the account from the keyring and the file store; true when a copy was there. */
  forget(account: string): Promise<boolean>;
}

const credentialStores = new WeakMap<Context, Promise<CredentialStore>>();
const tokenStores = new WeakMap<Context, Promise<SecretStore>>();

/** The store of user secrets (`profile set --password`, `--token-stdin`). */
export function openCredentialStore(ctx: Context): Promise<CredentialStore> {
  let p = credentialStores.get(ctx);
  if (!p) credentialStores.set(ctx, (p = makeCredentialStore(ctx)));
  return p;
}

/** The store of the token cache (accounts `token-<key>`). */
export function openTokenStore(ctx: Context): Promise<SecretStore> {
  let p = tokenStores.get(ctx);
  if (!p) {
    p = (async () => {
      await migrateOnce(ctx);
      const { store } = await openSecretStore({ preference: await preference(ctx), fileDir: join(cacheDir(ctx.env), 'tokens'), env: ctx.env, note: (m) => ctx.debug(m) });
      return store;
    })();
    tokenStores.set(ctx, p);
  }
  return p;
}

async function makeCredentialStore(ctx: Context): Promise<CredentialStore> {
  const fileDir = join(dataDir(ctx.env), 'secrets');
  const migration = await migrateOnce(ctx);
  const { store, why } = await openSecretStore({ preference: await preference(ctx), fileDir, env: ctx.env, note: (m) => ctx.debug(m) });
  const files = store.kind === 'file' ? store : fileStore(fileDir);
  const keyring = store.kind === 'keyring' ? store : undefined;
  // What could not be moved out of the cache dir is still read there (see migrateOnce's warning).
  const legacy = migration.failed.length ? fileStore(legacyDir(ctx)) : undefined;
  return {
    kind: store.kind,
    summary: store.kind === 'keyring' ? 'keyring (Secret Service)' : store.kind === 'file' ? `file store ${fileDir} (${why})` : `none (${why})`,
    fileDir,
    describe: (account) => store.describe(account),
    async lookup(account, marker) {
      if (store.kind === 'none') return undefined;
      // A secret stored as `file` while the keyring was away must not lose to an older keyring copy.
      const order = marker === 'file' ? [files, keyring, legacy] : [keyring, files, legacy];
      for (const s of order) {
        const value = s && (await s.get(account).catch(() => undefined));
        if (value) return { value, where: s.describe(account) };
      }
      return undefined;
    },
    async forget(account) {
      let found = false;
      for (const s of [keyring, files]) if (s && (await s.delete(account).catch(() => false))) found = true;
      return found;
    },
    async set(account, value) {
      await store.set(account, value);
      // Now in the keyring: a plaintext copy from a time without one is stale; drop it.
      if (keyring) await files.delete(account);
    },
  };
}

async function preference(ctx: Context): Promise<StoreKind | undefined> {
  return (await ctx.profile().catch(() => undefined))?.get<StoreKind>('secret_store');
}

const legacyDir = (ctx: Context) => join(cacheDir(ctx.env), 'secrets');

// Once per process: both stores of a command ask for it.
const migrations = new Map<string, Promise<MigrationResult>>();

function migrateOnce(ctx: Context): Promise<MigrationResult> {
  const from = legacyDir(ctx);
  const to = join(dataDir(ctx.env), 'secrets');
  let p = migrations.get(`${from}\0${to}`);
  if (!p) {
    p = migrateLegacySecrets(from, to).then((r) => {
      if (r.moved.length) {
        ctx.io.stderr.write(`storctl: note: moved stored secrets (${inert(r.moved.join(', '))}) from ${inert(from)} to ${inert(to)}, where cleaning the cache cannot delete them\n`);
      }
      if (r.failed.length) {
        const why = isFsWriteProblem(r.error) ? dirProblem(to, r.error) : undefined;
        ctx.warn(
          `could not move stored secrets (${r.failed.join(', ')}) from ${from} to ${to}` +
            `${why ? `: ${why.reason}` : ` (${(r.error as Error)?.message ?? r.error})`}; they are read from the cache dir until then, and deleting it loses them; ` +
            `fix: ${why ? `${why.fix}, or ` : ''}${dataDirMove(ctx.env)}`,
        );
      }
      return r;
    });
    migrations.set(`${from}\0${to}`, p);
  }
  return p;
}

// Where tokens and stored passwords live: the OS keyring through keytar when it loads and a
// Secret Service answers, else 0600 files under the cache directory. keytar is optional:
// a missing module, no D-Bus, or a locked keyring degrades to files and says so under --debug.
import { readFile, rm, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { atomicWrite } from '../util/atomic-write.js';

export type StoreKind = 'keyring' | 'file' | 'none';

export interface SecretStore {
  readonly kind: StoreKind;
  /** Where a value lives, for `auth status`. */
  describe(account: string): string;
  get(account: string): Promise<string | undefined>;
  set(account: string, value: string): Promise<void>;
  delete(account: string): Promise<boolean>;
  list(): Promise<string[]>;
}

const SERVICE = 'storctl';

interface Keytar {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
  findCredentials(service: string): Promise<{ account: string; password: string }[]>;
}

export interface OpenStoreOptions {
  preference?: StoreKind;
  cacheDir: string;
  env: Record<string, string | undefined>;
  note: (message: string) => void;
}

export async function openSecretStore(opts: OpenStoreOptions): Promise<SecretStore> {
  if (opts.preference === 'none') return noneStore;
  if (opts.preference !== 'file') {
    const keyring = await tryKeyring(opts);
    if (keyring) return keyring;
    if (opts.preference === 'keyring') opts.note('secret_store is keyring but no keyring answered; using files');
  }
  return fileStore(join(opts.cacheDir, 'secrets'));
}

async function tryKeyring(opts: OpenStoreOptions): Promise<SecretStore | undefined> {
  // No session bus means no Secret Service: skip loading the native module at all.
  if (!opts.env.DBUS_SESSION_BUS_ADDRESS) {
    opts.note('keyring: no D-Bus session (DBUS_SESSION_BUS_ADDRESS unset); using the file store');
    return undefined;
  }
  let keytar: Keytar;
  try {
    const mod = (await import('keytar' as string)) as { default?: Keytar } & Keytar;
    keytar = mod.default ?? mod;
  } catch (err) {
    opts.note(`keyring: keytar is not available (${(err as Error).message.split('\n')[0]}); using the file store`);
    return undefined;
  }
  try {
    await withTimeout(keytar.findCredentials(SERVICE), 3000);
  } catch (err) {
    opts.note(`keyring: the Secret Service did not answer (${(err as Error).message.split('\n')[0]}); using the file store`);
    return undefined;
  }
  return {
    kind: 'keyring',
    describe: (account) => `keyring (service ${SERVICE}, account ${account})`,
    get: async (account) => (await keytar.getPassword(SERVICE, account)) ?? undefined,
    set: (account, value) => keytar.setPassword(SERVICE, account, value),
    delete: (account) => keytar.deletePassword(SERVICE, account),
    list: async () => (await keytar.findCredentials(SERVICE)).map((c) => c.account),
  };
}

function fileStore(dir: string): SecretStore {
  const fileOf = (account: string) => join(dir, `${account.replace(/[^A-Za-z0-9._-]/g, '_')}`);
  return {
    kind: 'file',
    describe: (account) => `file ${fileOf(account)} (mode 0600)`,
    async get(account) {
      try {
        return await readFile(fileOf(account), 'utf8');
      } catch {
        return undefined;
      }
    },
    set: (account, value) => atomicWrite(fileOf(account), value, 0o600),
    async delete(account) {
      try {
        await rm(fileOf(account));
        return true;
      } catch {
        return false;
      }
    },
    async list() {
      try {
        return (await readdir(dir)).filter((f) => !f.startsWith('.'));
      } catch {
        return [];
      }
    },
  };
}

const noneStore: SecretStore = {
  kind: 'none',
  describe: () => 'not stored (secret_store: none)',
  get: async () => undefined,
  set: async () => {},
  delete: async () => false,
  list: async () => [],
};

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms);
    t.unref();
    p.then((v) => { clearTimeout(t); resolve(v); }, (e) => { clearTimeout(t); reject(e); });
  });
}

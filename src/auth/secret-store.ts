// The places a secret can be kept: the OS keyring through keytar when it loads and a Secret
// Service answers, 0600 files in one directory, or nowhere. keytar is optional: a missing
// module, no D-Bus, or a locked keyring degrades to files, and the reason is kept for
// `auth status` (and said under --debug). Which directory the files go to is the caller's
// choice (src/auth/stores.ts): user secrets and the token cache have different lifetimes.
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
  /** Where the files go when no keyring is used. */
  fileDir: string;
  env: Record<string, string | undefined>;
  note: (message: string) => void;
}

export interface OpenedStore {
  store: SecretStore;
  /** Why the keyring is not used ("no keyring: DBUS_SESSION_BUS_ADDRESS unset"); unset for the keyring. */
  why?: string;
}

export async function openSecretStore(opts: OpenStoreOptions): Promise<OpenedStore> {
  if (opts.preference === 'none') return { store: noneStore, why: 'secret_store: none in the profile' };
  if (opts.preference === 'file') return { store: fileStore(opts.fileDir), why: 'secret_store: file in the profile' };
  const probe = await probeKeyring(opts.env, opts.note);
  if (probe.keyring) return { store: probe.keyring };
  if (opts.preference === 'keyring') opts.note('secret_store is keyring but no keyring answered; using files');
  return { store: fileStore(opts.fileDir), why: probe.why };
}

interface KeyringProbe {
  keyring?: SecretStore;
  why?: string;
}

// Both stores of one command ask: probe the Secret Service once per process (and bus).
const probes = new Map<string, Promise<KeyringProbe>>();

function probeKeyring(env: Record<string, string | undefined>, note: (m: string) => void): Promise<KeyringProbe> {
  const bus = env.DBUS_SESSION_BUS_ADDRESS ?? '';
  let p = probes.get(bus);
  if (!p) {
    p = tryKeyring(bus).then((r) => {
      if (r.why) note(`keyring: ${r.why.replace(/^no keyring: /, '')}; using the file store`);
      return r;
    });
    probes.set(bus, p);
  }
  return p;
}

async function tryKeyring(bus: string): Promise<KeyringProbe> {
  // No session bus means no Secret Service: skip loading the native module at all.
  if (!bus) return { why: 'no keyring: DBUS_SESSION_BUS_ADDRESS unset' };
  let keytar: Keytar;
  try {
    const mod = (await import('keytar' as string)) as { default?: Keytar } & Keytar;
    keytar = mod.default ?? mod;
  } catch (err) {
    return { why: `keytar is not installed or not built: ${firstLine(err)}` };
  }
  try {
    await withTimeout(keytar.findCredentials(SERVICE), 3000);
  } catch (err) {
    return { why: `the Secret Service did not answer: ${firstLine(err)}` };
  }
  return {
    keyring: {
      kind: 'keyring',
      describe: (account) => `keyring (service ${SERVICE}, account ${account})`,
      get: async (account) => (await keytar.getPassword(SERVICE, account)) ?? undefined,
      set: (account, value) => keytar.setPassword(SERVICE, account, value),
      delete: (account) => keytar.deletePassword(SERVICE, account),
      list: async () => (await keytar.findCredentials(SERVICE)).map((c) => c.account),
    },
  };
}

const firstLine = (err: unknown) => String((err as Error)?.message ?? err).split('\n')[0];

/** 0600 files named after their accounts in `dir` (created 0700 on the first write). */
export function fileStore(dir: string): SecretStore {
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

export const noneStore: SecretStore = {
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

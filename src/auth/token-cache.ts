// Cached tokens, keyed by cache-key.ts (auth URL, identity, scope and the secret's keyed
// fingerprint), kept in the secret store.
import { join } from 'node:path';
import type { SecretStore } from './secret-store.js';
import type { TokenRecord } from './types.js';
import { withFileLock, type LockOwner } from './lock.js';

export interface TokenCacheOptions {
  /** Debug notes. */
  note: (m: string) => void;
  /** Said once when another live storctl has held the lock for a while. */
  waiting?: (owner: LockOwner | undefined) => void;
  /** ^C: stop waiting for the lock. */
  signal?: AbortSignal;
}

export class TokenCache {
  private readonly note: (m: string) => void;
  constructor(
    readonly store: SecretStore,
    /** Where the per-key lock files go. */
    private readonly lockDir: string,
    private readonly opts: TokenCacheOptions,
  ) {
    this.note = opts.note;
  }

  account(key: string): string {
    return `token-${key}`;
  }

  async get(key: string): Promise<TokenRecord | undefined> {
    const text = await this.store.get(this.account(key));
    if (!text) return undefined;
    try {
      const rec = JSON.parse(text) as TokenRecord;
      return rec && rec.v === 1 && typeof rec.token === 'string' ? rec : undefined;
    } catch {
      this.note(`token cache entry ${key} is unreadable; ignoring it`);
      return undefined;
    }
  }

  put(key: string, record: TokenRecord): Promise<void> {
    return this.store.set(this.account(key), JSON.stringify(record));
  }

  drop(key: string): Promise<boolean> {
    return this.store.delete(this.account(key));
  }

  async keys(): Promise<string[]> {
    // Only cache entries (token-<32 hex>): a token the user stored for a profile is token-NAME.
    return (await this.store.list()).filter((a) => /^token-[0-9a-f]{32}$/.test(a)).map((a) => a.slice('token-'.length));
  }

  withLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
    return withFileLock(join(this.lockDir, `${key}.lock`), fn, { note: this.opts.note, waiting: this.opts.waiting, signal: this.opts.signal });
  }
}

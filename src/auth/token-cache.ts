// Cached tokens, keyed by a hash of (auth URL, identity, scope), kept in the secret store.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { SecretStore } from './secret-store.js';
import type { TokenRecord } from './types.js';
import { withFileLock } from './lock.js';

export function cacheKey(parts: readonly unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 32);
}

export class TokenCache {
  constructor(
    readonly store: SecretStore,
    private readonly lockDir: string,
    private readonly note: (m: string) => void,
  ) {}

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
    return (await this.store.list()).filter((a) => a.startsWith('token-')).map((a) => a.slice('token-'.length));
  }

  withLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
    return withFileLock(join(this.lockDir, `${key}.lock`), fn, this.note);
  }
}

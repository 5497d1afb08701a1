// Credentials that need no login exchange: HTTP basic (KumoScale), a bearer token given
// directly or printed by a command (OpenStorage JWT, KumoScale token), and none.
import { exec } from 'node:child_process';
import { AuthError, UsageError } from '../framework/errors.js';
import type { ResolvedProfile } from '../config/resolve.js';
import { registerSecret } from '../transport/redact.js';
import type { AuthProvider, ProviderEnv } from './provider.js';
import type { TokenRecord } from './types.js';
import { decodeJwt } from './jwt.js';

export class BasicProvider implements AuthProvider {
  readonly type = 'basic';
  constructor(private readonly profile: ResolvedProfile) {}
  cacheParts() {
    return undefined;
  }
  async login(env: ProviderEnv): Promise<TokenRecord> {
    const user = this.profile.get('username');
    if (!user) throw new UsageError(`profile "${this.profile.name}" has no username for basic auth`, { hint: `storctl profile set ${this.profile.name} username=NAME` });
    const password = await env.secret('password');
    const token = Buffer.from(`${user}:${password}`).toString('base64');
    registerSecret(token);
    return { v: 1, authType: 'basic', token, identity: { user } };
  }
  staticRecord(env: ProviderEnv) {
    return this.login(env);
  }
  headers(record: TokenRecord | undefined): Record<string, string> {
    return record ? { authorization: `Basic ${record.token}` } : {};
  }
}

export class BearerProvider implements AuthProvider {
  readonly type = 'bearer';
  constructor(private readonly profile: ResolvedProfile) {}
  cacheParts() {
    return undefined;
  }
  async login(env: ProviderEnv): Promise<TokenRecord> {
    const command = this.profile.get('token_command');
    const token = command && !this.profile.get('token') ? await runTokenCommand(command, this.profile.name) : await env.secret('token');
    registerSecret(token);
    const claims = decodeJwt(token);
    const record: TokenRecord = {
      v: 1,
      authType: 'bearer',
      token,
      identity: { user: claims?.name ?? claims?.email ?? claims?.sub, roles: claims?.roles },
      expiresAt: claims?.exp ? new Date(claims.exp * 1000).toISOString() : undefined,
      issuedAt: claims?.iat ? new Date(claims.iat * 1000).toISOString() : undefined,
    };
    if (claims?.exp) {
      const left = claims.exp * 1000 - Date.now();
      if (left <= 0) env.warn(`the bearer token of profile "${this.profile.name}" expired at ${record.expiresAt}; the server will likely refuse it`);
      else if (left < 10 * 60 * 1000) env.warn(`the bearer token of profile "${this.profile.name}" expires in ${Math.ceil(left / 60000)} min (${record.expiresAt})`);
    }
    return record;
  }
  staticRecord(env: ProviderEnv) {
    return this.login(env);
  }
  headers(record: TokenRecord | undefined): Record<string, string> {
    return record ? { authorization: `Bearer ${record.token}` } : {};
  }
}

export class NoneProvider implements AuthProvider {
  readonly type = 'none';
  cacheParts() {
    return undefined;
  }
  async login(): Promise<TokenRecord> {
    return { v: 1, authType: 'none', token: '', identity: {} };
  }
  async staticRecord() {
    return undefined;
  }
  headers() {
    return {};
  }
}

function runTokenCommand(command: string, profile: string): Promise<string> {
  return new Promise((resolve, reject) => {
    exec(command, { timeout: 30_000, maxBuffer: 1 << 20 }, (err, stdout) => {
      if (err) return reject(new AuthError(`token_command of profile "${profile}" failed: ${err.message.split('\n')[0]}`, { hint: 'run the command by hand to see why' }));
      const token = stdout.trim();
      if (!token) return reject(new AuthError(`token_command of profile "${profile}" printed nothing`));
      resolve(token);
    });
  });
}

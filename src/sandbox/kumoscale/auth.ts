// Authentication (Basic user:password or Bearer JWT), role checks and the servlet-style HTML
// error pages the provisioner answers 4xx with (clients match on the text "Status 401").
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export interface KsUser {
  user: string;
  password: string;
  /** admin | storage | network | monitor */
  role: string;
}

export type KsAuthConfig = { mode: 'LOCAL'; users: KsUser[]; tokens?: string[] } | { mode: 'NONE' };

export interface Principal {
  user: string;
  role: string;
  via: 'basic' | 'bearer' | 'none';
}

const b64url = (b: Buffer | string): string => Buffer.from(b).toString('base64url');

/** The Tomcat-like error page; the body always contains "HTTP Status <code>". */
export function errorPage(status: number, reason: string, message: string): string {
  const esc = message.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return (
    `<!doctype html><html lang="en"><head><title>HTTP Status ${status} – ${reason}</title></head>` +
    `<body><h1>HTTP Status ${status} – ${reason}</h1><hr class="line" />` +
    `<p><b>Type</b> Status Report</p><p><b>Message</b> ${esc}</p>` +
    `<p><b>Description</b> ${reason}</p><hr class="line" /><h3>KumoScale Provisioner (storctl sandbox)</h3></body></html>`
  );
}

export class Authenticator {
  private readonly secret = randomBytes(32);
  private readonly staticTokens: Set<string>;

  constructor(readonly config: KsAuthConfig, private readonly now: () => number = Date.now) {
    this.staticTokens = new Set(config.mode === 'LOCAL' ? (config.tokens ?? []) : []);
  }

  get mode(): 'LOCAL' | 'NONE' {
    return this.config.mode;
  }

  private findUser(name: string): KsUser | undefined {
    if (this.config.mode !== 'LOCAL') return undefined;
    // Usernames are case-insensitive (RBAC docs); passwords are not.
    return this.config.users.find((u) => u.user.toLowerCase() === name.toLowerCase());
  }

  /**
   * A JWT (HS256) for `user`, as generate-token would hand out. The docs give 1 h as default
   * and minimum and 30 days as maximum; this test hook does not clamp, so tests can mint
   * already-expired tokens with a negative lifetime.
   */
  mint(user: string, expiresInSec = 3600): string {
    const u = this.findUser(user);
    if (this.config.mode === 'LOCAL' && !u) throw new Error(`KumoScale sim: no local user ${user}`);
    const iat = Math.floor(this.now() / 1000);
    const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
    const payload = b64url(
      JSON.stringify({ sub: u?.user ?? user, role: u?.role ?? 'admin', iss: 'kumoscale-sim', iat, exp: iat + expiresInSec }),
    );
    const sig = b64url(createHmac('sha256', this.secret).update(`${header}.${payload}`).digest());
    return `${header}.${payload}.${sig}`;
  }

  private verifyJwt(token: string): Principal | undefined {
    const parts = token.split('.');
    if (parts.length !== 3) return undefined;
    const [h, p, s] = parts as [string, string, string];
    const want = createHmac('sha256', this.secret).update(`${h}.${p}`).digest();
    const got = Buffer.from(s, 'base64url');
    if (got.length !== want.length || !timingSafeEqual(got, want)) return undefined;
    try {
      const claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as { sub?: string; role?: string; exp?: number };
      if (typeof claims.exp !== 'number' || claims.exp * 1000 <= this.now()) return undefined;
      const u = claims.sub ? this.findUser(claims.sub) : undefined;
      if (!u) return undefined; // user removed since the token was minted
      return { user: u.user, role: u.role, via: 'bearer' };
    } catch {
      return undefined;
    }
  }

  /** The caller's identity, or undefined when the credentials are missing or wrong (→ 401). */
  authenticate(header: string | undefined): Principal | undefined {
    if (this.config.mode === 'NONE') return { user: 'anonymous', role: 'admin', via: 'none' };
    if (!header) return undefined;
    const m = /^(\w+)\s+(.+)$/.exec(header.trim());
    if (!m) return undefined;
    const scheme = m[1]!.toLowerCase();
    const value = m[2]!.trim();
    if (scheme === 'basic') {
      const decoded = Buffer.from(value, 'base64').toString('utf8');
      const i = decoded.indexOf(':');
      if (i < 0) return undefined;
      const u = this.findUser(decoded.slice(0, i));
      if (!u) return undefined;
      const a = Buffer.from(decoded.slice(i + 1));
      const b = Buffer.from(u.password);
      if (a.length !== b.length || !timingSafeEqual(a, b)) return undefined;
      return { user: u.user, role: u.role, via: 'basic' };
    }
    if (scheme === 'bearer') {
      if (this.staticTokens.has(value)) return { user: 'token', role: 'admin', via: 'bearer' };
      return this.verifyJwt(value);
    }
    return undefined;
  }

  /**
   * U (Appendix D not found): `monitor` may only read; every other role may also change
   * state. Reads are GET; everything else is a change.
   */
  allowed(p: Principal, method: string): boolean {
    return method === 'GET' || p.role.toLowerCase() !== 'monitor';
  }
}

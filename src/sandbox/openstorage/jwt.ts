// Minimal JSON Web Token support for the simulator: HMAC-SHA (HS256/384/512)
// signing and verification with node:crypto, no third-party code.

import { createHmac, timingSafeEqual } from 'node:crypto';

export type HmacAlg = 'HS256' | 'HS384' | 'HS512';

const HASH: Record<HmacAlg, string> = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' };

export interface JwtClaims {
  iss?: string;
  sub?: string;
  exp?: number;
  iat?: number;
  name?: string;
  email?: string;
  roles?: string[];
  groups?: string[];
  [claim: string]: unknown;
}

export interface DecodedJwt {
  header: Record<string, unknown>;
  claims: JwtClaims;
  signingInput: string;
  signature: Buffer;
}

function b64url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url');
}

export function signJwt(claims: JwtClaims, secret: string, alg: HmacAlg = 'HS256'): string {
  const header = b64url(JSON.stringify({ alg, typ: 'JWT' }));
  const payload = b64url(JSON.stringify(claims));
  const input = `${header}.${payload}`;
  const sig = createHmac(HASH[alg], secret).update(input).digest();
  return `${input}.${b64url(sig)}`;
}

/** Splits and parses a compact JWT without checking anything; undefined when it is not one. */
export function decodeJwt(token: string): DecodedJwt | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const [h, p, s] = parts as [string, string, string];
  if (!/^[A-Za-z0-9_-]+$/.test(h) || !/^[A-Za-z0-9_-]+$/.test(p) || !/^[A-Za-z0-9_-]*$/.test(s)) return undefined;
  try {
    const header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8')) as unknown;
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as unknown;
    if (!header || typeof header !== 'object' || Array.isArray(header)) return undefined;
    if (!claims || typeof claims !== 'object' || Array.isArray(claims)) return undefined;
    return {
      header: header as Record<string, unknown>,
      claims: claims as JwtClaims,
      signingInput: `${h}.${p}`,
      signature: Buffer.from(s, 'base64url'),
    };
  } catch {
    return undefined;
  }
}

/** True when the HMAC signature is right for `secret` and the header's HS* algorithm. */
export function verifyHmac(jwt: DecodedJwt, secret: string): boolean {
  const alg = jwt.header['alg'];
  if (alg !== 'HS256' && alg !== 'HS384' && alg !== 'HS512') return false;
  const expected = createHmac(HASH[alg], secret).update(jwt.signingInput).digest();
  return expected.length === jwt.signature.length && timingSafeEqual(expected, jwt.signature);
}

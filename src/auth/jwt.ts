// Reads (never verifies) a JWT's claims, to warn before it expires and to show who it names.
export interface JwtClaims {
  sub?: string;
  name?: string;
  email?: string;
  iss?: string;
  exp?: number;
  iat?: number;
  roles?: string[];
  groups?: string[];
  [k: string]: unknown;
}

export function decodeJwt(token: string): JwtClaims | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8'));
    return claims && typeof claims === 'object' ? (claims as JwtClaims) : undefined;
  } catch {
    return undefined;
  }
}

// Where the OpenStorage SDK's REST gateway is. A profile names it with `rest_endpoint`; without
// one, it is derived from the gRPC endpoint only for the documented default port pairs (the
// SDK's 9100 → 9110, Portworx's 9020 → 9021). A gRPC server on any other port says nothing
// about its gateway, and guessing would send the profile's token to a port the user never
// named, so that is a configuration error asking for rest_endpoint.
// Light on purpose: `profile explain` and `api` import it (no grpc-js, no HTTP client).
import { ConfigError } from '../../framework/errors.js';
import type { ResolvedProfile } from '../../config/resolve.js';

/** gRPC port → REST gateway port, for the defaults the SDK and Portworx document. */
export const DEFAULT_PORT_PAIRS: ReadonlyMap<number, { rest: number; what: string }> = new Map([
  [9100, { rest: 9110, what: 'SDK default pair' }],
  [9020, { rest: 9021, what: 'Portworx default pair' }],
]);

const GRPC_DEFAULT_PORT = 9100;

export interface RestEndpoint {
  url: string;
  /** Where it came from, as `profile explain` shows it. */
  source: string;
}

interface GrpcAddress {
  host: string;
  /** The port as written; undefined when the endpoint has none (the SDK default 9100 applies). */
  port?: number;
  tls: boolean;
}

/** host, port and TLS of a gRPC endpoint (`host:port`, `grpc(s)://host:port`, `[v6]:port`); undefined for unix sockets and nonsense. */
export function parseGrpcAddress(endpoint: string, tlsByDefault = false): GrpcAddress | undefined {
  let text = endpoint.trim();
  let tls = tlsByDefault;
  const m = /^([a-z][a-z0-9+.-]*):\/\/(.*)$/i.exec(text);
  if (m) {
    const scheme = m[1]!.toLowerCase();
    if (scheme === 'grpcs' || scheme === 'https') tls = true;
    else if (scheme !== 'grpc' && scheme !== 'http') return undefined;
    text = m[2]!;
  } else if (/^unix:/i.test(text)) {
    return undefined;
  }
  text = text.replace(/\/.*$/, '');
  const v6 = /^(\[[^\]]+\])(?::(\d+))?$/.exec(text);
  const hp = v6 ?? /^([^:[\]]+)(?::(\d+))?$/.exec(text);
  if (!hp || hp[1] === '') return undefined;
  return { host: hp[1]!, port: hp[2] === undefined ? undefined : Number(hp[2]), tls };
}

function fixHint(profile: ResolvedProfile, host: string, tls: boolean): string {
  return `storctl profile set ${profile.name} rest_endpoint=${tls ? 'https' : 'http'}://${host}:PORT`;
}

/**
 * The REST gateway's base URL: --endpoint when it is an http(s) URL; else rest_endpoint (unless
 * --endpoint names another server); else derived from the gRPC endpoint on a default port.
 * A ConfigError (exit 2) when there is nothing to go on or the port is no documented default.
 */
export function restEndpoint(profile: ResolvedProfile, flagEndpoint?: string): RestEndpoint {
  if (flagEndpoint && /^https?:\/\//i.test(flagEndpoint)) return { url: flagEndpoint.replace(/\/+$/, ''), source: 'flag --endpoint' };
  const rest = profile.get<string>('rest_endpoint');
  if (rest && !flagEndpoint) return { url: rest.replace(/\/+$/, ''), source: profile.settings.get('rest_endpoint')?.source ?? 'rest_endpoint' };
  const endpoint = (flagEndpoint ? [flagEndpoint] : (profile.get<string[]>('endpoint') ?? []))[0];
  const from = flagEndpoint ? '--endpoint' : 'endpoint';
  if (!endpoint) {
    throw new ConfigError(`profile "${profile.name}" has no rest_endpoint (nor an endpoint) for the OpenStorage REST gateway`, {
      hint: `storctl profile set ${profile.name} rest_endpoint=http://HOST:9110`,
    });
  }
  const addr = parseGrpcAddress(endpoint, !!profile.get('cacert'));
  if (!addr) {
    throw new ConfigError(`profile "${profile.name}" has no rest_endpoint, and the REST gateway cannot be derived from ${from} ${endpoint}`, {
      hint: `storctl profile set ${profile.name} rest_endpoint=http://HOST:PORT`,
    });
  }
  const port = addr.port ?? GRPC_DEFAULT_PORT;
  const pair = DEFAULT_PORT_PAIRS.get(port);
  if (!pair) {
    throw new ConfigError(
      `profile "${profile.name}" has no rest_endpoint, and ${from} ${endpoint} is not on a default gRPC port (9100, Portworx 9020), so the REST gateway's port is unknown`,
      { hint: fixHint(profile, addr.host, addr.tls) },
    );
  }
  return {
    url: `${addr.tls ? 'https' : 'http'}://${addr.host}:${pair.rest}`,
    source: `derived from ${from} :${port}${addr.port === undefined ? ' (no port given)' : ''} (${pair.what})`,
  };
}

/**
 * The rest_endpoint row `profile explain` adds when the profile sets none: the derived URL and
 * how, or why there is none. Undefined when rest_endpoint is set or there is no endpoint.
 */
export function explainRestEndpoint(profile: ResolvedProfile): { value: string; source: string } | undefined {
  if (profile.get('rest_endpoint') || !(profile.get<string[]>('endpoint') ?? [])[0]) return undefined;
  try {
    const r = restEndpoint(profile);
    return { value: r.url, source: r.source };
  } catch {
    const addr = parseGrpcAddress((profile.get<string[]>('endpoint') ?? [])[0]!);
    const why = addr?.port === undefined ? 'the endpoint is not a gRPC host:port' : `endpoint :${addr.port} is no default gRPC port`;
    return { value: '', source: `not set: ${why}; REST calls (transport rest, api) need it` };
  }
}

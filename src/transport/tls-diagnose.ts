// Turns OpenSSL's failure codes into one line that names the real cause and its fix: the port
// does not speak TLS at all, the certificate is for other names, it expired (and when), its CA
// is unknown, or the server refused our client certificate. Where the error itself lacks the
// fact (an expiry date), one bounded extra handshake without verification fetches it.
import { NetworkError } from '../framework/errors.js';

const NOT_TLS = /WRONG_VERSION_NUMBER|PACKET_LENGTH_TOO_LONG|HTTP_REQUEST|UNKNOWN_PROTOCOL|wrong version number|packet length too long/i;
const UNKNOWN_CA = /^(UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|UNABLE_TO_GET_ISSUER_CERT(_LOCALLY)?|CERT_UNTRUSTED|CERT_SIGNATURE_FAILURE)$/;
const CLIENT_CERT_REFUSED = /ALERT_CERTIFICATE_REQUIRED|ALERT_BAD_CERTIFICATE|ALERT_UNKNOWN_CA|ALERT_CERTIFICATE_EXPIRED|ALERT_CERTIFICATE_REVOKED|ALERT_UNSUPPORTED_CERTIFICATE|ALERT_ACCESS_DENIED|ALERT_HANDSHAKE_FAILURE|alert certificate required|alert bad certificate|alert unknown ca/i;
/** Every code this module may claim; the transport never retries these. */
export const TLS_FAILURE = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|EPROTO/;

interface TlsErrorLike {
  code?: string;
  message?: string;
  reason?: string;
  host?: string;
  cert?: { subjectaltname?: string; subject?: { CN?: string }; valid_to?: string };
}

export interface TlsContext {
  url: string;
  /** Whether we offered a client certificate. */
  clientCert: boolean;
  connectTimeoutMs: number;
  /** The options our connections use (ca, cert, key, rejectUnauthorized), for a diagnostic handshake. */
  connectOptions: Record<string, unknown>;
  /** The connection was cut before any response: with TLS 1.3 that may be a refused client certificate. */
  cutBeforeResponse?: boolean;
}

/** Looks through undici's wrappers for the error OpenSSL or the TLS layer raised. */
export function tlsCause(err: unknown): TlsErrorLike | undefined {
  for (let e = err as (TlsErrorLike & { cause?: unknown }) | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    const code = e.code ?? '';
    if (TLS_FAILURE.test(code) || NOT_TLS.test(e.message ?? '') || CLIENT_CERT_REFUSED.test(e.message ?? '')) return e;
  }
  return undefined;
}

export async function diagnoseTls(err: unknown, ctx: TlsContext): Promise<NetworkError | undefined> {
  let e = tlsCause(err);
  // TLS 1.3 servers check the client certificate after our side has finished the handshake, so
  // the refusal reaches us as a closed connection; one quiet handshake hears the alert itself.
  if (!e && ctx.cutBeforeResponse && ctx.url.startsWith('https:')) {
    const url = new URL(ctx.url);
    let heard = probed.get(url.origin);
    if (!heard) probed.set(url.origin, (heard = handshakeAlert(url, ctx)));
    e = await heard;
  }
  if (!e) return undefined;
  const url = new URL(ctx.url);
  const origin = url.origin;
  const code = e.code ?? '';
  const text = `${code} ${e.message ?? ''}`;
  const details = { code };
  if (NOT_TLS.test(text)) {
    return new NetworkError(`${url.host} does not speak TLS: the server answered plain text to our https:// handshake`, {
      hint: `use http://${url.host}${url.pathname === '/' ? '' : url.pathname} if the service is plain HTTP, or point at its TLS port`,
      details,
    });
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    const names = e.cert?.subjectaltname || (e.cert?.subject?.CN ? `CN=${e.cert.subject.CN}` : 'other names');
    return new NetworkError(`the certificate of ${url.host} is for ${names}, not ${url.hostname}`, {
      hint: 'use one of the certificate\'s names in the URL (profile endpoint/auth_url), or reissue the certificate with this name',
      details,
    });
  }
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') {
    const peer = await peerCertificate(url, ctx.connectTimeoutMs);
    const when = peer?.valid_to ? new Date(peer.valid_to).toISOString().slice(0, 10) : undefined;
    const what = code === 'CERT_HAS_EXPIRED' ? `expired${when ? ` on ${when}` : ''}` : `is not valid yet${peer?.valid_from ? ` (from ${new Date(peer.valid_from).toISOString().slice(0, 10)})` : ''}`;
    return new NetworkError(`the TLS certificate of ${url.host} ${what}`, {
      hint: code === 'CERT_HAS_EXPIRED' ? 'the server needs a renewed certificate; --insecure skips the check for a test server' : 'check the clock of this machine and of the server',
      details,
    });
  }
  if (UNKNOWN_CA.test(code)) {
    const peer = await peerCertificate(url, ctx.connectTimeoutMs);
    const issuer = peer?.issuer?.CN ? ` (issuer "${peer.issuer.CN}")` : '';
    return new NetworkError(`the TLS certificate of ${url.host} is signed by a CA this machine does not trust${issuer}`, {
      hint: 'pass that CA with --cacert FILE (profile: cacert), or --insecure for a test server',
      details,
    });
  }
  if (CLIENT_CERT_REFUSED.test(text)) {
    const reason = /REQUIRED|required/.test(text) ? 'it requires one and we sent none' : /EXPIRED|expired/i.test(text) ? 'it says ours expired' : /UNKNOWN_CA|unknown ca/i.test(text) ? 'it does not trust the CA that signed ours' : 'it rejected ours';
    return new NetworkError(`${url.host} refused our TLS client certificate: ${reason}`, {
      hint: ctx.clientCert
        ? 'check the profile\'s cert and key files (storctl profile explain): the server must trust their CA'
        : 'give the profile a client certificate the server trusts: storctl profile set PROFILE cert=FILE (a .pem with cert and key, e.g. KumoScale\'s ssdtoolbox.pem) [key=FILE]',
      details,
    });
  }
  return new NetworkError(`TLS handshake with ${origin} failed: ${e.reason ?? e.message ?? code}`, {
    hint: 'pass the server CA with --cacert FILE (profile: cacert), or --insecure for a test server',
    details,
  });
}

/** One diagnostic handshake per origin and process: retries of a cut request do not repeat it. */
const probed = new Map<string, Promise<TlsErrorLike | undefined>>();

/** Handshakes with our own settings, sends nothing, and waits briefly for the server's alert. */
async function handshakeAlert(url: URL, ctx: TlsContext): Promise<TlsErrorLike | undefined> {
  const { connect } = await import('node:tls');
  return new Promise((resolve) => {
    const { timeout: _t, ...options } = ctx.connectOptions;
    const socket = connect({ ...options, host: url.hostname, port: Number(url.port || 443), servername: isIp(url.hostname) ? undefined : url.hostname });
    const timer = setTimeout(() => done(undefined), Math.min(ctx.connectTimeoutMs, 1500));
    function done(v: TlsErrorLike | undefined) {
      clearTimeout(timer);
      socket.destroy();
      resolve(v);
    }
    socket.on('data', () => {});
    socket.once('error', (err: NodeJS.ErrnoException) => done(CLIENT_CERT_REFUSED.test(`${err.code} ${err.message}`) ? err : undefined));
    socket.once('close', () => done(undefined));
  });
}

interface PeerCert {
  valid_to?: string;
  valid_from?: string;
  issuer?: { CN?: string };
}

/** One handshake without verification, to read what the server presents. Never sends a request. */
async function peerCertificate(url: URL, timeoutMs: number): Promise<PeerCert | undefined> {
  const { connect } = await import('node:tls');
  const port = Number(url.port || 443);
  return new Promise((resolve) => {
    const socket = connect({ host: url.hostname, port, servername: isIp(url.hostname) ? undefined : url.hostname, rejectUnauthorized: false });
    const timer = setTimeout(() => done(undefined), Math.min(timeoutMs, 5000));
    function done(v: PeerCert | undefined) {
      clearTimeout(timer);
      socket.destroy();
      resolve(v);
    }
    socket.once('secureConnect', () => {
      const c = socket.getPeerCertificate();
      done(c && Object.keys(c).length ? { valid_to: c.valid_to, valid_from: c.valid_from, issuer: { CN: c.issuer?.CN as string | undefined } } : undefined);
    });
    socket.once('error', () => done(undefined));
  });
}

function isIp(host: string): boolean {
  return /^[\d.]+$/.test(host) || host.includes(':');
}

// How the KumoScale Provisioner says "no": HTTP 200 with {"status": "<code>", "description"}
// for logical failures (reference §3.1), and servlet-container HTML pages for 401/403/404/5xx
// (§3.2). Each becomes one typed error with a one-line message; HTML is never shown.
import {
  AuthError,
  ConflictError,
  NotFoundError,
  ServerError,
  StorctlError,
  errorForStatus,
} from '../../framework/errors.js';

/** The result envelope of operations. */
export interface Envelope {
  status: string;
  description?: string;
  [key: string]: unknown;
}

/**
 * True for `{"status": "...", "description": "..."}`. A GET record is never taken for an
 * envelope: those carry neither a string `status` next to a `description`, nor so few keys.
 */
export function isEnvelope(v: unknown): v is Envelope {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return false;
  const o = v as Record<string, unknown>;
  if (typeof o.status !== 'string') return false;
  return 'description' in o || Object.keys(o).length === 1;
}

type Kind = 'not_found' | 'conflict' | 'error';

/**
 * Result codes and what they mean for the exit code. The first group is documented or seen in
 * KIOXIA clients; the second (InvalidParameter … InvalidLicense) is unconfirmed: the reference
 * could not read KIOXIA's result-code table, so a real server may use other words. Unknown
 * codes are reported as they come (exit 1).
 */
const CODES: Record<string, { kind: Kind; hint?: string }> = {
  AlreadyExists: { kind: 'conflict', hint: 'pick another name or ID, or look at the existing one' },
  AlreadyPublished: { kind: 'conflict', hint: 'the volume is already published to that host; nothing to do' },
  VolumeNotPublished: { kind: 'conflict', hint: 'the volume is not published to that host; nothing to do' },
  NotExists: { kind: 'not_found' },
  DeviceNotFound: { kind: 'not_found' },
  // Out of capacity, no backend matching the storage class, incompatible node: the request
  // conflicts with the pool's current state rather than being malformed.
  NotAvailable: { kind: 'conflict', hint: 'check free capacity with `storctl backend list` / `storctl tenant list`, or relax the placement constraints' },
  NoGroups: { kind: 'conflict', hint: 'configure SSD groups on the storage node first' },
  InvalidLocationValue: { kind: 'error', hint: 'rack, zone and region are limited to 255 characters' },
  // ---- unconfirmed codes (see above) ----
  InvalidParameter: { kind: 'error' },
  InvalidState: { kind: 'conflict', hint: 'wait for running work to finish (`storctl task list`) and try again' },
  VolumeInUse: { kind: 'conflict', hint: 'remove what still depends on it first (publications, snapshots, snapshot volumes, volumes)' },
  NotSupported: { kind: 'error' },
  InvalidLicense: { kind: 'error', hint: 'check the license key' },
};

/** "cannot create volume db1: Not enough free capacity … (NotAvailable)". */
export function envelopeError(env: Envelope, action: string): StorctlError {
  const code = env.status;
  const desc = typeof env.description === 'string' ? env.description.replace(/\s+/g, ' ').trim() : '';
  const text = desc && desc !== code ? `${desc} (${code})` : code;
  const message = `${action}: ${text}`;
  const known = CODES[code];
  const opts = { details: { status: code, ...(desc ? { description: desc } : {}) }, ...(known?.hint ? { hint: known.hint } : {}) };
  switch (known?.kind) {
    case 'not_found':
      return new NotFoundError(message, opts);
    case 'conflict':
      return new ConflictError(message, opts);
    default:
      return new StorctlError(message, opts);
  }
}

/**
 * The error for a raw response body (text) that is a failure envelope, else undefined: what
 * `storctl api` checks, so a raw request fails like the command doing the same call.
 */
export function failedEnvelope(text: string, action: string): StorctlError | undefined {
  if (!/^\s*\{/.test(text)) return undefined;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return undefined;
  }
  return isEnvelope(body) && body.status !== 'Success' ? envelopeError(body, action) : undefined;
}

/** The result code of a logical failure carried by an error, when it is one. */
export function resultCode(err: unknown): string | undefined {
  const s = (err as StorctlError)?.details?.status;
  return typeof s === 'string' ? s : undefined;
}

/** True for "the object does not exist" (an envelope code, or an empty single-item GET). */
export function isMissing(err: unknown): boolean {
  return err instanceof NotFoundError && typeof err.details?.status !== 'number';
}

/** The human part of a servlet error page ("Access is denied"), or a trimmed text body; one line. */
export function bodySummary(text: string, max = 160): string {
  let s = text;
  if (/<html|<!doctype|<body|<h1/i.test(s)) {
    const msg = /<b>\s*Message\s*<\/b>\s*([\s\S]*?)<\/p>/i.exec(s)?.[1];
    const title = /<title>([\s\S]*?)<\/title>/i.exec(s)?.[1];
    s = msg ?? title ?? s.replace(/<[^>]*>/g, ' ');
    s = s.replace(/<[^>]*>/g, ' ').replace(/&#(\d+);/g, (_, d: string) => String.fromCharCode(Number(d))).replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>');
  }
  s = s.replace(/\s+/g, ' ').trim();
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

export interface HttpFailure {
  status: number;
  method: string;
  path: string;
  origin: string;
  body: string;
  /** The reference marks this path (or method on it) as unconfirmed. */
  unconfirmed?: boolean;
  action: string;
  profile: string;
}

/** A non-2xx answer: one line, never the HTML page. */
export function httpError(f: HttpFailure): StorctlError {
  const details = { status: f.status };
  const where = `${f.method} ${f.path}`;
  if (f.status === 401) {
    return new AuthError(`the provisioner at ${f.origin} refused the credentials of profile "${f.profile}" (HTTP 401)`, {
      hint: 'check username/password or the token (storctl profile explain); tokens expire',
      details,
    });
  }
  if (f.status === 403) {
    return new AuthError(`the provisioner at ${f.origin} denied ${where} to the user of profile "${f.profile}" (HTTP 403)`, {
      hint: 'the user\'s role may not do this (monitor users can only read); use an account with the storage role',
      details,
    });
  }
  if (f.status === 404) {
    if (f.unconfirmed) {
      return new NotFoundError(`this provisioner does not serve ${f.path} (the path is unconfirmed in the reference)`, {
        hint: 'your KumoScale version offers this some other way; `storctl api` sends raw requests',
        details,
      });
    }
    return new NotFoundError(`the server at ${f.origin} does not serve ${f.path} (HTTP 404)`, {
      hint: 'check that the endpoint is a KumoScale provisioner URL (storctl profile explain)',
      details,
    });
  }
  if (f.status === 405) {
    return new StorctlError(`this provisioner does not accept ${where} (HTTP 405)${f.unconfirmed ? '; the call is unconfirmed in the reference' : ''}`, {
      hint: f.unconfirmed ? 'your KumoScale version offers this some other way (operator or custom resources)' : 'check the storctl and provisioner versions',
      details,
    });
  }
  const summary = bodySummary(f.body);
  const message = `${f.action}: the provisioner at ${f.origin} answered HTTP ${f.status}${summary ? ` (${summary})` : ''}`;
  if (f.status >= 500) return new ServerError(message, { hint: 'retry later; see the provisioner\'s logs', details });
  return errorForStatus(f.status, message, { details });
}

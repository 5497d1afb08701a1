// OpenStack error bodies → typed errors with the server's own message on one line.
// Cinder and Nova answer {"itemNotFound": {"message", "code"}}, {"badRequest": …},
// {"overLimit": …}, {"forbidden": …}, {"computeFault": …}…; Keystone {"error": {"message",
// "code", "title"}}; a missing API version is a bare HTML 404.
import {
  AuthError,
  ConflictError,
  NotFoundError,
  ServerError,
  StorctlError,
  UsageError,
  errorForStatus,
} from '../../framework/errors.js';
import type { HttpResponse } from '../../transport/http.js';

export type Service = 'Cinder' | 'Nova' | 'Keystone';

export interface ApiFault {
  /** The fault's name: itemNotFound, badRequest, error… */
  kind?: string;
  message?: string;
  code?: number;
}

/** Reads the fault out of an error body; tolerant of anything that is not JSON. */
export function parseFault(text: string): ApiFault {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return {};
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) return {};
  const o = body as Record<string, unknown>;
  if (typeof o.message === 'string') return { message: o.message, code: typeof o.code === 'number' ? o.code : undefined };
  for (const [kind, inner] of Object.entries(o)) {
    if (inner && typeof inner === 'object' && !Array.isArray(inner)) {
      const i = inner as Record<string, unknown>;
      if (typeof i.message === 'string' || typeof i.code === 'number') {
        return { kind, message: typeof i.message === 'string' ? i.message : undefined, code: typeof i.code === 'number' ? i.code : undefined };
      }
    }
  }
  return {};
}

/** Collapses a server message to one line without trailing noise. */
export function oneLine(message: string): string {
  return message.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
}

/** Cinder's 400s that are really "the resource is in the wrong state". */
const STATE_CONFLICT = /^Invalid (volume|snapshot|backup|group)\b.*\b(status|attached|in-use|in use|must be|snapshots)|still in use|currently in use|Incremental backups exist/i;

/** Cinder's exception.ServiceNotFound text. */
const SERVICE_NOT_FOUND = /^Service (\S+) could not be found\b/;

export interface ErrorContext {
  service: Service;
  method: string;
  url: string;
  /** Overrides the generic hint. */
  hint?: string;
}

/** The typed error for an OpenStack error response. */
export function apiError(res: HttpResponse, ec: ErrorContext): StorctlError {
  const fault = parseFault(res.text());
  const status = res.status;
  const path = safePath(ec.url);
  const requestId = res.headers['x-openstack-request-id'] ?? res.headers['x-compute-request-id'];
  const details: Record<string, unknown> = { status, ...(fault.kind ? { fault: fault.kind } : {}), ...(requestId ? { request_id: requestId } : {}) };
  const serverMsg = fault.message ? oneLine(fault.message) : '';
  const message = serverMsg || `${ec.service} answered HTTP ${status} to ${ec.method} ${path}`;
  const opts = (hint?: string) => {
    const h = ec.hint ?? hint;
    return h ? { details, hint: h } : { details };
  };
  if (status === 401) return new AuthError(message, opts('run `storctl auth login` to check the credentials'));
  if (status === 403) {
    return new AuthError(`${ec.service} refused ${ec.method} ${path}: ${serverMsg || 'forbidden (HTTP 403)'}`, opts('this needs a role your credentials do not have on the project (often admin)'));
  }
  if (status === 404) {
    // Cinder's ServiceNotFound ("Service cinder-backup could not be found.") is a 404 about a
    // missing or stopped service, not about what the request names (a backup that exists):
    // a server-side fault. /os-services is the exception: there the service is what was asked for.
    const svc = SERVICE_NOT_FOUND.exec(serverMsg);
    if (svc && !/\/os-services(\/|$)/.test(path)) {
      return new ServerError(message, opts(`${ec.service} has no running ${svc[1]} service; an operator must start or enable it (storctl volume service list)`));
    }
    if (!serverMsg) return new NotFoundError(`${ec.service} has nothing at ${ec.method} ${path} (HTTP 404)`, opts('check the endpoint and API version (storctl catalog list)'));
    return new NotFoundError(message, opts());
  }
  if (status === 406 && ec.service === 'Cinder') {
    return new UsageError(message, opts('choose a microversion the server supports with --os-volume-api-version (or the profile\'s volume_api_version)'));
  }
  if (status === 409) return new ConflictError(message, opts());
  if (status === 400 && STATE_CONFLICT.test(serverMsg)) return new ConflictError(message, opts());
  if (status === 413) return new StorctlError(message, opts(ec.service === 'Cinder' ? 'see `storctl quota show` and `storctl limits show`' : undefined));
  if (status >= 500) return new ServerError(message, opts());
  return errorForStatus(status, message, opts());
}

function safePath(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

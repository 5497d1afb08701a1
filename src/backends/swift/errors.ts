// HTTP answers from Swift as typed errors with one-line messages naming the container/object.
import type { Readable } from 'node:stream';
import { AuthError, ConflictError, NetworkError, NotFoundError, StorctlError, errorForStatus } from '../../framework/errors.js';
import type { HttpResponse } from '../../transport/http.js';
import { display } from './paths.js';

/** Data did not arrive intact (MD5/ETag mismatch). Exit code 1. */
export class IntegrityError extends StorctlError {
  override readonly kind = 'integrity';
}

/**
 * A download cut off and not resumed within the retry budget (exit 6). Its bytes so far are kept
 * (NAME.part) for the next run; it was retried already, so callers do not retry it again.
 */
export class CutOff extends NetworkError {}

export interface Target {
  container?: string;
  object?: string;
  /** What was being done, e.g. "upload", "delete". */
  op?: string;
}

/** Reads at most `max` bytes of a streamed body and releases the rest. */
export async function readSome(stream: Readable, max = 4096): Promise<string> {
  const chunks: Buffer[] = [];
  let n = 0;
  try {
    for await (const c of stream) {
      const b = Buffer.isBuffer(c) ? c : Buffer.from(c as Uint8Array);
      if (n < max) chunks.push(b.subarray(0, max - n));
      n += b.length;
      if (n >= max) break;
    }
  } catch {
    /* the text is only for the message */
  } finally {
    stream.destroy();
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** First meaningful line of an error body (HTML tags stripped). */
export function bodyText(raw: string): string {
  const t = raw
    .replace(/<h1>[^<]*<\/h1>/i, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return t.length > 200 ? `${t.slice(0, 200)}…` : t;
}

function what(t: Target): string {
  if (t.container === undefined) return 'the account';
  return display(t.container, t.object);
}

/** Maps a non-2xx answer to the error a user expects. Reads (and releases) a streamed body. */
export async function swiftError(res: HttpResponse, t: Target, streamed = false): Promise<StorctlError> {
  const raw = streamed ? await readSome(res.stream) : res.text();
  const detail = bodyText(raw);
  const subject = what(t);
  const op = t.op ? `${t.op} ${subject}` : subject;
  const details: Record<string, unknown> = { status: res.status };
  if (t.container !== undefined) details.container = t.container;
  if (t.object !== undefined) details.object = t.object;
  switch (res.status) {
    case 401:
      return new AuthError(`not authorized to ${op} (HTTP 401)`, { hint: 'run `storctl auth login` to check the credentials', details });
    case 403:
      return new AuthError(`access denied: cannot ${op} (HTTP 403)`, {
        hint: t.container === undefined
          ? 'this needs the account owner (operator/admin role)'
          : 'ask the account owner for a container ACL (storctl container set --read-acl/--write-acl) or use an operator account',
        details,
      });
    case 404:
      return new NotFoundError(`${subject} not found${t.object !== undefined ? ' (or its container)' : ''}`, { details });
    case 409:
      if (t.object === undefined && t.container !== undefined && t.op === 'delete') {
        return new ConflictError(`container "${t.container}" is not empty`, { hint: `delete its objects first, or run: storctl container delete ${t.container} --recursive`, details });
      }
      return new ConflictError(`cannot ${op}: conflict (HTTP 409)${detail ? `: ${detail}` : ''}`, { details });
    case 412:
      return new ConflictError(`cannot ${op}: precondition failed (HTTP 412)${detail ? `: ${detail}` : ''}`, { details });
    case 413:
      return new StorctlError(`cannot ${op}: ${detail || 'request too large'} (HTTP 413)`, {
        hint: /quota/i.test(detail) ? 'the container or account quota is full (storctl container show / account show)' : 'use --segment-size to upload large objects in segments',
        details,
      });
    case 422:
      return new IntegrityError(`${op}: the server computed a different MD5 than the data sent (HTTP 422)`, { hint: 'the data changed on the way or on disk; retry the upload', details });
    default:
      return errorForStatus(res.status, `cannot ${op}: HTTP ${res.status}${detail ? `: ${detail}` : ''}`, { details });
  }
}

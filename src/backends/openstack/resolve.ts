// Name-or-ID: an ID that exists wins; otherwise the reference is a name, which must match
// exactly one resource. None → NotFoundError (exit 4); several → ConflictError (exit 5)
// listing the matching IDs so the user can pick one.
import { ConflictError, NotFoundError } from '../../framework/errors.js';

export interface Named {
  id: string;
  name?: string | null;
}

export interface ResolveOptions<T extends Named> {
  /** "volume", "snapshot", "volume type"… */
  kind: string;
  /** Fetch by ID; return undefined (or throw NotFoundError) when there is none. */
  byId?: (id: string) => Promise<T | undefined>;
  /** Candidates for a name (may be a superset: exact matches are kept). */
  byName: (name: string) => Promise<T[]> | AsyncIterable<T>;
  /** Which references are worth a by-ID lookup. Default: UUID-shaped ones. */
  idLike?: (ref: string) => boolean;
  /** The command that lists this kind, for the hint. */
  listCommand?: string;
}

const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

export function isUuidLike(s: string): boolean {
  return UUID.test(s);
}

export async function resolveRef<T extends Named>(ref: string, o: ResolveOptions<T>): Promise<T> {
  const idLike = o.idLike ?? isUuidLike;
  if (o.byId && idLike(ref)) {
    const found = await o.byId(ref).catch((err: unknown) => {
      if (err instanceof NotFoundError) return undefined;
      throw err;
    });
    if (found) return found;
  }
  const matches: T[] = [];
  const candidates = await o.byName(ref);
  for await (const c of candidates as AsyncIterable<T>) if (c.name === ref || (!c.name && c.id === ref)) matches.push(c);
  if (matches.length === 1) return matches[0]!;
  if (matches.length === 0) {
    throw new NotFoundError(`no ${o.kind} with name or ID "${ref}"`, {
      ...(o.listCommand ? { hint: `see \`${o.listCommand}\`` } : {}),
      details: { reference: ref },
    });
  }
  const ids = matches.map((m) => m.id);
  throw new ConflictError(`${matches.length} ${o.kind}s are named "${ref}": ${ids.join(', ')}`, {
    hint: 'use the ID instead of the name',
    details: { reference: ref, matches: ids },
  });
}

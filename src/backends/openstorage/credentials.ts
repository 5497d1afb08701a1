// Cloud credentials (OpenStorageCredentials): records are SdkCredentialInspectResponse
// messages (the SDK never returns secret keys).
import { NotFoundError, UsageError } from '../../framework/errors.js';
import type { OpenStorageClient, Rec } from './client.js';
import { mapLimit } from './resources.js';

export async function inspectCredential(osd: OpenStorageClient, id: string): Promise<Rec> {
  return osd.call('OpenStorageCredentials', 'Inspect', { credential_id: id });
}

export async function listCredentials(osd: OpenStorageClient): Promise<Rec[]> {
  const r = await osd.call('OpenStorageCredentials', 'Enumerate');
  const ids = (r.credential_ids as string[] | undefined) ?? [];
  return mapLimit(ids, 8, (id) => inspectCredential(osd, id));
}

/** A credential by id, or else by name. */
export async function resolveCredential(osd: OpenStorageClient, ref: string): Promise<Rec> {
  if (ref.trim() === '') throw new UsageError('empty credential id or name');
  try {
    return await inspectCredential(osd, ref);
  } catch (err) {
    if (!(err instanceof NotFoundError)) throw err;
    const byName = (await listCredentials(osd)).filter((c) => c.name === ref);
    if (byName.length === 1) return byName[0]!;
    if (byName.length > 1) throw new UsageError(`${byName.length} credentials are named "${ref}"`, { hint: 'use the credential id' });
    throw err;
  }
}

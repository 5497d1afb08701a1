// Cloud credentials (OpenStorageCredentials): records are SdkCredentialInspectResponse
// messages (the SDK never returns secret keys).
//
// Upstream's Inspect finds a credential by id or by name but answers with the request's
// credential_id, so inspecting by name gives back the name where the uuid belongs (and Delete
// or Validate of a name then act on nothing). Names are therefore resolved here, from the
// uuids Enumerate returns, and every record carries the uuid it was inspected by.
import { NotFoundError, UsageError } from '../../framework/errors.js';
import type { OpenStorageClient, Rec } from './client.js';
import { mapLimit } from './resources.js';

/** One credential by its uuid; `credential_id` is the uuid whatever the server echoes. */
export async function inspectCredential(osd: OpenStorageClient, id: string): Promise<Rec> {
  const r = await osd.call('OpenStorageCredentials', 'Inspect', { credential_id: id });
  return { ...r, credential_id: id };
}

export async function credentialIds(osd: OpenStorageClient): Promise<string[]> {
  const r = await osd.call('OpenStorageCredentials', 'Enumerate');
  return ((r.credential_ids as string[] | undefined) ?? []).map(String);
}

export async function listCredentials(osd: OpenStorageClient): Promise<Rec[]> {
  return mapLimit(await credentialIds(osd), 8, (id) => inspectCredential(osd, id));
}

/** A credential by uuid, or else by name; neither is a NotFoundError (exit 4). */
export async function resolveCredential(osd: OpenStorageClient, ref: string): Promise<Rec> {
  if (ref.trim() === '') throw new UsageError('empty credential id or name');
  const ids = await credentialIds(osd);
  if (ids.includes(ref)) return inspectCredential(osd, ref);
  const byName = (await mapLimit(ids, 8, (id) => inspectCredential(osd, id))).filter((c) => c.name === ref);
  if (byName.length === 1) return byName[0]!;
  if (byName.length > 1) throw new UsageError(`${byName.length} credentials are named "${ref}"`, { hint: `use the credential id: ${byName.map((c) => String(c.credential_id)).join(', ')}` });
  throw new NotFoundError(`no credential has the id or name "${ref}"`, { hint: 'storctl credential list shows the credentials' });
}

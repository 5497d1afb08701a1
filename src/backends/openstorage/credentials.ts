// Cloud credentials (OpenStorageCredentials): records are SdkCredentialInspectResponse
// messages (the SDK never returns secret keys).
//
// Upstream's Inspect finds a credential by id or by name but answers with the request's
// credential_id, so inspecting by name gives back the name where the uuid belongs (and Delete
// or Validate of a name then act on nothing). Names are therefore resolved here, from the
// uuids Enumerate returns, and every record carries the uuid it was inspected by.
import { AuthError, NotFoundError, UsageError } from '../../framework/errors.js';
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

/**
 * The credential_id a cloud-backup call sends: --credential (id or name) as its uuid; without
 * it, the uuid of the only credential. Several credentials without --credential is a usage error
 * naming them (the server would refuse with "More than one credential configured"). Undefined
 * when the token may not enumerate credentials: the server then picks as it does for guests.
 * With `noneIsEmpty`, no credential at all gives null (a list has nothing to show).
 */
export async function backupCredentialId(osd: OpenStorageClient, ref: string | undefined, what: string, noneIsEmpty = false): Promise<string | undefined | null> {
  if (ref !== undefined) return String((await resolveCredential(osd, ref)).credential_id);
  let ids: string[];
  try {
    ids = await credentialIds(osd);
  } catch (err) {
    if (err instanceof AuthError) return undefined;
    throw err;
  }
  if (ids.length === 1) return ids[0];
  if (ids.length === 0) {
    if (noneIsEmpty) return null;
    throw new UsageError('no cloud credential is configured on the server', { hint: 'create one: storctl credential create NAME --bucket BUCKET … (storctl credential create --help)' });
  }
  const names = (await mapLimit(ids, 8, (id) => inspectCredential(osd, id))).map((c) => String(c.name || c.credential_id));
  throw new UsageError(`${ids.length} cloud credentials are configured: say which store ${what} with --credential ID|NAME`, { hint: `the credentials: ${names.join(', ')}` });
}

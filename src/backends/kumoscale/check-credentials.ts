// `auth login` for KumoScale, whose basic and bearer credentials have no login exchange: one
// cheap authenticated GET shows whether the provisioner accepts them (a 401 is exit 3 with the
// fix). A 403 means they were accepted and the user's role may not list tenants: still a login.
import type { Context } from '../../framework/context.js';
import { AuthError } from '../../framework/errors.js';
import { kumoscale } from './client.js';

export async function checkCredentials(ctx: Context): Promise<string> {
  const c = await kumoscale(ctx);
  try {
    await c.call({ method: 'GET', path: '/tenants', action: 'check the credentials' });
  } catch (err) {
    if (err instanceof AuthError && err.details?.status === 403) return `accepted by ${c.current} (the user may not list tenants)`;
    throw err;
  }
  return `accepted by ${c.current}`;
}

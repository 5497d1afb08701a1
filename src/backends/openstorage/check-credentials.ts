// `auth login` for OpenStorage, where a bearer token has no login exchange: one RPC outside the
// guest role (Identity.Capabilities: a request without a valid token fails it, while
// Volume.Enumerate would succeed as system.guest) shows whether the server trusts the token.
import type { Context } from '../../framework/context.js';
import { AuthError } from '../../framework/errors.js';
import { withOpenStorage } from './client.js';

export async function checkCredentials(ctx: Context): Promise<string> {
  return withOpenStorage(ctx, async (osd) => {
    try {
      await osd.call('OpenStorageIdentity', 'Capabilities');
    } catch (err) {
      // Authenticated, but a custom role does not allow the identity service: the token is good.
      if (err instanceof AuthError && /^Access to .* denied/i.test(err.message)) return `accepted over ${osd.transport} (its roles do not allow Identity.Capabilities)`;
      throw err;
    }
    return `accepted over ${osd.transport}`;
  });
}

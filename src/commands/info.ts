import { defineCommand } from '../framework/command.js';
import { impliedAuthType } from '../auth/select.js';
import { kumoscale } from '../backends/kumoscale/client.js';
import { INFO_COLUMNS } from '../backends/kumoscale/views.js';

/** Which profile auth types fit each authentication mode /info reports. */
const FITS: Record<string, readonly string[]> = {
  LOCAL: ['basic', 'bearer'],
  LDAP: ['basic', 'bearer'],
  OPEN_IDC: ['oidc', 'bearer'],
  NONE: ['none', 'basic', 'bearer'],
};

export default defineCommand({
  summary: 'Show the KumoScale provisioner\'s version and authentication mode',
  description:
    'Reads GET /info from the first provisioner URL that answers, without credentials (the reference infers /info is public; when a provisioner asks for them anyway, the profile\'s are sent). Shows the version, the authentication mode (LOCAL, LDAP, OPEN_IDC) and whatever else the provisioner reports (-o json keeps every field). Warns when the profile\'s credentials do not fit the mode. A quick check of URL, TLS and client certificate.',
  backends: ['kumoscale'],
  columns: INFO_COLUMNS,
  examples: ['storctl info', 'storctl info -o json', 'storctl info --insecure --endpoint https://10.0.0.5:8090'],
  async run(ctx) {
    const c = await kumoscale(ctx);
    // Unconfirmed: that /info needs no credentials is inferred (reference §1.6); a 401 makes the
    // client ask again with the profile's credentials.
    const info = (await c.one({ path: '/info', auth: false, action: 'cannot read /info' })) ?? {};
    const mode = typeof info.authenticationMode === 'string' ? info.authenticationMode.toUpperCase() : undefined;
    if (mode && FITS[mode]) {
      const type = impliedAuthType(await ctx.profile());
      if (!FITS[mode]!.includes(type)) {
        ctx.warn(`the provisioner uses authentication mode ${mode}, but profile "${c.profileName}" authenticates with ${type}`);
      }
    }
    await ctx.printObject(info);
  },
});

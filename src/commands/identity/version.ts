import { defineCommand } from '../../framework/command.js';
import { withOpenStorage } from '../../backends/openstorage/client.js';
import { obj } from '../../backends/openstorage/resources.js';

export default defineCommand({
  summary: 'Show the OpenStorage SDK and driver versions',
  description:
    'Calls OpenStorageIdentity.Version. The JSON record is the SDK\'s answer: `sdk_version` (major, minor, patch, version) and `version` (driver, version, details). Allowed for every role, including calls without a token.',
  backends: ['openstorage'],
  columns: [
    { key: 'sdk_version', header: 'SDK Version', get: (r) => obj(r.sdk_version).version },
    { key: 'version', header: 'Driver Version', get: (r) => `${String(obj(r.version).driver ?? '')} ${String(obj(r.version).version ?? '')}`.trim() },
    { key: 'details', header: 'Details', format: 'list', get: (r) => Object.entries(obj(obj(r.version).details)).map(([k, v]) => `${k}=${String(v)}`) },
  ],
  examples: ['storctl identity version', 'storctl identity version -o json | jq -r .sdk_version.version', 'storctl identity version --transport rest'],
  async run(ctx) {
    await withOpenStorage(ctx, async (osd) => ctx.printObject(await osd.call('OpenStorageIdentity', 'Version')));
  },
});

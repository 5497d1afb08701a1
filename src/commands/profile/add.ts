import { defineCommand } from '../../framework/command.js';
import { ConflictError, UsageError } from '../../framework/errors.js';
import { saveConfig } from '../../config/file.js';
import { applySettings, checkProfileName, checkSettings, parseAssignments } from '../../config/profile-edit.js';
import { SETTINGS } from '../../config/schema.js';

export default defineCommand<{ backend?: string; use?: boolean; fromEnv?: boolean }>({
  summary: 'Create a profile',
  description:
    'Creates a named profile from KEY=VALUE settings (see `storctl profile set --help` for the list). With --from-env the OpenStack openrc variables (OS_*) of this shell are captured too. Secrets given on the command line end up in shell history: prefer `storctl profile set NAME --password` (stored in the keyring, or a 0600 file under the data dir without one) or environment variables.',
  backends: 'none',
  args: [
    { name: 'name', description: 'Profile name', required: true },
    { name: 'settings', description: 'KEY=VALUE settings', variadic: true },
  ],
  flags: [
    { name: 'backend', type: 'string', valueName: 'KIND', choices: ['openstack', 'swift', 'openstorage', 'kumoscale'], description: 'Which API the profile drives' },
    { name: 'use', type: 'boolean', description: 'Make it the current profile' },
    { name: 'from-env', type: 'boolean', description: 'Capture OS_* / ST_* variables from the environment' },
  ],
  examples: [
    'storctl profile add prod --backend openstack auth_url=https://keystone.example:5000/v3 username=admin project_name=admin user_domain_name=Default project_domain_name=Default --use',
    'storctl profile add px --backend openstorage endpoint=px-node1:9100 token_command="cat ~/.px-token"',
    'storctl profile add kumo --backend kumoscale endpoint=https://prov1:30100,https://prov2:30100 username=admin cert=~/ssdtoolbox.pem insecure=true',
  ],
  async run(ctx, args, opts) {
    const [name, ...words] = args;
    checkProfileName(name!);
    const cfg = await ctx.config();
    if (cfg.profiles.has(name!)) throw new ConflictError(`profile "${name}" already exists in ${cfg.path}`, { hint: `change it with \`storctl profile set ${name} KEY=VALUE\`` });
    const values: Record<string, unknown> = {};
    const given = parseAssignments(words, name!);
    const captured = opts.fromEnv ? captureEnv(ctx.env) : {};
    Object.assign(values, captured, given);
    if (opts.backend) values.backend = opts.backend;
    if (!values.backend) values.backend = opts.fromEnv && ctx.env.ST_AUTH && !ctx.env.OS_AUTH_URL ? 'swift' : opts.fromEnv ? 'openstack' : undefined;
    if (!values.backend) throw new UsageError('a profile needs a backend', { hint: 'add --backend openstack|swift|openstorage|kumoscale' });
    // What the environment gave is checked like what the arguments gave, each named by origin.
    const fromEnv = Object.fromEntries(Object.entries(captured).filter(([k]) => !(k in given)));
    Object.assign(values, checkSettings(fromEnv, String(values.backend), name!, 'environment (--from-env)'));
    checkSettings(given, String(values.backend), name!);
    const ordered = { backend: values.backend, ...values };
    await saveConfig(cfg, (doc) => {
      applySettings(doc, name!, ordered);
      if (opts.use || cfg.profiles.size === 0) doc.set('current_profile', name);
    });
    const secretKeys = SETTINGS.filter((s) => s.secret && values[s.key] !== undefined).map((s) => s.key);
    if (secretKeys.length) ctx.warn(`${secretKeys.join(', ')} stored in ${cfg.path} (mode 0600); \`storctl profile set ${name} --password\` keeps passwords out of it (in the keyring, or the file store without one)`);
    ctx.io.stderr.write(`Profile "${name}" added to ${cfg.path}${opts.use || cfg.profiles.size === 0 ? ' and in use' : ''}.\n`);
  },
});

function captureEnv(env: Record<string, string | undefined>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const spec of SETTINGS) {
    for (const v of spec.osEnv ?? []) {
      if (env[v]) {
        out[spec.key] = v === 'OS_ENDPOINT_TYPE' ? env[v]!.replace(/URL$/, '') : env[v];
        break;
      }
    }
  }
  if (env.ST_AUTH && !env.OS_AUTH_URL) out.auth_type = 'swift-v1';
  return out;
}

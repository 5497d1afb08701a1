import { defineCommand } from '../../framework/command.js';
import type { Context } from '../../framework/context.js';
import { ConfigError, NotFoundError, UsageError } from '../../framework/errors.js';
import { saveConfig } from '../../config/file.js';
import { applySettings, checkSettings, parseAssignments } from '../../config/profile-edit.js';
import { SETTINGS, SETTINGS_BY_KEY } from '../../config/schema.js';
import { didYouMean } from '../../util/suggest.js';
import type { CredentialStore } from '../../auth/stores.js';

interface Opts {
  unset?: string[];
  password?: boolean;
  passwordStdin?: boolean;
  tokenStdin?: boolean;
}

export default defineCommand<Opts>({
  summary: 'Change settings of a profile',
  description:
    'Sets KEY=VALUE settings and removes --unset ones, keeping the rest of the file (and its comments) as it was.\n\n' +
    'A secret given with --password, --password-stdin or --token-stdin goes to the OS keyring, or, without one, to a 0600 file under ' +
    '$XDG_DATA_HOME/storctl/secrets (~/.local/share/storctl/secrets; never the cache); the profile then says where: `password: keyring` or `password: file`.\n\nSettings:\n' +
    SETTINGS.map((s) => `  ${s.key.padEnd(30)} ${s.description}${s.choices ? ` (${s.choices.join('|')})` : ''}`).join('\n'),
  backends: 'none',
  args: [
    { name: 'name', description: 'Profile name', required: true },
    { name: 'settings', description: 'KEY=VALUE settings', variadic: true },
  ],
  flags: [
    { name: 'unset', type: 'list', valueName: 'KEY', description: 'Remove a setting (repeatable)' },
    { name: 'password', type: 'boolean', description: 'Ask for the password and keep it in the keyring (a 0600 file under the data dir without one)' },
    { name: 'password-stdin', type: 'boolean', description: 'Read the password from stdin and keep it in the keyring (or the file store)' },
    { name: 'token-stdin', type: 'boolean', description: 'Read a bearer token from stdin and keep it in the keyring (or the file store)' },
  ],
  examples: [
    'storctl profile set prod region_name=RegionTwo interface=internal',
    'storctl profile set prod --unset cacert',
    'storctl profile set prod --password',
    'vault read -field=pw secret/os | storctl profile set prod --password-stdin',
  ],
  async run(ctx, args, opts) {
    const [name, ...words] = args;
    const cfg = await ctx.config();
    if (!cfg.profiles.has(name!)) throw new NotFoundError(`profile "${name}" not found in ${cfg.path}${didYouMean(name!, cfg.profiles.keys())}`, { hint: `create it with \`storctl profile add ${name} --backend …\`` });
    const unset = (opts.unset ?? []).map((k) => k.replace(/-/g, '_'));
    for (const k of unset) if (!SETTINGS_BY_KEY.has(k)) throw new UsageError(`unknown setting "${k}"${didYouMean(k, SETTINGS_BY_KEY.keys())}`);
    if (unset.includes('backend')) throw new UsageError('a profile cannot lose its backend', { hint: 'set another one with backend=…' });
    const values = parseAssignments(words, name!);
    const backend = (values.backend ?? cfg.profiles.get(name!)!.values.backend) as string | undefined;
    checkSettings(values, backend, name!);
    // A new backend must fit the endpoint the profile already has (a gRPC host:port is no Swift URL).
    if (values.backend && values.endpoint === undefined && cfg.profiles.get(name!)!.values.endpoint !== undefined && !unset.includes('endpoint')) {
      checkSettings({ endpoint: cfg.profiles.get(name!)!.values.endpoint }, backend, name!, cfg.path);
    }
    const secretName = opts.password || opts.passwordStdin ? 'password' : opts.tokenStdin ? 'token' : undefined;
    if (secretName) {
      const value = await readSecret(ctx, secretName, !!(opts.passwordStdin || opts.tokenStdin), name!);
      const { storedSecretAccount } = await import('../../auth/session.js');
      const { openCredentialStore } = await import('../../auth/stores.js');
      const store = await openCredentialStore(ctx);
      if (store.kind === 'none') throw new UsageError('secret_store is none: there is nowhere to keep the secret', { hint: 'use secret_store: keyring or file' });
      const account = storedSecretAccount(name!, secretName);
      await store.set(account, value).catch((err) => storeFailed(ctx, store, secretName, err));
      // The truth about where it went: a `keyring` marker over a file would send readers astray.
      values[secretName] = store.kind;
      ctx.io.stderr.write(`Stored the ${secretName} in ${store.describe(account)}.\n`);
    }
    if (Object.keys(values).length === 0 && unset.length === 0) throw new UsageError('nothing to change', { hint: 'give KEY=VALUE settings, --unset KEY or --password' });
    await saveConfig(cfg, (doc) => applySettings(doc, name!, values, unset));
    ctx.io.stderr.write(`Profile "${name}" updated.\n`);
  },
});

/** Exit 2 naming the place that refused the secret and the fix. */
async function storeFailed(ctx: Context, store: CredentialStore, what: string, err: unknown): Promise<never> {
  if (store.kind === 'keyring') {
    throw new ConfigError(`cannot store the ${what} in the keyring: ${String((err as Error)?.message ?? err).split('\n')[0]}`, {
      hint: 'unlock the keyring (e.g. log in to the desktop session), or set secret_store=file in the profile',
    });
  }
  const { dirProblem, isFsWriteProblem } = await import('../../config/fs-problem.js');
  if (!isFsWriteProblem(err)) throw err;
  const { dataDirMove } = await import('../../config/paths.js');
  const p = dirProblem(store.fileDir, err);
  throw new ConfigError(`cannot store the ${what}: data dir ${store.fileDir} ${p.reason}`, { hint: `${p.fix}, or ${dataDirMove(ctx.env)}` });
}

async function readSecret(ctx: Context, what: string, fromStdin: boolean, profile: string): Promise<string> {
  let value: string;
  if (fromStdin) {
    const chunks: Buffer[] = [];
    for await (const c of ctx.io.stdin) chunks.push(Buffer.from(c as Buffer));
    value = Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
  } else {
    if (!ctx.interactive) throw new UsageError(`cannot ask for the ${what}: stdin is not a terminal`, { hint: `pipe it in with --${what}-stdin` });
    const { askSecret } = await import('../../util/prompt.js');
    value = (await askSecret(ctx.io, `${what === 'password' ? 'Password' : 'Token'} for profile "${profile}": `)).trim();
  }
  if (!value) throw new UsageError(`empty ${what}: nothing stored`);
  const { registerSecret } = await import('../../transport/redact.js');
  registerSecret(value);
  return value;
}

import { readFile } from 'node:fs/promises';
import { defineCommand } from '../../framework/command.js';
import { ConflictError, UsageError } from '../../framework/errors.js';
import { registerSecret } from '../../transport/redact.js';
import type { Context } from '../../framework/context.js';
import { withOpenStorage } from '../../backends/openstorage/client.js';
import { inspectCredential, listCredentials } from '../../backends/openstorage/credentials.js';
import { CREDENTIAL_COLUMNS } from '../../backends/openstorage/views.js';

interface Opts {
  provider: string;
  bucket?: string;
  accessKey?: string;
  secretKey?: string;
  s3Endpoint?: string;
  s3Region?: string;
  disableSsl?: boolean;
  disablePathStyle?: boolean;
  azureAccountName?: string;
  azureAccountKey?: string;
  googleProjectId?: string;
  googleJsonKey?: string;
  nfsServer?: string;
  nfsSubPath?: string;
  encryptionKey?: string;
  useProxy?: boolean;
}

/** A secret flag value: itself, `@FILE`, or `-` for the first line of stdin. */
async function secretValue(ctx: Context, value: string | undefined, flag: string): Promise<string> {
  if (value === undefined || value === '') throw new UsageError(`${flag} is required for this provider`);
  let out = value;
  if (value === '-') {
    const chunks: Buffer[] = [];
    for await (const c of ctx.io.stdin) chunks.push(Buffer.from(c as Buffer));
    out = Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
  } else if (value.startsWith('@')) {
    try {
      out = (await readFile(value.slice(1), 'utf8')).trim();
    } catch (err) {
      throw new UsageError(`cannot read ${flag} file ${value.slice(1)}: ${(err as NodeJS.ErrnoException).code}`);
    }
  }
  if (out === '') throw new UsageError(`${flag} is empty`);
  registerSecret(out);
  return out;
}

function need(value: string | undefined, flag: string): string {
  if (!value) throw new UsageError(`${flag} is required for this provider`);
  return value;
}

export default defineCommand<Opts>({
  summary: 'Create a cloud credential (S3, Azure, Google, NFS) for cloud backups',
  description:
    'Calls OpenStorageCredentials.Create, then prints the credential (the SDK\'s SdkCredentialInspectResponse; the server never returns the secret). Secret flags take the value itself, @FILE, or - to read it from stdin, and are redacted from --debug output. A name that is already taken is a conflict (exit 5).',
  backends: ['openstorage'],
  args: [{ name: 'name', description: 'Credential name', required: true }],
  flags: [
    { name: 'provider', type: 'string', valueName: 'KIND', choices: ['s3', 'azure', 'google', 'nfs'], description: 'Kind of credential', default: 's3' },
    { name: 'bucket', type: 'string', valueName: 'BUCKET', description: 'Bucket backups go to' },
    { name: 'access-key', type: 'string', valueName: 'KEY', description: 'S3 access key' },
    { name: 'secret-key', type: 'string', valueName: 'KEY|@FILE|-', description: 'S3 secret key' },
    { name: 's3-endpoint', type: 'string', valueName: 'HOST[:PORT]', description: 'S3 endpoint' },
    { name: 's3-region', type: 'string', valueName: 'REGION', description: 'S3 region' },
    { name: 'disable-ssl', type: 'boolean', description: 'S3 over plain HTTP' },
    { name: 'disable-path-style', type: 'boolean', description: 'Virtual-hosted-style S3 URLs' },
    { name: 'azure-account-name', type: 'string', valueName: 'NAME', description: 'Azure storage account' },
    { name: 'azure-account-key', type: 'string', valueName: 'KEY|@FILE|-', description: 'Azure account key' },
    { name: 'google-project-id', type: 'string', valueName: 'ID', description: 'Google Cloud project' },
    { name: 'google-json-key', type: 'string', valueName: 'JSON|@FILE|-', description: 'Google service account key' },
    { name: 'nfs-server', type: 'string', valueName: 'HOST', description: 'NFS server' },
    { name: 'nfs-sub-path', type: 'string', valueName: 'PATH', description: 'Path on the NFS server' },
    { name: 'encryption-key', type: 'string', valueName: 'KEY|@FILE|-', description: 'Encrypt backups with this passphrase' },
    { name: 'use-proxy', type: 'boolean', description: 'Reach the store through the node\'s proxy' },
  ],
  columns: CREDENTIAL_COLUMNS.map((c) => ({ ...c, long: false })),
  examples: [
    'storctl credential create s3-backups --bucket backups --access-key AKIA… --secret-key @~/.s3secret --s3-endpoint s3.example.com --s3-region us-east-1',
    'printf %s "$KEY" | storctl credential create az --provider azure --azure-account-name acct --azure-account-key -',
    'storctl credential create nfs1 --provider nfs --nfs-server 10.0.0.5 --nfs-sub-path /backups',
  ],
  async run(ctx, args, opts) {
    const name = args[0]!;
    const req: Record<string, unknown> = { name };
    if (opts.bucket) req.bucket = opts.bucket;
    if (opts.encryptionKey) req.encryption_key = await secretValue(ctx, opts.encryptionKey, '--encryption-key');
    if (opts.useProxy) req.use_proxy = true;
    switch (opts.provider ?? 's3') {
      case 's3':
        req.aws_credential = {
          access_key: need(opts.accessKey, '--access-key'),
          secret_key: await secretValue(ctx, opts.secretKey, '--secret-key'),
          endpoint: opts.s3Endpoint ?? '',
          region: opts.s3Region ?? '',
          disable_ssl: !!opts.disableSsl,
          disable_path_style: !!opts.disablePathStyle,
        };
        break;
      case 'azure':
        req.azure_credential = { account_name: need(opts.azureAccountName, '--azure-account-name'), account_key: await secretValue(ctx, opts.azureAccountKey, '--azure-account-key') };
        break;
      case 'google':
        req.google_credential = { project_id: need(opts.googleProjectId, '--google-project-id'), json_key: await secretValue(ctx, opts.googleJsonKey, '--google-json-key') };
        break;
      case 'nfs':
        req.nfs_credential = { server: need(opts.nfsServer, '--nfs-server'), sub_path: opts.nfsSubPath ?? '' };
        break;
    }
    await withOpenStorage(ctx, async (osd) => {
      const taken = (await listCredentials(osd)).find((c) => c.name === name);
      if (taken) throw new ConflictError(`a credential named "${name}" already exists (${String(taken.credential_id)})`, { hint: `storctl credential show ${name}` });
      const r = await osd.call('OpenStorageCredentials', 'Create', req);
      await ctx.printObject(await inspectCredential(osd, String(r.credential_id)));
    });
  },
});

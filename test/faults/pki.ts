// Certificates that are wrong in one way each: a name that does not match, an expired one, one
// from a CA nobody trusts, plus a client-certificate CA. Node cannot mint X.509, so this drives
// `openssl` (ca -startdate/-enddate makes the expired one without faking the clock).
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface FaultPki {
  dir: string;
  /** The CA the client is told to trust (--cacert). */
  caCert: string;
  good: { cert: string; key: string };
  wrongName: { cert: string; key: string };
  expired: { cert: string; key: string };
  unknownCa: { cert: string; key: string };
  /** Client certificates the servers in client-cert mode trust. */
  clientCaCert: string;
}

function openssl(args: string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) =>
    execFile('openssl', args, { cwd, timeout: 30_000 }, (err, _o, stderr) => (err ? reject(new Error(`openssl ${args[0]}: ${stderr || err.message}`)) : resolve())),
  );
}

const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

async function makeCa(dir: string, name: string): Promise<void> {
  await openssl(['req', '-x509', ...EC, '-subj', `/CN=${name}`, '-days', '2', '-keyout', `${name}.key`, '-out', `${name}.crt`,
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'], dir);
  await mkdir(join(dir, `${name}-db`), { recursive: true });
  await writeFile(join(dir, `${name}-db`, 'index.txt'), '');
  await writeFile(join(dir, `${name}-db`, 'serial'), '1000\n');
}

async function issue(dir: string, ca: string, name: string, san: string, dates: { start: string; end: string }): Promise<{ cert: string; key: string }> {
  await openssl(['req', '-new', ...EC, '-subj', `/CN=${name}`, '-keyout', `${name}.key`, '-out', `${name}.csr`], dir);
  await writeFile(
    join(dir, `${name}.cnf`),
    [
      '[ca]', 'default_ca = d', '[d]', `database = ${ca}-db/index.txt`, `new_certs_dir = ${ca}-db`, `serial = ${ca}-db/serial`,
      'default_md = sha256', 'policy = p', 'unique_subject = no', 'x509_extensions = ext', '[p]', 'commonName = supplied',
      '[ext]', 'basicConstraints = critical,CA:FALSE', `subjectAltName = ${san}`, '',
    ].join('\n'),
  );
  await openssl(['ca', '-batch', '-config', `${name}.cnf`, '-cert', `${ca}.crt`, '-keyfile', `${ca}.key`, '-in', `${name}.csr`, '-out', `${name}.crt`, '-startdate', dates.start, '-enddate', dates.end, '-notext'], dir);
  return { cert: join(dir, `${name}.crt`), key: join(dir, `${name}.key`) };
}

export async function makeFaultPki(): Promise<FaultPki> {
  const dir = await mkdtemp(join(tmpdir(), 'storctl-fault-pki-'));
  await Promise.all([makeCa(dir, 'trusted'), makeCa(dir, 'stranger'), makeCa(dir, 'clients')]);
  const now = { start: stamp(-86400_000), end: stamp(86400_000) };
  const here = 'IP:127.0.0.1,DNS:localhost';
  const good = await issue(dir, 'trusted', 'good', here, now);
  const wrongName = await issue(dir, 'trusted', 'wrong', 'DNS:storage.example.com,DNS:api.example.com', now);
  const expired = await issue(dir, 'trusted', 'expired', here, { start: '20200101000000Z', end: '20210101000000Z' });
  const unknownCa = await issue(dir, 'stranger', 'unknown', here, now);
  return { dir, caCert: join(dir, 'trusted.crt'), good, wrongName, expired, unknownCa, clientCaCert: join(dir, 'clients.crt') };
}

export const read = (f: string) => readFile(f);

function stamp(offsetMs: number): string {
  return new Date(Date.now() + offsetMs).toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z';
}

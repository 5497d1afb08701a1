// Throwaway PKI for the HTTPS simulators: one CA, a server certificate valid for
// 127.0.0.1 / ::1 / localhost, and a client certificate, all signed by that CA.
// Node cannot mint X.509 certificates itself, so this drives the `openssl` command line.
// Nothing is cached: every call writes a fresh set of files.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestPki {
  /** Directory holding every file below. */
  dir: string;
  caCert: string;
  serverCert: string;
  serverKey: string;
  clientCert: string;
  clientKey: string;
  /** Client certificate followed by its key in one file, the way KumoScale ships `ssdtoolbox.pem`. */
  clientPem: string;
}

const VALID_DAYS = '30';

function runOpenssl(args: string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile('openssl', args, { cwd, timeout: 30_000 }, (err, _stdout, stderr) => {
      if (!err) return resolve();
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') {
        reject(
          new Error(
            'generateTestPki: the `openssl` command was not found on PATH. ' +
              'Install OpenSSL (e.g. `apt-get install openssl`) to run the HTTPS simulators.',
          ),
        );
        return;
      }
      reject(new Error(`generateTestPki: openssl ${args[0]} failed: ${String(stderr).trim() || err.message}`));
    });
  });
}

function serial(): string {
  // Positive 64-bit serial (top bit cleared).
  const b = randomBytes(8);
  b[0] = (b[0] ?? 0) & 0x7f;
  return '0x' + b.toString('hex');
}

/** Minimal `req` config so the host's openssl.cnf defaults do not leak in. */
function reqConfig(commonName: string, caExtensions: boolean): string {
  const lines = [
    '[req]',
    'distinguished_name = dn',
    'prompt = no',
    'utf8 = yes',
    '[dn]',
    `CN = ${commonName}`,
    'O = storctl sandbox',
  ];
  if (caExtensions) {
    lines.splice(3, 0, 'x509_extensions = v3_ca');
    lines.push(
      '[v3_ca]',
      'basicConstraints = critical,CA:TRUE',
      'keyUsage = critical,keyCertSign,cRLSign',
      'subjectKeyIdentifier = hash',
    );
  }
  return lines.join('\n') + '\n';
}

function leafExtensions(kind: 'server' | 'client'): string {
  const lines = [
    '[ext]',
    'basicConstraints = critical,CA:FALSE',
    'keyUsage = critical,digitalSignature',
    'subjectKeyIdentifier = hash',
    'authorityKeyIdentifier = keyid',
  ];
  if (kind === 'server') {
    lines.push('extendedKeyUsage = serverAuth', 'subjectAltName = IP:127.0.0.1,IP:::1,DNS:localhost');
  } else {
    lines.push('extendedKeyUsage = clientAuth');
  }
  return lines.join('\n') + '\n';
}

const EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

async function issueLeaf(dir: string, name: 'server' | 'client', commonName: string): Promise<void> {
  await writeFile(join(dir, `${name}-req.cnf`), reqConfig(commonName, false));
  await writeFile(join(dir, `${name}-ext.cnf`), leafExtensions(name));
  await runOpenssl(
    ['req', '-new', '-config', `${name}-req.cnf`, ...EC_KEY, '-keyout', `${name}.key`, '-out', `${name}.csr`],
    dir,
  );
  await runOpenssl(
    [
      'x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-set_serial', serial(),
      '-days', VALID_DAYS, '-sha256', '-extfile', `${name}-ext.cnf`, '-extensions', 'ext', '-out', `${name}.crt`,
    ],
    dir,
  );
  await chmod(join(dir, `${name}.key`), 0o600);
}

/**
 * Generates a CA, a server certificate for 127.0.0.1/localhost and a client certificate
 * into `dir` (a new temp directory when omitted). Returns the file paths.
 * Throws a clear error when `openssl` is not installed.
 */
export async function generateTestPki(dir?: string): Promise<TestPki> {
  let target: string;
  if (dir) {
    await mkdir(dir, { recursive: true });
    target = dir;
  } else {
    target = await mkdtemp(join(tmpdir(), 'storctl-pki-'));
  }

  await writeFile(join(target, 'ca.cnf'), reqConfig('storctl sandbox throwaway CA', true));
  await runOpenssl(
    ['req', '-x509', '-config', 'ca.cnf', ...EC_KEY, '-sha256', '-days', VALID_DAYS, '-set_serial', serial(),
      '-keyout', 'ca.key', '-out', 'ca.crt'],
    target,
  );
  await chmod(join(target, 'ca.key'), 0o600);
  await issueLeaf(target, 'server', 'localhost');
  await issueLeaf(target, 'client', 'ssdtoolbox');

  const clientPem = join(target, 'ssdtoolbox.pem');
  const [cert, key] = await Promise.all([
    readFile(join(target, 'client.crt'), 'utf8'),
    readFile(join(target, 'client.key'), 'utf8'),
  ]);
  await writeFile(clientPem, cert.trimEnd() + '\n' + key.trimEnd() + '\n', { mode: 0o600 });

  return {
    dir: target,
    caCert: join(target, 'ca.crt'),
    serverCert: join(target, 'server.crt'),
    serverKey: join(target, 'server.key'),
    clientCert: join(target, 'client.crt'),
    clientKey: join(target, 'client.key'),
    clientPem,
  };
}

/**
 * A throw-away CA with a server certificate for 127.0.0.1 and a client certificate (plus a
 * second CA that signed nothing, for "wrong CA" tests), made with the openssl command line and
 * kept in a temporary folder so apps under test can be given file paths. Tests that need them
 * skip themselves where `hasOpenssl()` is false.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface CertificateFiles {
  readonly dir: string;
  readonly caFile: string;
  readonly clientKeyFile: string;
  readonly clientCertFile: string;
  /** A CA that signed nothing here: trusting it must fail. */
  readonly otherCaFile: string;
  /** PEM texts. */
  readonly ca: string;
  readonly serverKey: string;
  readonly serverCert: string;
  readonly clientKey: string;
  readonly clientCert: string;
  remove(): void;
}

export function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export function createCertificateFiles(): CertificateFiles {
  const dir = mkdtempSync(path.join(tmpdir(), 'tracekit-tls-'));
  const file = (name: string): string => path.join(dir, name);
  const openssl = (...args: string[]): void => {
    execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  };
  const ecKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  for (const ca of ['ca', 'other-ca']) {
    openssl('req', '-x509', ...ecKey, '-keyout', `${ca}.key`, '-out', `${ca}.crt`, '-days', '1', '-subj', `/CN=tracekit test ${ca}`);
  }
  writeFileSync(file('server.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n');
  writeFileSync(file('client.ext'), 'extendedKeyUsage=clientAuth\n');
  for (const name of ['server', 'client']) {
    openssl('req', ...ecKey, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=tracekit test ${name}`);
    openssl(
      'x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial',
      '-out', `${name}.crt`, '-days', '1', '-extfile', `${name}.ext`,
    );
  }
  const read = (name: string): string => readFileSync(file(name), 'utf8');
  return {
    dir,
    caFile: file('ca.crt'),
    clientKeyFile: file('client.key'),
    clientCertFile: file('client.crt'),
    otherCaFile: file('other-ca.crt'),
    ca: read('ca.crt'),
    serverKey: read('server.key'),
    serverCert: read('server.crt'),
    clientKey: read('client.key'),
    clientCert: read('client.crt'),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

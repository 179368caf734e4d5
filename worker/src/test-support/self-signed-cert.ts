import { execFileSync } from 'node:child_process';
import path from 'node:path';

/**
 * Writes a throw-away self-signed certificate for `localhost` (openssl, valid one day) into `dir`.
 * @example const { key, cert } = selfSignedCert(mkdtempSync(...)); https.createServer({ key: readFileSync(key), … })
 */
export function selfSignedCert(dir: string): { key: string; cert: string } {
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { stdio: 'ignore' },
  );
  return { key, cert };
}

import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { selfSignedCert } from '@tandem/worker/test-support';
import { afterEach, describe, expect, it } from 'vitest';

const CLI = path.join(path.dirname(fileURLToPath(import.meta.url)), 'cli.ts');
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
});

/** Starts `cli.ts start` and resolves with the URL it prints once up. */
function start(
  env: Record<string, string>,
): Promise<{ url: string; child: ChildProcess; stderr: () => string }> {
  const child = spawn(process.execPath, [CLI, 'start'], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: 'pipe',
  });
  children.push(child);
  let err = '';
  return new Promise((resolve, reject) => {
    child.stderr!.on('data', (d) => {
      err += d;
      const m = err.match(/open (https?:\/\/\S+)/);
      if (m) resolve({ url: m[1]!, child, stderr: () => err });
    });
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${err}`)));
  });
}

describe('tandem processes', () => {
  it('starts embedded mode, applies migrations, generates a 0600 key, and stops cleanly on SIGTERM', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tandem-cli-'));
    try {
      const { url, child } = await start({ DATA_DIR: dir, PORT: '0', HOST: '127.0.0.1' });
      const health = await (await fetch(`${url}/api/health`)).json();
      expect(health).toMatchObject({ status: 'ok', mode: 'embedded' });
      expect(statSync(path.join(dir, 'tandem.db')).size).toBeGreaterThan(0);
      expect(statSync(path.join(dir, 'encryption.key')).mode & 0o777).toBe(0o600);
      const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a bad environment value with one line naming it', () => {
    let out = '';
    try {
      execFileSync(process.execPath, [CLI, 'start'], { env: { PORT: 'eighty' }, stdio: 'pipe' });
    } catch (err) {
      out = String((err as { stderr: Buffer }).stderr);
      expect((err as { status: number }).status).toBe(1);
    }
    expect(out.trim()).toMatch(/^tandem: invalid PORT: /);
    expect(out.trim().split('\n')).toHaveLength(1);
  });

  it('serves HTTPS when TLS_CERT and TLS_KEY are given', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tandem-tls-'));
    try {
      const { key, cert } = selfSignedCert(dir);
      const { url } = await start({
        DATA_DIR: dir,
        PORT: '0',
        HOST: '127.0.0.1',
        TLS_CERT: cert,
        TLS_KEY: key,
        NODE_TLS_REJECT_UNAUTHORIZED: '0',
      });
      expect(url).toMatch(/^https:\/\//);
      const body = execFileSync('curl', ['-sk', `${url}/api/health`]).toString();
      expect(JSON.parse(body).status).toBe('ok');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

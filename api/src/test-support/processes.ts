import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const CLI = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'cli.ts');

export type TandemProcess = {
  child: ChildProcess;
  output: () => string;
  kill(signal?: NodeJS.Signals): Promise<void>;
};

/**
 * Spawns `cli.ts <command>` with `env` and resolves once `ready` matches its output (JSON logs on stdout, the banner
 * on stderr). Used by tests that need real separate processes (production mode, kill -9).
 */
export function spawnTandem(
  command: string,
  env: Record<string, string>,
  ready: RegExp,
): Promise<TandemProcess> {
  const child = spawn(process.execPath, [CLI, command], {
    env: {
      PATH: process.env.PATH ?? '',
      LOG_LEVEL: 'info',
      HOST: '127.0.0.1',
      AUTH_RATE_LIMIT: '1000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const proc: TandemProcess = {
    child,
    output: () => out,
    kill: (signal = 'SIGTERM') =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      }),
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${command} did not get ready:\n${out}`)), 30_000);
    const onData = (d: Buffer) => {
      out += d;
      if (ready.test(out)) {
        clearTimeout(timer);
        resolve(proc);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${command} exited ${code}:\n${out}`));
    });
  });
}

/** The port a process printed in its "up" log line (`"url":"http://127.0.0.1:1234"`). */
export function portOf(proc: TandemProcess, key = 'url'): number {
  const m = proc.output().match(new RegExp(`"${key}":"(?:https?|ws)://[^:]+:(\\d+)`));
  if (!m) throw new Error(`no ${key} in output:\n${proc.output()}`);
  return Number(m[1]);
}

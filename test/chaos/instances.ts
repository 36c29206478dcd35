import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../support/free-port.ts';

// One instance of the service as production runs it: `node src/main.ts` in its own process,
// killed with SIGKILL and started again by the chaos run. Its log goes to a file for post-mortems.

const MAIN = path.resolve(import.meta.dirname, '../../src/main.ts');

export interface Instance {
  name: string;
  url: string;
  start(): Promise<void>;
  kill(): Promise<void>;
  stop(): Promise<void>;
  /** Times the process was started (1 + restarts). */
  starts(): number;
}

export async function createInstance(
  name: string,
  env: Record<string, string>,
  logDir: string,
): Promise<Instance> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const dataDir = await mkdtemp(path.join(os.tmpdir(), `ibs-chaos-${name}-`));
  const log: WriteStream = createWriteStream(path.join(logDir, `${name}.log`), { flags: 'a' });
  let child: ChildProcess | undefined;
  let started = 0;

  const exited = () =>
    new Promise<void>((resolve) => {
      if (!child || child.exitCode !== null || child.signalCode !== null) resolve();
      else child.once('exit', () => resolve());
    });

  return {
    name,
    url,
    starts: () => started,
    async start() {
      started++;
      child = spawn(process.execPath, [MAIN], {
        env: {
          PATH: process.env.PATH ?? '',
          NODE_ENV: 'development',
          HOST: '127.0.0.1',
          PORT: String(port),
          PUBLIC_BASE_URL: url,
          DATA_DIR: dataDir,
          LOG_LEVEL: 'warn',
          SEED_DEMO: 'false',
          STRIPE_EMULATOR: 'off',
          RATE_LIMITS: 'off',
          ALLOW_PRIVATE_WEBHOOK_URLS: 'true',
          OUTBOX_POLL_MS: '200',
          SHUTDOWN_TIMEOUT_MS: '5000',
          ...env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout!.pipe(log, { end: false });
      child.stderr!.pipe(log, { end: false });
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline) {
        if (child.exitCode !== null)
          throw new Error(`${name} exited with ${child.exitCode} (see ${log.path})`);
        const ready = await fetch(`${url}/api/ready`).catch(() => undefined);
        if (ready?.ok) return;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`${name} was not ready within 30 s (see ${log.path})`);
    },
    async kill() {
      child?.kill('SIGKILL');
      await exited();
    },
    async stop() {
      child?.kill('SIGTERM');
      await exited();
      log.end();
    },
  };
}

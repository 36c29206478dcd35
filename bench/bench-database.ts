// A fresh PostgreSQL database for one benchmark, and the child-process plumbing the benchmarks
// share: each runs the real service in a child that prints one JSON line when it is ready.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import pg from 'pg';

async function adminQuery(baseUrl: string, text: string) {
  const admin = new URL(baseUrl);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** Creates `<prefix>_<random>` on the server of `baseUrl`; `drop` removes it, connections and all. */
export async function createBenchDatabase(baseUrl: string, prefix: string) {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  await adminQuery(baseUrl, `create database "${name}"`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => adminQuery(baseUrl, `drop database if exists "${name}" with (force)`),
  };
}

/**
 * Runs `script` (with `args`) in a child with `env` (and BENCH_NODE_FLAGS), resolving with its
 * first stdout line that starts with `readyPrefix`, parsed; its other lines go to stderr.
 */
export function spawnBenchChild<T>(
  script: URL,
  env: NodeJS.ProcessEnv,
  readyPrefix: string,
  args: string[] = [],
  /** Puts a command in front of node's own, e.g. `taskset` (bench/pinning.ts). */
  wrap: (command: string, args: string[]) => [string, string[]] = (command, rest) => [command, rest],
) {
  const child: ChildProcess = spawn(
    ...wrap(process.execPath, [
      ...(process.env.BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? []),
      script.pathname,
      ...args,
    ]),
    { stdio: ['ignore', 'pipe', 'inherit'], env },
  );
  const ready = new Promise<T>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      if (line.startsWith(readyPrefix)) resolve(JSON.parse(line) as T);
      else process.stderr.write(`${line}\n`);
    });
    child.once('exit', (code) => reject(new Error(`${script.pathname} exited with ${code}`)));
  });
  return { child, ready };
}

/** Stops a child and waits for it to exit. */
export async function stopBenchChild(child: ChildProcess) {
  // Either is set once it has exited; a child killed by a signal keeps exitCode null.
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

export function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}

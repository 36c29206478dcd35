// CPU pinning for the HTTP section of npm run bench. On a 2-core machine the scheduler otherwise
// decides, run by run, how much of a core the server gets next to autocannon, and the ratios
// swing by a third. Pinned, the server under test has one core of its own and autocannon the
// other, so each req/s figure is what one core of that server carries, and the bare twin
// (bench/bare-servers.ts) is measured under the very same terms. BENCH_PIN=off turns it off.
import { execFileSync } from 'node:child_process';
import os from 'node:os';

export interface Pinning {
  /** Prefix for spawning a server process: `[command, ...args]` to put before node's own. */
  server(command: string, args: string[]): [string, string[]];
  /** Puts this process (the load generator) on its core; `release` gives it every core back. */
  pinLoad(): void;
  release(): void;
  describe: string;
}

function hasTaskset(): boolean {
  try {
    execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export function choosePinning(): Pinning {
  const cpus = os.availableParallelism();
  if (process.env.BENCH_PIN === 'off' || cpus < 2 || !hasTaskset()) {
    return {
      server: (command, args) => [command, args],
      pinLoad() {},
      release() {},
      describe: 'not pinned',
    };
  }
  const serverCpu = String(cpus - 1);
  const all = `0-${cpus - 1}`;
  const setOwn = (list: string) =>
    execFileSync('taskset', ['-a', '-p', '-c', list, String(process.pid)], { stdio: 'ignore' });
  return {
    server: (command, args) => ['taskset', ['-c', serverCpu, command, ...args]],
    pinLoad: () => setOwn('0'),
    release: () => setOwn(all),
    describe: `servers pinned to CPU ${serverCpu}, autocannon to CPU 0`,
  };
}

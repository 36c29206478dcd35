// What tRPC over HTTP costs on top of a bare Fastify JSON route, for registerTrpc and for the stock
// @trpc/server/adapters/fastify plugin. Run: node bench/trpc-overhead.ts. BENCH_DURATION is the
// seconds per measurement (default 10); BENCH_ROUNDS (default 1) repeats the three measurements and
// prints medians, which a shared or busy machine needs. The three servers share one child process and
// autocannon runs in this one, a target at a time. When autocannon itself is the limit, req/s flatters
// the slower server; the server's CPU time per request (all its threads, GC included) does not.
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { createTRPCClient, httpLink } from '@trpc/client';
import { initTRPC } from '@trpc/server';
import { fastifyTRPCPlugin } from '@trpc/server/adapters/fastify';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import superjson from 'superjson';
import { registerTrpc } from '../src/trpc/fastify-handler.ts';

const PREFIX = '/api/trpc';
const RESULT = { hello: 'world', count: 1 };

interface BenchContext {
  requestId: string;
  ip: string;
  authorization: string | undefined;
}

function createContext(req: FastifyRequest): BenchContext {
  return { requestId: String(req.id), ip: req.ip, authorization: req.headers.authorization };
}

const t = initTRPC.context<BenchContext>().create({ transformer: superjson, isDev: false });
const router = t.router({ hello: t.procedure.query(() => RESULT) });

interface Targets {
  bare: string;
  fast: string;
  stock: string;
}

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return `http://127.0.0.1:${address.port}`;
}

/** The child: three servers on their own ports, announced on stdout as one JSON line. */
async function serve(): Promise<void> {
  const bare = Fastify({ logger: false });
  bare.get('/bare', async () => RESULT);

  const fast = Fastify({ logger: false });
  registerTrpc(fast, { prefix: PREFIX, router, createContext });

  const stock = Fastify({ logger: false });
  await stock.register(fastifyTRPCPlugin, {
    prefix: PREFIX,
    trpcOptions: { router, createContext: ({ req }: { req: FastifyRequest }) => createContext(req) },
  });

  const targets: Targets = { bare: await listen(bare), fast: await listen(fast), stock: await listen(stock) };
  // Exiting normally on SIGTERM lets `node --cpu-prof bench/trpc-overhead.ts --serve` write its profile.
  process.once('SIGTERM', () => process.exit(0));
  process.on('message', () => process.send?.(process.cpuUsage()));
  process.stdout.write(`${JSON.stringify(targets)}\n`);
}

// autocannon ships no types: this is the part of its API used here.
interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p99: number };
  non2xx: number;
  errors: number;
}
type Autocannon = (opts: {
  url: string;
  connections: number;
  pipelining: number;
  duration: number;
}) => Promise<AutocannonResult>;

/** The path and query @trpc/client's httpLink really requests for `hello.query(input)`. */
async function capturedQueryPath(server: string, input: unknown): Promise<string> {
  let sent = '';
  const client = createTRPCClient<typeof router>({
    links: [
      httpLink({
        url: `${server}${PREFIX}`,
        transformer: superjson,
        fetch: (url, init) => {
          sent = String(url).slice(server.length);
          return fetch(url, init);
        },
      }),
    ],
  });
  const result = await client.hello.query(input as undefined);
  if (result.hello !== RESULT.hello) throw new Error(`unexpected answer from ${server}`);
  return sent;
}

interface Measurement {
  rps: number;
  p99: number;
  /** Server CPU time (user + system) per answered request, in microseconds. */
  cpuPerRequest: number;
}

async function main(): Promise<void> {
  const duration = Number(process.env.BENCH_DURATION ?? 10);
  const rounds = Number(process.env.BENCH_ROUNDS ?? 1);
  const child = spawn(process.execPath, [new URL(import.meta.url).pathname, '--serve'], {
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  try {
    const firstLine = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout! }).once('line', resolve);
      child.once('exit', (code) => reject(new Error(`bench servers exited with ${code}`)));
    });
    const targets = JSON.parse(firstLine) as Targets;

    const withInput = await capturedQueryPath(targets.fast, {});
    const withoutInput = await capturedQueryPath(targets.fast, undefined);
    console.log(`httpLink sends: hello.query({}) -> GET ${withInput}`);
    console.log(`                hello.query()   -> GET ${withoutInput}`);
    await assertSameAnswer(`${targets.fast}${withInput}`, `${targets.stock}${withInput}`);

    const measure = measurer(child, duration);
    const urls = [`${targets.bare}/bare`, `${targets.fast}${withInput}`, `${targets.stock}${withInput}`];
    const names = ['bare Fastify GET /bare', 'registerTrpc (fast handler)', 'stock fastifyTRPCPlugin'];
    // Rounds alternate the targets, so a noisy neighbour slows all three rather than one.
    const results: Measurement[][] = urls.map(() => []);
    for (let round = 0; round < rounds; round++) {
      for (const [i, url] of urls.entries()) results[i]!.push(await measure(url));
    }
    printTable(names, results, `${duration} s each, ${rounds} round(s), 50 connections, pipelining 1`);
  } finally {
    child.kill();
  }
}

function measurer(child: ChildProcess, duration: number): (url: string) => Promise<Measurement> {
  const serverCpu = () =>
    new Promise<NodeJS.CpuUsage>((resolve) => {
      child.once('message', (usage) => resolve(usage as NodeJS.CpuUsage));
      child.send('cpu');
    });
  const load = import('autocannon' as string) as Promise<{ default: Autocannon }>;
  return async (url) => {
    const { default: autocannon } = await load;
    await autocannon({ url, connections: 50, pipelining: 1, duration: 2 }); // warm-up, JIT
    const before = await serverCpu();
    const result = await autocannon({ url, connections: 50, pipelining: 1, duration });
    const after = await serverCpu();
    if (result.non2xx > 0 || result.errors > 0) {
      throw new Error(`${url}: ${result.non2xx} non-2xx responses, ${result.errors} errors`);
    }
    const cpuMicros = after.user - before.user + (after.system - before.system);
    return {
      rps: result.requests.average,
      p99: result.latency.p99,
      cpuPerRequest: cpuMicros / result.requests.total,
    };
  };
}

/** Medians over the rounds; ratios are taken within a round (against that round's bare run). */
function printTable(names: string[], results: Measurement[][], title: string): void {
  const bare = results[0]!;
  const header = ['req/s', 'p99 ms', 'ratio', 'server CPU µs/req', 'CPU ratio'];
  console.log(`\n${title}\n`);
  console.log(`${'target'.padEnd(30)}${header.map((h) => h.padStart(h.length + 3)).join('')}`);
  for (const [i, runs] of results.entries()) {
    const cells = [
      median(runs.map((run) => run.rps)).toFixed(0),
      String(median(runs.map((run) => run.p99))),
      median(runs.map((run, round) => run.rps / bare[round]!.rps)).toFixed(2),
      median(runs.map((run) => run.cpuPerRequest)).toFixed(1),
      // Bare's CPU per request over this target's: the throughput ratio a CPU-bound server would see.
      median(runs.map((run, round) => bare[round]!.cpuPerRequest / run.cpuPerRequest)).toFixed(2),
    ];
    console.log(
      `${names[i]!.padEnd(30)}${cells.map((cell, c) => cell.padStart(header[c]!.length + 3)).join('')}`,
    );
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The fast handler must answer exactly as the stock adapter does, or the comparison means nothing. */
async function assertSameAnswer(fastUrl: string, stockUrl: string): Promise<void> {
  const [fast, stock] = await Promise.all([fetch(fastUrl), fetch(stockUrl)]);
  const [fastBody, stockBody] = await Promise.all([fast.text(), stock.text()]);
  if (fast.status !== stock.status || fastBody !== stockBody) {
    throw new Error(`answers differ: ${fast.status} ${fastBody} vs ${stock.status} ${stockBody}`);
  }
}

if (process.argv.includes('--serve')) await serve();
else await main();

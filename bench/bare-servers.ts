// Child process of bench/run.ts: the bare Fastify twins, in a process of their own (issue 19:
// a twin inside the app's process shares its event loop and heap, which flatters neither side).
// Each route answers bytes the real service sent (fetched by the parent), with no hooks, logger
// or work; the parent passes them as a JSON file and reads the address from stdout.
import { readFile } from 'node:fs/promises';
import Fastify from 'fastify';

export interface BareRoute {
  method: 'GET' | 'POST';
  path: string;
  contentType: string;
  /** base64 of the exact body. */
  body: string;
}

const file = process.argv[2];
if (!file) throw new Error('usage: node bench/bare-servers.ts routes.json');
const routes = JSON.parse(await readFile(file, 'utf8')) as BareRoute[];

const bare = Fastify({ logger: false });
for (const route of routes) {
  const body = Buffer.from(route.body, 'base64');
  bare.route({
    method: route.method,
    url: route.path,
    handler: (_req, reply) => reply.type(route.contentType).send(body),
  });
}
const address = await bare.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`${JSON.stringify({ bare: address })}\n`);
process.on('SIGTERM', async () => {
  await bare.close();
  process.exit(0);
});

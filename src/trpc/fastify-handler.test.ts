import { createTRPCClient, httpBatchLink, httpLink, TRPCClientError } from '@trpc/client';
import { initTRPC, TRPCError } from '@trpc/server';
import { fastifyTRPCPlugin } from '@trpc/server/adapters/fastify';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import superjson from 'superjson';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ZodError, z } from 'zod';
import { registerTrpc, type TrpcErrorEvent } from './fastify-handler.ts';

interface Ctx {
  user: string | null;
  requestId: string;
}

const t = initTRPC.context<Ctx>().create({
  transformer: superjson,
  isDev: false,
  errorFormatter({ shape, error, ctx }) {
    return {
      ...shape,
      data: {
        ...shape.data,
        appCode: `APP_${error.code}`,
        requestId: ctx?.requestId ?? null,
        issueCount: error.cause instanceof ZodError ? error.cause.issues.length : null,
      },
    };
  },
});

const authed = t.procedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in first' });
  return next({ ctx: { user: ctx.user } });
});

const testRouter = t.router({
  hello: t.procedure.query(() => ({ greeting: 'hello' })),
  nextDay: t.procedure.input(z.object({ at: z.date() })).query(({ input }) => ({
    wasDate: input.at instanceof Date,
    next: new Date(input.at.getTime() + 86_400_000),
  })),
  whoami: authed.query(({ ctx }) => ({ user: ctx.user, requestId: ctx.requestId })),
  boom: t.procedure.query(() => {
    throw new Error('database exploded');
  }),
  touch: t.procedure.mutation(() => 'touched'),
  greet: t.procedure
    .input(z.object({ name: z.string() }).optional())
    .mutation(({ input }) => `hi ${input?.name ?? 'anonymous'}`),
  math: t.router({
    add: t.procedure
      .input(z.object({ a: z.number(), b: z.number() }))
      .mutation(({ input }) => input.a + input.b),
  }),
  ticks: t.procedure.subscription(async function* () {
    yield 1;
  }),
});
type TestRouter = typeof testRouter;

const PREFIX = '/api/trpc';

/** Bearer tokens: `alice` signs in, `expired` makes createContext throw, none is anonymous. */
function createContext(req: FastifyRequest): Ctx {
  const token = req.headers.authorization?.replace(/^Bearer /, '');
  if (token === 'expired') throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Session expired' });
  return { user: token ?? null, requestId: String(req.id) };
}

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return `http://127.0.0.1:${address.port}${PREFIX}`;
}

let fast: FastifyInstance;
let stock: FastifyInstance;
let fastUrl: string;
let stockUrl: string;
const errorEvents: TrpcErrorEvent<Ctx>[] = [];

beforeAll(async () => {
  fast = Fastify({ logger: false });
  registerTrpc(fast, {
    prefix: PREFIX,
    router: testRouter,
    createContext,
    onError: (event) => errorEvents.push(event),
    maxBatchSize: 3,
  });
  fastUrl = await listen(fast);

  // The stock adapter, to check the wire format against.
  stock = Fastify({ logger: false });
  await stock.register(fastifyTRPCPlugin, {
    prefix: PREFIX,
    trpcOptions: {
      router: testRouter,
      createContext: ({ req }: { req: FastifyRequest }) => createContext(req),
    },
  });
  stockUrl = await listen(stock);
});

afterAll(async () => {
  await fast?.close();
  await stock?.close();
});

beforeEach(() => {
  errorEvents.length = 0;
});

const links = { httpLink, httpBatchLink } as const;

function clientFor(linkName: keyof typeof links, token?: string) {
  const link = links[linkName]({
    url: fastUrl,
    transformer: superjson,
    headers: () => (token ? { authorization: `Bearer ${token}` } : {}),
  });
  return createTRPCClient<TestRouter>({ links: [link] });
}

async function clientError(promise: Promise<unknown>): Promise<TRPCClientError<TestRouter>> {
  const error = await promise.then(
    () => undefined,
    (cause: unknown) => cause,
  );
  expect(error).toBeInstanceOf(TRPCClientError);
  return error as TRPCClientError<TestRouter>;
}

describe.each(Object.keys(links) as (keyof typeof links)[])('through the real client with %s', (linkName) => {
  const client = () => clientFor(linkName, 'alice');

  it('deserializes a Date input as a Date and serializes a Date output', async () => {
    const result = await client().nextDay.query({ at: new Date('2026-03-01T10:00:00Z') });
    expect(result.wasDate).toBe(true);
    expect(result.next).toBeInstanceOf(Date);
    expect(result.next.toISOString()).toBe('2026-03-02T10:00:00.000Z');
  });

  it('answers a query without input', async () => {
    expect(await client().hello.query()).toEqual({ greeting: 'hello' });
  });

  it('answers mutations with and without input', async () => {
    expect(await client().math.add.mutate({ a: 2, b: 3 })).toBe(5);
    expect(await client().touch.mutate()).toBe('touched');
    expect(await client().greet.mutate()).toBe('hi anonymous');
    expect(await client().greet.mutate({ name: 'Ada' })).toBe('hi Ada');
  });

  it('passes the context through to procedures', async () => {
    const result = await client().whoami.query();
    expect(result.user).toBe('alice');
    expect(result.requestId).toMatch(/^req-/);
  });

  it('reports an input validation error as BAD_REQUEST with the formatter data', async () => {
    const error = await clientError(client().math.add.mutate({ a: 1, b: 'two' as unknown as number }));
    expect(error.data).toMatchObject({
      code: 'BAD_REQUEST',
      httpStatus: 400,
      appCode: 'APP_BAD_REQUEST',
      issueCount: 1,
    });
    expect(error.data?.path).toBe('math.add');
  });

  it('wraps a non-tRPC throw as INTERNAL_SERVER_ERROR', async () => {
    const error = await clientError(client().boom.query());
    expect(error.message).toBe('database exploded');
    expect(error.data).toMatchObject({
      code: 'INTERNAL_SERVER_ERROR',
      httpStatus: 500,
      appCode: 'APP_INTERNAL_SERVER_ERROR',
    });
    expect(errorEvents).toHaveLength(1);
    expect(errorEvents[0]).toMatchObject({ path: 'boom', type: 'query', ctx: { user: 'alice' } });
    expect(errorEvents[0]?.error.cause?.message).toBe('database exploded');
  });

  it('reports an unknown procedure as NOT_FOUND', async () => {
    const untyped = client() as unknown as { nope: { query: () => Promise<unknown> } };
    const error = await clientError(untyped.nope.query());
    expect(error.data).toMatchObject({ code: 'NOT_FOUND', httpStatus: 404 });
  });

  it('reports a createContext UNAUTHORIZED without running the procedure', async () => {
    const error = await clientError(clientFor(linkName, 'expired').hello.query());
    expect(error.message).toBe('Session expired');
    expect(error.data).toMatchObject({ code: 'UNAUTHORIZED', httpStatus: 401, requestId: null });
  });

  it('lets a middleware reject an anonymous caller', async () => {
    const error = await clientError(clientFor(linkName).whoami.query());
    expect(error.data).toMatchObject({ code: 'UNAUTHORIZED', appCode: 'APP_UNAUTHORIZED' });
    expect(error.data?.requestId).toMatch(/^req-/);
  });
});

describe('batching', () => {
  it('answers a mixed batch with 207 and one item per call', async () => {
    const res = await fetch(`${fastUrl}/hello,boom?batch=1&input=${encodeURIComponent('{}')}`);
    expect(res.status).toBe(207);
    const body = (await res.json()) as [
      { result: { data: { json: unknown } } },
      { error: { json: unknown } },
    ];
    expect(body[0].result.data.json).toEqual({ greeting: 'hello' });
    expect(body[1].error.json).toMatchObject({ data: { code: 'INTERNAL_SERVER_ERROR', path: 'boom' } });
  });

  it('gives the batching client the right result and error per call', async () => {
    const client = clientFor('httpBatchLink', 'alice');
    const [hello, boom, add] = await Promise.allSettled([
      client.hello.query(),
      client.boom.query(),
      client.nextDay.query({ at: new Date(0) }),
    ]);
    expect(hello).toEqual({ status: 'fulfilled', value: { greeting: 'hello' } });
    expect(boom.status).toBe('rejected');
    expect((boom as PromiseRejectedResult).reason.data.code).toBe('INTERNAL_SERVER_ERROR');
    expect(add.status).toBe('fulfilled');
  });

  it('answers a batch of the same error with that status', async () => {
    const res = await fetch(`${fastUrl}/nope,boom?batch=1`);
    expect(res.status).toBe(207);
    const twice = await fetch(`${fastUrl}/boom,boom?batch=1`);
    expect(twice.status).toBe(500);
  });

  it('refuses a batch larger than maxBatchSize as a whole', async () => {
    const res = await fetch(`${fastUrl}/hello,hello,hello,hello?batch=1`);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { json: { message: string } } };
    expect(body.error.json.message).toBe('Batch call exceeds maximum size');
    expect(errorEvents).toHaveLength(1);
    expect(errorEvents[0]).toMatchObject({ path: undefined, type: 'unknown' });
  });

  it('runs a batch of mutations', async () => {
    const client = clientFor('httpBatchLink');
    const [sum, touched] = await Promise.all([client.math.add.mutate({ a: 1, b: 1 }), client.touch.mutate()]);
    expect([sum, touched]).toEqual([2, 'touched']);
  });
});

describe('the HTTP rules', () => {
  it('answers a query sent via POST with 405 METHOD_NOT_SUPPORTED', async () => {
    const res = await fetch(`${fastUrl}/hello`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET');
    expect(await errorData(res)).toMatchObject({ code: 'METHOD_NOT_SUPPORTED' });
  });

  it('answers a mutation sent via GET with 405', async () => {
    const res = await fetch(`${fastUrl}/touch`);
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
  });

  it('answers an unknown procedure with 404', async () => {
    const res = await fetch(`${fastUrl}/nope`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('answers malformed input JSON with 400, not 500', async () => {
    const res = await fetch(`${fastUrl}/nextDay?input=${encodeURIComponent('{"json":')}`);
    expect(res.status).toBe(400);
    expect(await errorData(res)).toMatchObject({
      code: 'BAD_REQUEST',
      path: 'nextDay',
      appCode: 'APP_BAD_REQUEST',
    });
  });

  it('answers a malformed JSON body with 400, not 500', async () => {
    const res = await postJson('/math.add', '{"json": {"a": 1,');
    expect(res.status).toBe(400);
    expect(await errorData(res)).toMatchObject({ code: 'BAD_REQUEST', path: 'math.add' });
  });

  it('reads an empty body as no input, with or without a content type', async () => {
    const withType = await postJson('/greet', '');
    expect(withType.status).toBe(200);
    expect(await withType.json()).toEqual({ result: { data: { json: 'hi anonymous' } } });
    const withoutType = await fetch(`${fastUrl}/greet`, { method: 'POST' });
    expect(withoutType.status).toBe(200);
  });

  it('answers a createContext UNAUTHORIZED with 401', async () => {
    const res = await fetch(`${fastUrl}/hello`, { headers: { authorization: 'Bearer expired' } });
    expect(res.status).toBe(401);
    expect(await errorData(res)).toMatchObject({ code: 'UNAUTHORIZED', path: 'hello' });
  });

  it('refuses a subscription with METHOD_NOT_SUPPORTED', async () => {
    const res = await fetch(`${fastUrl}/ticks`);
    expect(res.status).toBe(405);
  });

  it('refuses a body that is not JSON with 415 in the tRPC shape', async () => {
    const res = await fetch(`${fastUrl}/touch`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'x',
    });
    expect(res.status).toBe(415);
    expect(await errorData(res)).toMatchObject({
      code: 'UNSUPPORTED_MEDIA_TYPE',
      appCode: 'APP_UNSUPPORTED_MEDIA_TYPE',
    });
  });

  it('answers a body over the limit with 413 in the tRPC shape', async () => {
    const res = await postJson('/touch', JSON.stringify({ json: 'x'.repeat(1_100_000) }));
    expect(res.status).toBe(413);
    expect(await errorData(res)).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(errorEvents[0]).toMatchObject({ path: undefined, type: 'unknown', ctx: undefined });
  });

  it('answers HEAD with 204 without running anything', async () => {
    const res = await fetch(`${fastUrl}/boom`, { method: 'HEAD' });
    expect(res.status).toBe(204);
    expect(errorEvents).toHaveLength(0);
  });
});

/** Requests whose answers must be identical, status and body, to the stock adapter's. */
const parityCases: [string, string, RequestInit?][] = [
  ['query with input', `/nextDay?input=${encodeURIComponent(superjson.stringify({ at: new Date(5) }))}`],
  ['query with {} input', `/hello?input=${encodeURIComponent(superjson.stringify({}))}`],
  ['query without input', '/hello'],
  ['context', '/whoami', { headers: { authorization: 'Bearer bob' } }],
  ['mutation', '/math.add', jsonPost(superjson.stringify({ a: 40, b: 2 }))],
  ['mutation with undefined input', '/greet', jsonPost(superjson.stringify(undefined))],
  ['mutation with an empty body', '/greet', jsonPost('')],
  ['validation error', '/math.add', jsonPost(superjson.stringify({ a: 'x' }))],
  ['thrown error', '/boom'],
  ['unknown path', '/nope'],
  ['query via POST', '/hello', jsonPost('{}')],
  ['mutation via GET', '/touch'],
  ['malformed input', '/nextDay?input=%7Bnope'],
  ['context error', '/hello', { headers: { authorization: 'Bearer expired' } }],
  ['mixed batch', `/hello,boom,nope?batch=1&input=${encodeURIComponent('{"0":{"json":null}}')}`],
  ['batch input not an object', '/nextDay,hello?batch=1&input=%5B1%5D'],
  ['batch of mutations', '/touch,math.add?batch=1', jsonPost(`{"1":${superjson.stringify({ a: 1, b: 2 })}}`)],
  ['encoded path', '/math%2Eadd', jsonPost(superjson.stringify({ a: 1, b: 2 }))],
];

describe('wire compatibility with @trpc/server/adapters/fastify', () => {
  it.each(parityCases)('%s', async (_name, path, init) => {
    const [ours, theirs] = await Promise.all([fetch(fastUrl + path, init), fetch(stockUrl + path, init)]);
    expect(ours.status).toBe(theirs.status);
    expect(ours.headers.get('allow')).toBe(theirs.headers.get('allow'));
    expect(stripRequestIds(await ours.json())).toEqual(stripRequestIds(await theirs.json()));
  });
});

function jsonPost(body: string): RequestInit {
  return { method: 'POST', headers: { 'content-type': 'application/json' }, body };
}

function postJson(path: string, body: string): Promise<Response> {
  return fetch(fastUrl + path, jsonPost(body));
}

async function errorData(res: Response): Promise<unknown> {
  const body = (await res.json()) as { error: { json: { data: unknown } } };
  return body.error.json.data;
}

/** Request ids differ between the two servers; everything else must not. */
function stripRequestIds(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value), (key, item) =>
    key === 'requestId' && item !== null ? 'req' : item,
  );
}

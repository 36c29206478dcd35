import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import { initTRPC } from '@trpc/server';
import { fastifyTRPCPlugin } from '@trpc/server/adapters/fastify';
import Fastify, { type FastifyInstance } from 'fastify';
import superjson from 'superjson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { registerTrpc } from './fastify-handler.ts';

const t = initTRPC.create({ transformer: superjson, isDev: false });

/** What a procedure saw of a FormData input: its fields, with files as name and size. */
const describeForm = t.procedure.input(z.instanceof(FormData)).mutation(async ({ input }) => {
  const entries: [string, FormDataEntryValue][] = [];
  input.forEach((value, key) => {
    entries.push([key, value]);
  });
  const fields: Record<string, string> = {};
  for (const [key, value] of entries) {
    fields[key] =
      typeof value === 'string' ? value : `${value.name} (${(await value.arrayBuffer()).byteLength} bytes)`;
  }
  return fields;
});

const testRouter = t.router({
  describeForm,
  ignoresInput: t.procedure.mutation(() => 'ran'),
  hello: t.procedure.query(() => 'hello'),
});

const PREFIX = '/api/trpc';
const LIMIT = 64 * 1024;
let ours: FastifyInstance;
let stock: FastifyInstance;
let without: FastifyInstance;
let oursUrl: string;
let stockUrl: string;
let withoutUrl: string;

async function listen(app: FastifyInstance): Promise<string> {
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return `${address}${PREFIX}`;
}

beforeAll(async () => {
  ours = Fastify({ logger: false });
  registerTrpc(ours, {
    prefix: PREFIX,
    router: testRouter,
    createContext: () => ({}),
    multipartBodyLimit: LIMIT,
  });
  oursUrl = await listen(ours);
  without = Fastify({ logger: false });
  registerTrpc(without, { prefix: PREFIX, router: testRouter, createContext: () => ({}) });
  withoutUrl = await listen(without);
  stock = Fastify({ logger: false });
  await stock.register(fastifyTRPCPlugin, { prefix: PREFIX, trpcOptions: { router: testRouter } });
  stockUrl = await listen(stock);
});

afterAll(async () => {
  await Promise.all([ours?.close(), stock?.close(), without?.close()]);
});

function sampleForm(bytes = 3): FormData {
  const form = new FormData();
  form.append('kind', 'logo');
  form.append('file', new File([new Uint8Array(bytes)], 'a.png', { type: 'image/png' }));
  return form;
}

describe('multipart/form-data inputs', () => {
  it('hands the FormData to the procedure through the real httpLink client, untransformed', async () => {
    const client = createTRPCClient<typeof testRouter>({
      links: [httpLink({ url: oursUrl, transformer: superjson })],
    });
    expect(await client.describeForm.mutate(sampleForm())).toEqual({ kind: 'logo', file: 'a.png (3 bytes)' });
  });

  /** Requests whose answers must match the stock adapter's, status and body. */
  const parityCases: [string, string, () => RequestInit][] = [
    ['a form', '/describeForm', () => ({ method: 'POST', body: sampleForm() })],
    [
      'a form with ?batch=1 (never a batch)',
      '/describeForm?batch=1',
      () => ({ method: 'POST', body: sampleForm() }),
    ],
    [
      'a form to a procedure that reads no input',
      '/ignoresInput',
      () => ({ method: 'POST', body: sampleForm() }),
    ],
    ['a form to a query', '/hello', () => ({ method: 'POST', body: sampleForm() })],
    ['a form to an unknown path', '/nope', () => ({ method: 'POST', body: sampleForm() })],
    [
      'a body that is not multipart',
      '/describeForm',
      () => ({
        method: 'POST',
        headers: { 'content-type': 'multipart/form-data; boundary=x' },
        body: 'nope',
      }),
    ],
  ];

  it.each(parityCases)('answers %s as the stock adapter does', async (_name, path, init) => {
    const [mine, theirs] = await Promise.all([fetch(oursUrl + path, init()), fetch(stockUrl + path, init())]);
    expect(mine.status).toBe(theirs.status);
    expect(await mine.json()).toEqual(await theirs.json());
  });

  it('answers a body over multipartBodyLimit with 413 in the tRPC shape', async () => {
    const response = await fetch(`${oursUrl}/describeForm`, { method: 'POST', body: sampleForm(LIMIT + 1) });
    expect(response.status).toBe(413);
    const body = (await response.json()) as { error: { json: { data: { code: string } } } };
    expect(body.error.json.data.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses multipart with 415 when multipartBodyLimit is not set', async () => {
    const client = createTRPCClient<typeof testRouter>({
      links: [httpLink({ url: withoutUrl, transformer: superjson })],
    });
    const error = await client.describeForm.mutate(sampleForm()).catch((cause: unknown) => cause);
    expect(error).toBeInstanceOf(TRPCClientError);
    expect((error as TRPCClientError<typeof testRouter>).data?.httpStatus).toBe(415);
  });
});

import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Container } from '../container.ts';
import { rateLimitHeaders } from '../lib/rate-limit/headers.ts';
import { createRateLimiter, rulesFromEnv } from '../lib/rate-limit/limiter.ts';
import { createMemoryStore } from '../lib/rate-limit/memory-store.ts';
import { registerTrpc } from './fastify-handler.ts';
import { router, type TrpcContext } from './init.ts';
import { publicMutation, publicQuery } from './procedures.ts';

// The procedure kit through the real HTTP handler and error formatter, without a database.
const testRouter = router({
  brokenOutput: publicQuery({
    output: z.object({ n: z.number() }),
    resolve: () => ({ n: 'not a number' as never }),
  }),
  echo: publicMutation({
    input: z.object({ when: z.date(), count: z.number().int().min(1) }),
    output: z.object({ when: z.date(), double: z.number() }),
    resolve: ({ input }) => ({ when: input.when, double: input.count * 2 }),
  }),
});

describe('procedure kit', () => {
  const app = Fastify({ logger: false });
  let base = '';
  beforeAll(async () => {
    const container = {
      rateLimiter: createRateLimiter({
        store: createMemoryStore(),
        rules: rulesFromEnv({ RATE_LIMIT_PUBLIC: 3 }),
        enabled: true,
      }),
      rateLimitHeaders,
    } as unknown as Container;
    registerTrpc(app, {
      prefix: '/trpc',
      router: testRouter,
      createContext: (req, reply): TrpcContext => ({
        container,
        request: {
          id: 'req-1',
          ip: req.ip,
          credential: null,
          getViewer: async () => null,
          setHeaders: (headers) => void reply.headers(headers),
        },
      }),
    });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => app.close());

  const call = (path: string, body?: unknown) =>
    fetch(`${base}/trpc/${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  it('an output that breaks its schema is 500 INTERNAL_ERROR with a request id, not a 400', async () => {
    const response = await call('brokenOutput');
    expect(response.status).toBe(500);
    const { error } = (await response.json()) as {
      error: { json: { message: string; data: Record<string, unknown> } };
    };
    expect(error.json.data).toMatchObject({ appCode: 'INTERNAL_ERROR', httpStatus: 500, requestId: 'req-1' });
    expect(error.json.message).not.toContain('not a number');
  });

  it('parses input with zod (dates through superjson) and bad input is 400 naming the field', async () => {
    const ok = await call('echo', {
      json: { when: '2024-01-01T00:00:00.000Z', count: 2 },
      meta: { values: { when: ['Date'] }, v: 1 },
    });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({
      result: {
        data: {
          json: { when: '2024-01-01T00:00:00.000Z', double: 4 },
          meta: { values: { when: ['Date'] }, v: 1 },
        },
      },
    });
    const bad = await call('echo', {
      json: { when: '2024-01-01T00:00:00.000Z', count: 0 },
      meta: { values: { when: ['Date'] }, v: 1 },
    });
    expect(bad.status).toBe(400);
    const { error } = (await bad.json()) as {
      error: { json: { message: string; data: Record<string, unknown> } };
    };
    expect(error.json.data.appCode).toBe('VALIDATION_ERROR');
    expect(error.json.message).toMatch(/count/);
  });

  it('public procedures spend the per-IP budget, then answer 429 with Retry-After', async () => {
    // Three were spent by the tests above.
    const limited = await call('brokenOutput');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

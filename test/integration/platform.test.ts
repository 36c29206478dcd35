import { describe, expect, it } from 'vitest';
import { createTenant, trpcClient, useTestApp } from '../support/app.ts';

const app = useTestApp();

describe('operations', () => {
  it('GET /api/health answers while the process is up', async () => {
    const response = await fetch(`${app.baseUrl}/api/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('GET /api/ready checks the database and migrations', async () => {
    const response = await fetch(`${app.baseUrl}/api/ready`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ready' });
  });

  it('every response carries a request id; a valid caller id is kept', async () => {
    const own = await fetch(`${app.baseUrl}/api/health`, { headers: { 'x-request-id': 'caller-req-12345' } });
    expect(own.headers.get('x-request-id')).toBe('caller-req-12345');
    const generated = await fetch(`${app.baseUrl}/api/health`, { headers: { 'x-request-id': 'bad id!' } });
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('errors', () => {
  it('unknown REST routes are 404 {error, code}', async () => {
    const response = await fetch(`${app.baseUrl}/api/v1/nothing-here`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: 'No route for GET /api/v1/nothing-here',
      code: 'NOT_FOUND',
    });
  });

  it('tRPC errors carry the spec code as data.appCode with the table status', async () => {
    const response = await fetch(
      `${app.baseUrl}/api/trpc/immersio.tenant.get?input=${encodeURIComponent('{"json":{}}')}`,
    );
    expect(response.status).toBe(401);
    const body = (await response.json()) as {
      error: { json: { message: string; data: Record<string, unknown> } };
    };
    expect(body.error.json.data).toMatchObject({
      appCode: 'UNAUTHORIZED',
      httpStatus: 401,
      code: 'UNAUTHORIZED',
    });
    expect(body.error.json.data).not.toHaveProperty('stack');
  });

  it('malformed tRPC input is a 400, never a 500', async () => {
    const t = await createTenant(app);
    const response = await fetch(`${app.baseUrl}/api/trpc/immersio.tenant.getStats?input=%7Bnot-json`, {
      headers: { authorization: `Bearer ${t.owner.token}` },
    });
    expect(response.status).toBe(400);
  });

  it('unknown procedures are 404', async () => {
    const response = await fetch(`${app.baseUrl}/api/trpc/immersio.nothing.here`);
    expect(response.status).toBe(404);
  });

  it('batched calls work through httpBatchLink', async () => {
    const t = await createTenant(app);
    const client = trpcClient(app.baseUrl, t.owner.token, { batch: true });
    const [me, tenant] = await Promise.all([client.viewer.me.query(), client.immersio.tenant.get.query({})]);
    expect(me.activeTenantId).toBe(tenant.id);
    expect(tenant.createdAt).toBeInstanceOf(Date);
  });
});

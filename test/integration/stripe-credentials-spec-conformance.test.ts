import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addSignedInMember,
  createTenant,
  startTestApp,
  type TestApp,
  trpcError,
  useTestApp,
} from '../support/app.ts';

// Issue 14: updateStripeCredentials answered 500 when Stripe could not be reached. Now a
// documented code with a status that says "try again" (the spec's table has no 502/503 code:
// 503 SERVICE_UNAVAILABLE), and nothing is saved.

const app = useTestApp();
const valid = { stripeAccountId: 'acct_1234567890', stripePublishableKey: 'pk_test_abcdefghij123' };

function emulator() {
  const running = app.running.stripeEmulator;
  if (!running) throw new Error('the Stripe emulator runs in-process in tests');
  return running;
}

/** A local port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('immersio.tenant.updateStripeCredentials when Stripe cannot answer', () => {
  it('Stripe 5xx or 429: 503 SERVICE_UNAVAILABLE, nothing saved; the retry succeeds', async () => {
    const t = await createTenant(app);
    for (const status of [503, 500, 429]) {
      emulator().failNext('account.retrieve', { status });
      const error = await trpcError(t.owner.client.immersio.tenant.updateStripeCredentials.mutate(valid));
      expect(error).toMatchObject({ appCode: 'SERVICE_UNAVAILABLE', httpStatus: 503 });
      expect(error.message).toMatch(/Stripe could not be reached/);
      expect((await t.owner.client.immersio.tenant.get.query({})).stripeConnected).toBe(false);
    }
    expect(await t.owner.client.immersio.tenant.updateStripeCredentials.mutate(valid)).toEqual({
      success: true,
      credentialId: expect.any(Number),
    });
    expect((await t.owner.client.immersio.tenant.get.query({})).stripeConnected).toBe(true);
  });

  it('a refusal is still 400 VALIDATION_ERROR; a MEMBER 403 before Stripe is asked; other tenants untouched', async () => {
    const t = await createTenant(app);
    emulator().failNext('account.retrieve', { status: 404, code: 'resource_missing' });
    expect(
      await trpcError(t.owner.client.immersio.tenant.updateStripeCredentials.mutate(valid)),
    ).toMatchObject({ appCode: 'VALIDATION_ERROR', httpStatus: 400 });
    const member = await addSignedInMember(app, t.tenantId);
    emulator().failNext('account.retrieve', { status: 503 });
    expect(
      await trpcError(member.client.immersio.tenant.updateStripeCredentials.mutate(valid)),
    ).toMatchObject({ appCode: 'FORBIDDEN', httpStatus: 403 });
    // The queued failure was not spent on the MEMBER's call: the next caller meets it.
    const other = await createTenant(app);
    expect(
      await trpcError(other.owner.client.immersio.tenant.updateStripeCredentials.mutate(valid)),
    ).toMatchObject({ appCode: 'SERVICE_UNAVAILABLE' });
    expect((await t.owner.client.immersio.tenant.get.query({})).stripeConnected).toBe(false);
    expect((await other.owner.client.immersio.tenant.get.query({})).stripeConnected).toBe(false);
  });
});

describe('immersio.tenant.updateStripeCredentials with Stripe unreachable', () => {
  let down: TestApp;
  beforeAll(async () => {
    down = await startTestApp({ env: { STRIPE_API_URL: `http://127.0.0.1:${await closedPort()}` } });
  });
  afterAll(() => down?.close());

  it('connection refused: 503 SERVICE_UNAVAILABLE, not 500, and nothing saved', async () => {
    const t = await createTenant(down);
    const error = await trpcError(t.owner.client.immersio.tenant.updateStripeCredentials.mutate(valid));
    expect(error).toMatchObject({ appCode: 'SERVICE_UNAVAILABLE', httpStatus: 503 });
    expect((await t.owner.client.immersio.tenant.get.query({})).stripeConnected).toBe(false);
  });
});

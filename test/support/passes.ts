import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import type { StripeEmulator } from '../../dev/stripe-emulator/emulator.ts';
import { createTenant, type TenantFixture, type TestApp } from './app.ts';
import { getJson, manageParts, postJson } from './bookings.ts';

// Class passes in tests (issue 16): a school with Stripe, a pass on sale, a pass bought and paid
// for through the Stripe emulator (its webhook activates it).

export function emulatorOf(app: TestApp): StripeEmulator {
  const running = app.running.stripeEmulator;
  if (!running) throw new Error('the test app runs without the Stripe emulator');
  return running;
}

/** A tenant with Stripe credentials (its connected account). */
export async function stripeTenant(app: TestApp): Promise<TenantFixture & { accountId: string }> {
  const t = await createTenant(app);
  const accountId = `acct_${randomBytes(8).toString('hex')}`;
  await t.owner.client.immersio.tenant.updateStripeCredentials.mutate({
    stripeAccountId: accountId,
    stripePublishableKey: 'pk_test_emulator0123',
  });
  return { ...t, accountId };
}

export function createPass(
  t: TenantFixture,
  overrides: Partial<
    Parameters<TenantFixture['owner']['client']['immersio']['pass']['create']['mutate']>[0]
  > = {},
) {
  return t.owner.client.immersio.pass.create.mutate({
    name: 'Ten classes',
    classes: 10,
    price: 12000,
    currency: 'EUR',
    validDays: 90,
    ...overrides,
  });
}

export function purchase(app: TestApp, passId: number, body: unknown) {
  return postJson(app, `/api/v1/public/passes/${passId}/purchase`, body);
}

/** Buys the pass for `email` and pays for it at the emulator: the webhook activates it. */
export async function buyPass(app: TestApp, t: TenantFixture, passId: number, email: string) {
  const res = await purchase(app, passId, { tenantSlug: t.slug, buyer: { name: 'Ana Student', email } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const checkoutId = new URL(res.body.checkoutUrl as string).pathname.split('/').pop()!;
  const paid = await emulatorOf(app).pay(checkoutId);
  expect(paid.deliveries.map((d) => d.status)).toEqual(paid.events.map(() => 200));
  const { uid, token } = manageParts(res.body.manageUrl as string);
  return { uid, token, checkoutId, manageUrl: res.body.manageUrl as string, purchase: res.body };
}

/** The pass as its manage link shows it (REST). */
export async function passOf(app: TestApp, pass: { uid: string; token: string }) {
  const res = await getJson(
    app,
    `/api/v1/public/student-passes/${pass.uid}?token=${encodeURIComponent(pass.token)}`,
  );
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

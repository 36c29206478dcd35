import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { StripeEmulator } from '../../dev/stripe-emulator/emulator.ts';
import { queryRows } from '../../src/db/client.ts';
import { createTenant, type TenantFixture, type TestApp, unique } from './app.ts';
import { createWorkshop, postJson } from './bookings.ts';

// Whole-course enrolment tests' helpers (issue 16): a school that takes payments, a course, the
// public enrolment call and the enrolment's booking rows.

/** A school on the enterprise plan with a Stripe account (the emulator's). */
export async function payingSchool(app: TestApp): Promise<TenantFixture> {
  const t = await createTenant(app, { plan: 'enterprise' });
  await t.owner.client.immersio.tenant.updateStripeCredentials.mutate({
    stripeAccountId: `acct_${randomBytes(8).toString('hex')}`,
    stripePublishableKey: 'pk_test_emulator0123',
  });
  return t;
}

export function emulatorOf(app: TestApp): StripeEmulator {
  const running = app.running.stripeEmulator;
  if (!running) throw new Error('the test app runs without the Stripe emulator');
  return running;
}

export const studentEmail = (name: string) => `${unique(name)}@example.test`;

/** A fixed-schedule workshop with `count` weekly sessions. */
export function course(t: TenantFixture, overrides: Record<string, unknown> = {}, count = 3) {
  return createWorkshop(t, {
    title: `Course ${Math.random().toString(36).slice(2, 7)}`,
    recurrence: { frequency: 'weekly', count },
    ...overrides,
  });
}

export function enrolRequest(t: TenantFixture, slug: string, attendeeEmail: string) {
  return {
    tenantSlug: t.slug,
    workshopSlug: slug,
    attendee: { name: 'Ana Student', email: attendeeEmail, timeZone: 'America/New_York' },
  };
}

/** `POST /api/v1/public/enrolments`. */
export function enrol(app: TestApp, t: TenantFixture, slug: string, attendeeEmail: string) {
  return postJson(app, '/api/v1/public/enrolments', enrolRequest(t, slug, attendeeEmail));
}

/** The enrolment's bookings, first session first. */
export function enrolmentRows(app: TestApp, t: TenantFixture, uid: string) {
  return queryRows<{
    uid: string;
    status: string;
    paid: boolean;
    amountCents: number;
    checkout: string | null;
  }>(
    app.database.db,
    sql`select uid, status, paid, amount_cents as "amountCents", stripe_checkout_session_id as checkout
        from bookings where tenant_id = ${t.tenantId} and series_uid = ${uid} order by start_time`,
  );
}

/** Pays an enrolment's one checkout at the emulator (its webhook confirms every session). */
export async function payEnrolment(app: TestApp, t: TenantFixture, uid: string) {
  const [lead] = await enrolmentRows(app, t, uid);
  return emulatorOf(app).pay(lead!.checkout!);
}

import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { StripeEmulator } from '../../dev/stripe-emulator/emulator.ts';
import { HOLD_MS } from '../../src/modules/bookings/bookings.service.ts';
import { createTenant, type TenantFixture, useTestApp } from '../support/app.ts';
import {
  book,
  bookingByUid,
  bookingRequest,
  createWorkshop,
  eventsOf,
  paymentsOf,
  seatState,
} from '../support/bookings.ts';
import { claim, entryAnswer, entryByUid, joined, waitForStatus } from '../support/waitlist.ts';

// The sweeper runs only when a test calls it.
const app = useTestApp({ env: { HOLD_SWEEP_MS: '3600000' } });
const PRICE = 2500;

function emulator(): StripeEmulator {
  const running = app.running.stripeEmulator;
  if (!running) throw new Error('the test app runs without the Stripe emulator');
  return running;
}

afterEach(() => {
  app.clock.offsetMs = 0;
});

async function stripeTenant(): Promise<TenantFixture & { accountId: string }> {
  const t = await createTenant(app);
  const accountId = `acct_${randomBytes(8).toString('hex')}`;
  await t.owner.client.immersio.tenant.updateStripeCredentials.mutate({
    stripeAccountId: accountId,
    stripePublishableKey: 'pk_test_emulator0123',
  });
  return { ...t, accountId };
}

/** A one-seat paid class whose seat is held by a student at checkout, and a line behind it. */
async function heldClass(waiting: string[]) {
  const t = await stripeTenant();
  const w = await createWorkshop(t, {
    price: PRICE,
    currency: 'EUR',
    seats: 1,
    recurrence: { frequency: 'none' },
  });
  const holder = await book(app, bookingRequest(t, w, 'holder@example.test'));
  expect(holder.status).toBe(201);
  const line = [];
  for (const email of waiting) line.push(await joined(app, t, w, email));
  return { t, w, session: w.sessions[0]!, line };
}

/** Lets the holder's checkout hold lapse; the sweeper gives the seat back and the line gets it. */
async function lapseHolder(session: { id: number }, next: { uid: string }) {
  app.clock.advance(HOLD_MS + 2 * 60_000);
  expect(await app.running.container.bookings.sweepHolds()).toBe(1);
  return waitForStatus(app, session.id, next.uid, 'offered');
}

describe('paid waitlist offers through Stripe Checkout', () => {
  it('claiming opens Checkout on the held seat; paying confirms it and the entry is claimed', async () => {
    const { t, session, line } = await heldClass(['payer@example.test', 'next@example.test']);
    const [payer] = line as [(typeof line)[number], ...typeof line];
    const offered = await lapseHolder(session, payer);

    const claimed = await claim(app, payer);
    expect(claimed.status).toBe(201);
    expect(claimed.body).toEqual({
      booking: {
        uid: expect.stringMatching(/^booking_[a-f0-9]{20}$/),
        status: 'pending',
        title: 'Evening Spanish',
        startTime: session.startTime.toISOString(),
        endTime: session.endTime.toISOString(),
        paid: false,
      },
      payment: {
        checkoutUrl: expect.stringMatching(/\/checkout\/cs_test_\w+$/),
        amount: PRICE,
        currency: 'EUR',
        expiresAt: expect.any(String),
      },
      manageUrl: expect.stringMatching(/^http:\/\/localhost:3000\/bookings\/booking_[a-f0-9]{20}\?token=/),
    });
    // The offer's own deadline (2 h) is longer than a checkout needs: it is kept.
    expect(new Date(claimed.body.payment.expiresAt).getTime()).toBe(offered.offerExpiresAt!.getTime());
    const row = await bookingByUid(app, claimed.body.booking.uid);
    expect(row.id).toBe(offered.bookingId);
    // Claiming again (a second click) answers the same checkout.
    const again = await claim(app, payer);
    expect(again.body.payment.checkoutUrl).toBe(claimed.body.payment.checkoutUrl);

    const paid = await emulator().pay(row.stripeCheckoutSessionId!);
    expect(paid.deliveries.map((d) => d.status)).toEqual(paid.events.map(() => 200));
    expect(await bookingByUid(app, row.uid)).toMatchObject({ status: 'accepted', paid: true });
    expect((await entryAnswer(app, payer)).body.entry.status).toBe('claimed');
    expect(await paymentsOf(app, row.id)).toEqual([
      expect.objectContaining({
        amountCents: PRICE,
        currency: 'EUR',
        status: 'succeeded',
        stripeAccountId: t.accountId,
      }),
    ]);
    expect((await eventsOf(app, t.tenantId, 'BOOKING_CREATED')).map((e) => e.data.booking.uid)).toEqual([
      row.uid,
    ]);
    expect(await seatState(app, session.id)).toEqual({ seats: 1, booked: 1, live: 1 });
    const settled = await claim(app, payer);
    expect(settled.body).toMatchObject({ booking: { uid: row.uid, status: 'accepted' }, payment: null });
  });

  it('a claim late in the window holds the seat as long as Checkout needs; unpaid, it passes on', async () => {
    const { session, line } = await heldClass(['late@example.test', 'next@example.test']);
    const [late, next] = line as [(typeof line)[number], (typeof line)[number]];
    const offered = await lapseHolder(session, late);
    // Ten minutes before the offer ends: Stripe wants a checkout open for at least 30 minutes.
    app.clock.advance(offered.offerExpiresAt!.getTime() - app.clock.now().getTime() - 10 * 60_000);
    const claimed = await claim(app, late);
    expect(claimed.status).toBe(201);
    const until = new Date(claimed.body.payment.expiresAt).getTime();
    expect(until - app.clock.now().getTime()).toBeGreaterThanOrEqual(HOLD_MS);
    expect((await entryAnswer(app, late)).body.entry).toMatchObject({
      status: 'offered',
      offerExpiresAt: new Date(until).toISOString(),
    });
    // Not paid in time: the hold lapses, the checkout is closed at Stripe, the next in line is offered.
    app.clock.advance(until - app.clock.now().getTime() + 60_000);
    expect(await app.running.container.bookings.sweepHolds()).toBe(1);
    expect((await entryByUid(app, session.id, late.uid)).status).toBe('expired');
    await waitForStatus(app, session.id, next.uid, 'offered');
    const row = await bookingByUid(app, claimed.body.booking.uid);
    expect(row.status).toBe('expired');
    expect(emulator().session(row.stripeCheckoutSessionId!)).toMatchObject({ status: 'expired' });
    expect(await seatState(app, session.id)).toEqual({ seats: 1, booked: 1, live: 1 });
  });
});

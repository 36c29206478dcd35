import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/client.ts';
import { createTenant, unique, useTestApp } from '../support/app.ts';
import { createWorkshop, DAY, getJson, manageParts, outboxSettled } from '../support/bookings.ts';
import { mailsTo } from '../support/mail.ts';
import { buyPass, createPass, emulatorOf, passOf, purchase, stripeTenant } from '../support/passes.ts';

// Buying a class pass (issue 16): POST /api/v1/public/passes/:id/purchase opens a Stripe Checkout on
// the school's account; Stripe's webhook activates the pass; its manage link shows balance and
// history (REST and page); the school's passes page sells them with a plain form.

const app = useTestApp({ env: { HOLD_SWEEP_MS: '3600000' } });
const student = (name: string) => `${unique(name)}@example.test`;

afterEach(() => {
  app.clock.offsetMs = 0;
});

async function passRow(uid: string) {
  const [row] = await queryRows<{
    status: string;
    credits: number;
    expiresAt: Date | string | null;
    paidAt: Date | string | null;
    amountCents: number;
    stripePaymentId: string | null;
    stripeAccountId: string | null;
    immersioStudentId: string | null;
  }>(
    app.database.db,
    sql`select status, credits_remaining as credits, expires_at as "expiresAt", paid_at as "paidAt",
               amount_cents as "amountCents", stripe_payment_id as "stripePaymentId",
               stripe_account_id as "stripeAccountId", immersio_student_id as "immersioStudentId"
        from student_passes where uid = ${uid}`,
  );
  return row!;
}

describe('POST /api/v1/public/passes/:id/purchase', () => {
  it('opens a checkout on the school’s account; paying activates the pass once, however often Stripe tells', async () => {
    const t = await stripeTenant(app);
    const pass = await createPass(t, { classes: 4, validDays: 30, price: 9900 });
    const email = student('buyer');
    const res = await purchase(app, pass.id, {
      tenantSlug: t.slug.toUpperCase(),
      buyer: { name: ' Ana Buyer ', email: email.toUpperCase() },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toEqual({
      pass: {
        uid: expect.stringMatching(/^pass_[a-f0-9]{20}$/),
        status: 'pending',
        name: 'Ten classes',
        classes: 4,
        validDays: 30,
        price: 9900,
        currency: 'EUR',
        buyer: { name: 'Ana Buyer', email },
      },
      checkoutUrl: expect.stringMatching(/\/checkout\/cs_test_\w+$/),
      expiresAt: expect.any(String),
      manageUrl: expect.stringMatching(/^http:\/\/localhost:3000\/passes\/pass_[a-f0-9]{20}\?token=/),
    });
    expect(res.response.headers.get('cache-control')).toBe('no-store');
    const uid: string = res.body.pass.uid;
    const created = emulatorOf(app).requests.filter(
      (r) =>
        r.method === 'POST' && r.path === '/v1/checkout/sessions' && r.params.client_reference_id === uid,
    );
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({
      account: t.accountId,
      idempotencyKey: `pass-checkout-${uid}`,
      params: { mode: 'payment', customer_email: email, metadata: { passUid: uid } },
    });
    const { token } = manageParts(res.body.manageUrl);
    const waiting = await passOf(app, { uid, token });
    expect(waiting).toMatchObject({
      pass: { status: 'pending', creditsRemaining: 0, expiresAt: null, workshops: null },
      payment: {
        amount: 9900,
        currency: 'EUR',
        status: 'awaiting_payment',
        checkoutUrl: res.body.checkoutUrl,
      },
      tenant: { name: `Tenant ${t.slug}`, slug: t.slug },
      history: [],
    });

    const checkoutId = new URL(res.body.checkoutUrl).pathname.split('/').pop()!;
    const paid = await emulatorOf(app).pay(checkoutId);
    expect(paid.deliveries.map((d) => d.status)).toEqual([200]);
    const row = await passRow(uid);
    expect(row).toMatchObject({
      status: 'active',
      credits: 4,
      amountCents: 9900,
      stripePaymentId: expect.stringMatching(/^pi_/),
      stripeAccountId: t.accountId,
    });
    const expires = new Date(row.expiresAt!).getTime() - new Date(row.paidAt!).getTime();
    expect(expires).toBe(30 * DAY);
    // Stripe delivers again: nothing changes.
    const again = await emulatorOf(app).resendEvent(paid.events[0]!.id);
    expect(again.status).toBe(200);
    expect((await passRow(uid)).credits).toBe(4);

    const active = await passOf(app, { uid, token });
    expect(active).toMatchObject({
      pass: { status: 'active', classes: 4, creditsRemaining: 4, expiresAt: expect.any(String) },
      payment: { status: 'paid', checkoutUrl: null },
      history: [{ kind: 'purchase', change: 4, balance: 4, reason: null, booking: null }],
    });
    const [mail] = await mailsTo(app, email, 'Your class pass');
    expect(mail!.text).toContain(res.body.manageUrl);
    expect(mail!.text).toContain('4 classes');
    await outboxSettled(app, t.tenantId);
  });

  it('an expired checkout leaves the pass unpaid; a failed Stripe call answers 402 PAYMENT_FAILED', async () => {
    const t = await stripeTenant(app);
    const pass = await createPass(t);
    const res = await purchase(app, pass.id, { buyer: { name: 'Slow', email: student('slow') } });
    const checkoutId = new URL(res.body.checkoutUrl).pathname.split('/').pop()!;
    await emulatorOf(app).expire(checkoutId);
    const { uid, token } = manageParts(res.body.manageUrl);
    expect((await passRow(uid)).status).toBe('unpaid');
    expect(await passOf(app, { uid, token })).toMatchObject({
      pass: { status: 'unpaid', creditsRemaining: 0 },
      payment: { status: 'unpaid', checkoutUrl: null },
    });

    emulatorOf(app).failNext('checkout.create');
    const failed = await purchase(app, pass.id, { buyer: { name: 'Unlucky', email: student('unlucky') } });
    expect(failed.status).toBe(402);
    expect(failed.body.code).toBe('PAYMENT_FAILED');
    const [row] = await queryRows<{ status: string }>(
      app.database.db,
      sql`select status from student_passes where buyer_name = 'Unlucky' and tenant_id = ${t.tenantId}`,
    );
    expect(row).toEqual({ status: 'unpaid' });
  });

  it('answers 404 for another school’s slug, an unknown pass; 400 for bad input or no Stripe', async () => {
    const t = await stripeTenant(app);
    const other = await stripeTenant(app);
    const pass = await createPass(t);
    const buyer = { name: 'Ana', email: student('errors') };
    expect((await purchase(app, pass.id, { tenantSlug: other.slug, buyer })).body).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect((await purchase(app, 2_000_000_000, { buyer })).status).toBe(404);
    for (const [id, body] of [
      ['abc', { buyer }],
      ['0', { buyer }],
      [String(pass.id), { buyer: { name: 'Ana', email: 'not-an-email' } }],
      [String(pass.id), { buyer: { name: '', email: buyer.email } }],
      [String(pass.id), { buyer, extra: true }],
      [String(pass.id), null],
    ] as const) {
      const res = await purchase(app, id as never, body);
      expect(res.status, `${id} ${JSON.stringify(body)}`).toBe(400);
      expect(res.body.code).toBe('VALIDATION_ERROR');
    }
    const noStripe = await createTenant(app);
    const unsold = await createPass(noStripe);
    expect((await purchase(app, unsold.id, { buyer })).body).toMatchObject({ code: 'STRIPE_NOT_CONFIGURED' });
  });

  it('lists a school’s passes on sale; the manage link refuses a wrong token', async () => {
    const t = await stripeTenant(app);
    const w = await createWorkshop(t, { recurrence: { frequency: 'none' } });
    const pass = await createPass(t, { workshopIds: [w.id] });
    const listed = await getJson(app, `/api/v1/public/passes?tenantSlug=${t.slug}`);
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual({
      tenant: { name: `Tenant ${t.slug}`, slug: t.slug },
      onSale: true,
      passes: [
        {
          id: pass.id,
          name: 'Ten classes',
          classes: 10,
          price: 12000,
          currency: 'EUR',
          validDays: 90,
          workshops: [{ id: w.id, title: 'Evening Spanish' }],
        },
      ],
    });
    expect((await getJson(app, '/api/v1/public/passes?tenantSlug=no-such-school')).body.code).toBe(
      'TENANT_NOT_FOUND',
    );
    expect((await getJson(app, '/api/v1/public/passes')).status).toBe(400);
    const bought = await buyPass(app, t, pass.id, student('token'));
    const wrong = await getJson(app, `/api/v1/public/student-passes/${bought.uid}?token=x${bought.token}`);
    expect(wrong.status).toBe(404);
    expect((await getJson(app, `/api/v1/public/student-passes/booking_x?token=abc`)).status).toBe(400);
  });
});

describe('the pass pages', () => {
  it('/{tenant}/passes sells each pass with a form that goes to Stripe Checkout', async () => {
    const t = await stripeTenant(app);
    const pass = await createPass(t, { name: 'Summer <b>pack</b>' });
    const page = await fetch(`${app.baseUrl}/${t.slug}/passes`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Summer &lt;b&gt;pack&lt;/b&gt;');
    expect(html).toContain(`name="passId" value="${pass.id}"`);
    expect(page.headers.get('content-security-policy')).toContain(
      `form-action 'self' ${emulatorOf(app).url}`,
    );
    expect(page.headers.get('cache-control')).toBe('public, max-age=10');

    const form = (fields: Record<string, string>) =>
      fetch(`${app.baseUrl}/${t.slug}/passes`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: app.baseUrl },
        body: new URLSearchParams(fields).toString(),
        redirect: 'manual',
      });
    const refused = await form({ passId: String(pass.id), name: '', email: 'nope' });
    expect(refused.status).toBe(400);
    const refusedHtml = await refused.text();
    expect(refusedHtml).toContain('Please enter your name.');
    expect(refusedHtml).toContain('Please enter a valid e-mail address');
    expect((await form({ passId: '999999999', name: 'Ana', email: student('x') })).status).toBe(404);

    const email = student('form');
    const sent = await form({ passId: String(pass.id), name: 'Ana Form', email });
    expect(sent.status).toBe(303);
    const location = sent.headers.get('location')!;
    expect(location).toMatch(new RegExp(`^${emulatorOf(app).url}/checkout/cs_test_`));
    // Stripe sends the buyer back to the pass's page.
    const paid = await fetch(`${location}/pay`, { method: 'POST', redirect: 'manual' });
    const back = paid.headers.get('location')!;
    expect(back).toMatch(/\/passes\/pass_[a-f0-9]{20}\?token=.+&checkout=success$/);
    const own = await fetch(back.replace('http://localhost:3000', app.baseUrl));
    expect(own.status).toBe(200);
    expect(own.headers.get('cache-control')).toBe('no-store');
    const ownHtml = await own.text();
    expect(ownHtml).toContain('Payment received');
    expect(ownHtml).toContain('10 classes left of 10');
    expect(ownHtml).toContain('<meta name="robots" content="noindex">');

    const { uid } = manageParts(back);
    const wrong = await fetch(`${app.baseUrl}/passes/${uid}?token=wrong`);
    expect(wrong.status).toBe(404);
    expect(await wrong.text()).toContain('Pass not found');
    expect((await fetch(`${app.baseUrl}/no-such-school/passes`)).status).toBe(404);
  });
});

import { describe, expect, it } from 'vitest';
import { createTenant, type TenantFixture, unique, useTestApp } from '../support/app.ts';
import {
  book,
  bookingByUid,
  bookingRequest,
  createWorkshop,
  DAY,
  HOUR,
  manageParts,
} from '../support/bookings.ts';

const app = useTestApp();

const student = (name: string) => `${unique(name)}@example.test`;

const open = (uid: string, token: string, extra = '') =>
  fetch(`${app.baseUrl}/bookings/${uid}?token=${encodeURIComponent(token)}${extra}`);

const submitCancel = (uid: string, fields: Record<string, string>) =>
  fetch(`${app.baseUrl}/bookings/${uid}/cancel`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://elsewhere.example' },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });

/** A confirmed free booking and its manage link's parts. */
async function freeBooking(t: TenantFixture, overrides: Record<string, unknown> = {}, name = 'Ana Student') {
  const w = await createWorkshop(t, overrides);
  const email = student('manage');
  const res = await book(
    app,
    bookingRequest(t, w, email, { attendee: { name, email, timeZone: 'America/New_York' } }),
  );
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { w, email, res, ...manageParts(res.body.manageUrl) };
}

/** "09:00" as the attendee sees it, computed independently of the page's formatter. */
function localTime(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(date);
}

function localDay(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'long' }).format(date);
}

function expectPageHeaders(response: Response) {
  expect(response.headers.get('content-type')).toMatch(/^text\/html/);
  const csp = response.headers.get('content-security-policy') ?? '';
  expect(csp).toContain("default-src 'none'");
  expect(csp).not.toContain('unsafe-inline');
  expect(response.headers.get('cache-control')).toBe('no-store');
  expect(response.headers.get('referrer-policy')).toBe('same-origin');
}

describe('the booking manage page', () => {
  it('shows a free confirmed booking in the attendee’s zone with the meeting link and a cancel form', async () => {
    const t = await createTenant(app);
    const { w, uid, token, email } = await freeBooking(t);
    const start = w.sessions[0]!.startTime;

    const response = await open(uid, token);
    expect(response.status).toBe(200);
    expectPageHeaders(response);
    const html = await response.text();
    expect(html).toContain('<meta name="robots" content="noindex">');
    expect(html).toContain('<title>Evening Spanish — your booking</title>');
    expect(html).toContain('<h1>Evening Spanish</h1>');
    expect(html).toContain('Status: Confirmed');
    // The attendee's zone (New York), named, not the workshop's (Berlin).
    expect(html).toContain(localTime(start, 'America/New_York'));
    expect(html).toContain(localDay(start, 'America/New_York'));
    expect(html).toContain('(America/New_York)');
    expect(html).toContain(`datetime="${start.toISOString()}"`);
    expect(html).toContain('<a href="https://zoom.us/j/999-secret" rel="noreferrer">');
    expect(html).toContain('Owner'); // the teacher
    expect(html).toContain(email);
    expect(html).toContain('Free');
    expect(html).toContain('until 24 hours before the start');
    expect(html).toContain(`<form method="post" action="/bookings/${uid}/cancel">`);
    expect(html).toContain(`<input type="hidden" name="token" value="${token}">`);
    expect(html).toContain('<label for="reason">');
    expect(html).toContain('<textarea id="reason" name="reason"');
    expect(html).toContain('there was no payment, so there is nothing to refund');
    expect(html).toContain(`href="http://localhost:3000/${t.slug}/owner/${w.slug}"`);
    expect(html).not.toMatch(/<script|style=/i);
  });

  it('a wrong token, unknown booking or malformed link is a 404 page that reveals nothing', async () => {
    const t = await createTenant(app);
    const { uid, token } = await freeBooking(t, { title: 'Secret Salsa' }, 'Hidden Name');
    const wrong = `${token.slice(0, -2)}xx`;
    const misses = [
      await open(uid, wrong),
      await open('booking_00000000000000000000', token),
      await open('not-a-booking', token),
      await fetch(`${app.baseUrl}/bookings/${uid}`),
    ];
    for (const miss of misses) {
      expect(miss.status).toBe(404);
      expectPageHeaders(miss);
      const html = await miss.text();
      expect(html).toContain("We couldn't find this booking");
      expect(html).not.toContain('Secret Salsa');
      expect(html).not.toContain('Hidden Name');
      expect(html).not.toContain('zoom.us');
      expect(html).not.toContain('<form');
    }

    const refused = await submitCancel(uid, { token: wrong, reason: 'x' });
    expect(refused.status).toBe(404);
    expect(await refused.text()).toContain("We couldn't find this booking");
    expect((await bookingByUid(app, uid)).status).toBe('accepted');
  });

  it('cancels with the plain form: 303 back to the page, which says so, and the seat is free again', async () => {
    const t = await createTenant(app);
    const { w, uid, token } = await freeBooking(t, { seats: 1 });
    const late = bookingRequest(t, w, student('late'));
    expect((await book(app, late)).body.code).toBe('NO_SEATS_AVAILABLE');

    // Refused without cancelling: a reason over 1000 characters (the form is shown again with
    // it), a body over 16 KiB, and a body that is not a form.
    const long = await submitCancel(uid, { token, reason: 'x'.repeat(1001) });
    expect(long.status).toBe(400);
    const longHtml = await long.text();
    expect(longHtml).toContain('1000 characters or fewer');
    expect(longHtml).toContain(`>${'x'.repeat(1001)}</textarea>`);
    expect((await submitCancel(uid, { token, reason: 'x'.repeat(17 * 1024) })).status).toBe(413);
    const json = await fetch(`${app.baseUrl}/bookings/${uid}/cancel`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
    });
    // Fastify's 415 for an unparsed content type, which the REST error handler answers as 400.
    expect(json.status).toBe(400);
    expect((await json.json()).code).toBe('VALIDATION_ERROR');
    expect((await bookingByUid(app, uid)).status).toBe('accepted');

    // A cross-site form post is fine: the token, not a cookie, authorises it.
    const done = await submitCancel(uid, { token, reason: 'Sick <b>today</b>\r\nsorry' });
    expect(done.status).toBe(303);
    expect(done.headers.get('cache-control')).toBe('no-store');
    const location = done.headers.get('location')!;
    expect(location.startsWith(`/bookings/${uid}?token=${encodeURIComponent(token)}&cancelled=1`)).toBe(true);

    const after = await fetch(`${app.baseUrl}${location}`);
    expect(after.status).toBe(200);
    expectPageHeaders(after);
    const html = await after.text();
    expect(html).toContain('Your booking is cancelled.');
    expect(html).toContain('It was free, so there is nothing to refund.');
    expect(html).toContain('Status: Cancelled');
    expect(html).toContain('by you');
    expect(html).toContain('Sick &lt;b&gt;today&lt;/b&gt;<br>sorry');
    expect(html).not.toContain('<form');
    expect(html).not.toContain('zoom.us');
    expect(html).toContain('Book another session');

    const row = await bookingByUid(app, uid);
    expect(row).toMatchObject({
      status: 'cancelled',
      cancelledBy: 'student',
      cancellationReason: 'Sick <b>today</b>\nsorry',
    });
    expect((await book(app, late)).status).toBe(201);

    // Sending the form again (a double click) lands on the same page.
    const again = await submitCancel(uid, { token });
    expect(again.status).toBe(303);
    expect(await (await fetch(`${app.baseUrl}${again.headers.get('location')}`)).text()).toContain(
      'Your booking is cancelled.',
    );
  });

  it('past the notice deadline there is no form, and a late cancel shows the policy with 400', async () => {
    const t = await createTenant(app);
    const { uid, token } = await freeBooking(t);
    // The first session starts in 3 days; the notice is 24 hours.
    const shift = 3 * DAY - 12 * HOUR;
    app.clock.advance(shift);
    try {
      const page = await open(uid, token);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).not.toContain('<form');
      expect(html).toContain('online cancellation closed at');
      expect(html).toContain('please contact');

      const late = await submitCancel(uid, { token, reason: 'too late' });
      expect(late.status).toBe(400);
      expectPageHeaders(late);
      const refused = await late.text();
      expect(refused).toContain('class="error" role="alert"');
      expect(refused).toContain('can be cancelled online until 24 hours before the start');
      expect(refused).not.toContain('<form');
      expect((await bookingByUid(app, uid)).status).toBe('accepted');
    } finally {
      app.clock.advance(-shift);
    }
  });

  it('escapes what students and staff typed: shown as text, never run', async () => {
    const t = await createTenant(app, { name: 'School "<i>" & Co' });
    const { uid, token } = await freeBooking(
      t,
      { title: '<script>alert(1)</script> Salsa' },
      '<script>alert(2)</script> Ana',
    );
    const response = await open(uid, token);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<h1>&lt;script&gt;alert(1)&lt;/script&gt; Salsa</h1>');
    expect(html).toContain('&lt;script&gt;alert(2)&lt;/script&gt; Ana');
    expect(html).toContain('School &quot;&lt;i&gt;&quot; &amp; Co');
    expect(html).not.toMatch(/<script|<i>/i);
  });

  it('a paid booking: Pay now, the checkout notices, the payment, and a cancel with its refund', async () => {
    const t = await createTenant(app);
    await t.owner.client.immersio.tenant.updateStripeCredentials.mutate({
      stripeAccountId: 'acct_test123456',
      stripePublishableKey: 'pk_test_abcdefghij123',
    });
    const w = await createWorkshop(t, { price: 2500, currency: 'EUR', recurrence: { frequency: 'none' } });
    const res = await book(app, bookingRequest(t, w, student('payer')));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const { uid, token } = manageParts(res.body.manageUrl);
    const checkoutUrl: string = res.body.payment.checkoutUrl;

    const pending = await (await open(uid, token)).text();
    expect(pending).toContain('Status: Awaiting payment');
    expect(pending).toContain(`<a href="${checkoutUrl}">Pay now</a>`);
    expect(pending).toContain('Your seat is held until');
    expect(pending).toContain('€25.00 — awaiting payment');
    expect(pending).toContain('Zoom — link sent after booking');
    expect(pending).not.toContain('zoom.us');
    expect(pending).toContain("You haven't paid, so there is nothing to refund");

    const returned = await (await open(uid, token, '&checkout=success')).text();
    expect(returned).toContain("We're confirming your payment…");
    const abandoned = await (await open(uid, token, '&checkout=cancelled')).text();
    expect(abandoned).toContain('Payment cancelled.');
    expect(abandoned).toContain('Pay now');

    const checkoutId = (await bookingByUid(app, uid)).stripeCheckoutSessionId!;
    await app.running.stripeEmulator!.pay(checkoutId);
    const paid = await (await open(uid, token, '&checkout=success')).text();
    expect(paid).toContain('Payment received — your confirmation is on its way.');
    expect(paid).toContain('Status: Confirmed');
    expect(paid).toContain('€25.00 — paid');
    expect(paid).not.toContain('Pay now');
    expect(paid).toContain('https://zoom.us/j/999-secret');
    expect(paid).toContain('A booking cancelled online is refunded in full (€25.00).');
    expect(paid).toContain('If you cancel now, you will get a full refund of €25.00');

    const done = await submitCancel(uid, { token });
    expect(done.status).toBe(303);
    const location = done.headers.get('location')!;
    expect(location).toMatch(/&cancelled=1&refund=(completed|pending)$/);
    const cancelled = await (await fetch(`${app.baseUrl}${location}`)).text();
    expect(cancelled).toContain('Your booking is cancelled.');
    expect(cancelled).toMatch(/We have (refunded|started a refund of) €25\.00/);
    // A later visit (from the e-mail) still says where the money is, from the refund itself.
    const later = await (
      await fetch(`${app.baseUrl}/bookings/${uid}?token=${encodeURIComponent(token)}`)
    ).text();
    expect(later).toContain('This booking was cancelled');
    expect(later).toContain('We have refunded €25.00');
  });
});

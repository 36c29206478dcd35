import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { createTenant, type TenantFixture, unique, useTestApp } from '../support/app.ts';
import { book, bookingByUid, bookingRequest, createWorkshop, manageParts } from '../support/bookings.ts';

// The manage page on the public web shell (issue 6): the school's colours and header, the
// "You're booked!" notice after the booking form, and "Add to calendar" (.ics).

const app = useTestApp();

const student = (name: string) => `${unique(name)}@example.test`;

const open = (uid: string, token: string, extra = '') =>
  fetch(`${app.baseUrl}/bookings/${uid}?token=${encodeURIComponent(token)}${extra}`);

const calendar = (uid: string, token: string) =>
  fetch(`${app.baseUrl}/bookings/${uid}/calendar.ics?token=${encodeURIComponent(token)}`);

async function freeBooking(t: TenantFixture, overrides: Record<string, unknown> = {}) {
  const w = await createWorkshop(t, overrides);
  const email = student('ana');
  const res = await book(
    app,
    bookingRequest(t, w, email, { attendee: { name: 'Ana Student', email, timeZone: 'Asia/Tokyo' } }),
  );
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { w, email, manageUrl: res.body.manageUrl as string, ...manageParts(res.body.manageUrl) };
}

describe('the manage page on the web shell', () => {
  it('wears the school’s landing colours and header, hashes its one style, runs no script', async () => {
    const t = await createTenant(app, { name: 'Casa Lingua' });
    await t.owner.client.immersio.landing.updateSettings.mutate({ primaryColor: '#7a1fa2' });
    await t.owner.client.immersio.landing.publish.mutate();
    const { uid, token } = await freeBooking(t);

    const response = await open(uid, token);
    expect(response.status).toBe(200);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/style-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(csp).not.toContain('unsafe-inline');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('referrer-policy')).toBe('same-origin');
    expect(response.headers.get('x-robots-tag')).toBe('noindex');
    expect(response.headers.get('etag')).toBeNull();
    const html = await response.text();
    expect(html).toContain('<meta name="robots" content="noindex">');
    expect(html).toContain('--brand:#7a1fa2');
    expect(html).toContain(`<a class="site-home" href="http://localhost:3000/${t.slug}">`);
    expect(html).toContain('<span class="site-name">Casa Lingua</span>');
    expect(html).not.toMatch(/<script|\sstyle=/i);
    // Times in the attendee's own zone, named.
    expect(html).toContain('(Asia/Tokyo)');
  });

  it('says "You\'re booked!" after the booking form sends a new booking there', async () => {
    const t = await createTenant(app);
    const { uid, token, email } = await freeBooking(t);
    const html = await (await open(uid, token, '&booked=1')).text();
    expect(html).toContain(
      'role="status"><strong>You\'re booked!</strong> A confirmation e-mail is on its way',
    );
    expect(html).toContain(email);
    // Only right after booking; an unknown flag value changes nothing.
    expect(await (await open(uid, token)).text()).not.toContain("You're booked!");
    expect(await (await open(uid, token, '&booked=yes')).text()).not.toContain("You're booked!");
  });

  it('"Add to calendar" downloads the booking as an .ics event; a wrong token is 404', async () => {
    const t = await createTenant(app);
    const { w, uid, token } = await freeBooking(t, { title: 'Evening Spanish, Level 2' });
    const session = w.sessions[0]!;

    const page = await (await open(uid, token)).text();
    const href = `/bookings/${uid}/calendar.ics?token=${encodeURIComponent(token)}`;
    expect(page).toContain(`<a href="${href}" download>Add to calendar</a>`);

    const response = await calendar(uid, token);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${w.slug}.ics"`);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const text = await response.text();
    expect(text).toMatch(/\r\n$/);
    const parsed = new ICAL.Component(ICAL.parse(text));
    const event = new ICAL.Event(parsed.getFirstSubcomponent('vevent')!);
    expect(event.uid).toBe(`${uid}@localhost`);
    expect(event.summary).toBe('Evening Spanish, Level 2');
    // UTC, to the second (iCalendar has no milliseconds).
    const toSecond = (date: Date) => Math.floor(date.getTime() / 1000) * 1000;
    expect(event.startDate.toJSDate().getTime()).toBe(toSecond(session.startTime));
    expect(event.endDate.toJSDate().getTime()).toBe(toSecond(session.endTime));
    // A confirmed seat: the meeting link, and the way back to this page.
    expect(event.location).toBe('https://zoom.us/j/999-secret');
    expect(event.description).toContain(`/bookings/${uid}?token=`);

    const wrong = await calendar(uid, `${token.slice(0, -2)}xx`);
    expect(wrong.status).toBe(404);
    expect(wrong.headers.get('content-type')).toMatch(/^text\/html/);
    const wrongHtml = await wrong.text();
    expect(wrongHtml).toContain("We couldn't find this booking");
    expect(wrongHtml).not.toContain('Evening Spanish');
    expect((await fetch(`${app.baseUrl}/bookings/${uid}/calendar.ics`)).status).toBe(404);
    expect((await calendar('booking_00000000000000000000', token)).status).toBe(404);
  });

  it('a paid booking awaiting payment gets a calendar entry without the link; a cancelled one none', async () => {
    const t = await createTenant(app);
    await t.owner.client.immersio.tenant.updateStripeCredentials.mutate({
      stripeAccountId: 'acct_test123456',
      stripePublishableKey: 'pk_test_abcdefghij123',
    });
    const w = await createWorkshop(t, { price: 2500, currency: 'EUR', recurrence: { frequency: 'none' } });
    const res = await book(app, bookingRequest(t, w, student('payer')));
    expect(res.status).toBe(201);
    const { uid, token } = manageParts(res.body.manageUrl);

    const pending = await calendar(uid, token);
    expect(pending.status).toBe(200);
    const text = await pending.text();
    expect(text).not.toContain('zoom.us');
    const event = new ICAL.Event(new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent('vevent')!);
    expect(event.description).toContain('Awaiting payment');
    // "Pay now" stands out as the page's main action.
    expect(await (await open(uid, token)).text()).toContain(
      `<p class="pay"><a href="${res.body.payment.checkoutUrl}">Pay now</a></p>`,
    );

    const cancel = await fetch(`${app.baseUrl}/bookings/${uid}/cancel`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token }).toString(),
      redirect: 'manual',
    });
    expect(cancel.status).toBe(303);
    expect((await bookingByUid(app, uid)).status).toBe('cancelled');
    const page = await (await open(uid, token)).text();
    expect(page).not.toContain('Add to calendar');
    const gone = await calendar(uid, token);
    expect(gone.status).toBe(404);
    expect(await gone.text()).toContain('no longer active');
  });
});

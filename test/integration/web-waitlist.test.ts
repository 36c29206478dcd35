import { describe, expect, it } from 'vitest';
import { createTenant, type TenantFixture, useTestApp } from '../support/app.ts';
import { book, bookingByUid, bookingRequest, createWorkshop, postJson } from '../support/bookings.ts';
import { fullWorkshop, joined, waitForStatus } from '../support/waitlist.ts';

// The waitlist on the web (issue 16): a full session's "join the waitlist" form on the workshop
// page, and the waitlist page its link opens, with Claim and Leave as plain forms.

const app = useTestApp({ env: { HOLD_SWEEP_MS: '3600000' } });

const pathOf = (t: TenantFixture, w: { slug: string }) => `/${t.slug}/owner/${w.slug}`;
const get = (path: string) => fetch(`${app.baseUrl}${path}`, { redirect: 'manual' });
const submit = (path: string, fields: Record<string, string>) =>
  fetch(`${app.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });

/** The path and query of an absolute URL on PUBLIC_BASE_URL, to request from the test server. */
const local = (url: string) => {
  const parsed = new URL(url, 'http://localhost:3000');
  return `${parsed.pathname}${parsed.search}`;
};

describe('the workshop page offers the waitlist of a full session', () => {
  it('lists full sessions in a "join the waitlist" form; joining lands on the waitlist page', async () => {
    const t = await createTenant(app);
    const { w } = await fullWorkshop(app, t, 1);
    const page = await get(pathOf(t, w));
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain('Every upcoming session is fully booked. Join the waitlist below');
    expect(html).toContain('<h3 id="waitlist-title">Fully booked? Join the waitlist</h3>');
    expect(html).toContain('name="intent" value="waitlist"');
    expect(html).toContain(`value="${w.sessions[0]!.startTime.toISOString()}"`);

    const fields = {
      intent: 'waitlist',
      startTime: w.sessions[0]!.startTime.toISOString(),
      name: 'Wanda Web',
      email: 'wanda@example.test',
      timeZone: 'Europe/Lisbon',
    };
    const missing = await submit(pathOf(t, w), { ...fields, email: '' });
    expect(missing.status).toBe(400);
    const missingHtml = await missing.text();
    expect(missingHtml).toContain('id="wl-email-error"');
    expect(missingHtml).toContain('value="Wanda Web"');

    const res = await submit(pathOf(t, w), fields);
    expect(res.status).toBe(303);
    const location = res.headers.get('location')!;
    expect(location).toMatch(/^http:\/\/localhost:3000\/waitlist\/wait_[a-f0-9]{20}\?token=[\w-]+&joined=1$/);
    const landing = await get(local(location));
    expect(landing.status).toBe(200);
    expect(landing.headers.get('cache-control')).toBe('no-store');
    const landed = await landing.text();
    expect(landed).toContain("You're on the waitlist.");
    expect(landed).toContain('<strong>number 1 in line</strong>');
    expect(landed).toContain('Leave the waitlist');

    // Again for the same e-mail: the refusal in words, in the waitlist form.
    const again = await submit(pathOf(t, w), fields);
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('already on the waitlist');
  });

  it('a session with free seats has no waitlist form; joining one anyway says to book', async () => {
    const t = await createTenant(app);
    const w = await createWorkshop(t, { seats: 2, recurrence: { frequency: 'none' } });
    const html = await (await get(pathOf(t, w))).text();
    expect(html).not.toContain('Join the waitlist');
    const res = await submit(pathOf(t, w), {
      intent: 'waitlist',
      startTime: w.sessions[0]!.startTime.toISOString(),
      name: 'Bo',
      email: 'bo@example.test',
      timeZone: 'Europe/Lisbon',
    });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('book one instead');
  });
});

describe('the waitlist page', () => {
  it('shows the offer with its deadline; Claim confirms a free seat and opens the booking', async () => {
    const t = await createTenant(app);
    const { w, session, bookings } = await fullWorkshop(app, t, 1);
    const entry = await joined(app, t, w, 'claimer@example.test');
    await postJson(app, `/api/v1/public/bookings/${bookings[0]!.uid}/cancel`, { token: bookings[0]!.token });
    await waitForStatus(app, session.id, entry.uid, 'offered');

    const path = local(entry.body.manageUrl);
    const html = await (await get(path)).text();
    expect(html).toContain('Status: A seat is held for you');
    expect(html).toContain('Claim my seat');
    expect(html).toContain(`action="/waitlist/${entry.uid}/claim"`);

    const claimed = await submit(`/waitlist/${entry.uid}/claim`, { token: entry.token });
    expect(claimed.status).toBe(303);
    const location = claimed.headers.get('location')!;
    expect(location).toMatch(/^\/bookings\/booking_[a-f0-9]{20}\?token=[\w-]+&booked=1$/);
    const bookingPage = await (await get(location)).text();
    expect(bookingPage).toContain("You're booked!");
    const uid = location.split('/')[2]!.split('?')[0]!;
    expect((await bookingByUid(app, uid)).status).toBe('accepted');

    const after = await (await get(path)).text();
    expect(after).toContain('Status: Seat claimed');
    expect(after).toContain('See your booking');
    // Claiming an offer that is settled just lands on the booking again.
    expect((await submit(`/waitlist/${entry.uid}/claim`, { token: entry.token })).status).toBe(303);
  });

  it('Leave takes the student off the line; a claim without an offer is refused in words', async () => {
    const t = await createTenant(app);
    const { w } = await fullWorkshop(app, t, 1);
    const entry = await joined(app, t, w, 'leaver@example.test');
    const early = await submit(`/waitlist/${entry.uid}/claim`, { token: entry.token });
    expect(early.status).toBe(409);
    expect(await early.text()).toContain('No seat has been offered to you yet');

    const left = await submit(`/waitlist/${entry.uid}/leave`, { token: entry.token });
    expect(left.status).toBe(303);
    const location = left.headers.get('location')!;
    expect(location).toBe(`/waitlist/${entry.uid}?token=${encodeURIComponent(entry.token)}&left=1`);
    const html = await (await get(location)).text();
    expect(html).toContain('You have left the waitlist.');
    expect(html).not.toContain('Leave the waitlist</button>');
  });

  it('a wrong token or uid is the same 404 page; the page runs no script and is never indexed', async () => {
    const t = await createTenant(app);
    const { w } = await fullWorkshop(app, t, 1);
    const entry = await joined(app, t, w, 'private@example.test');
    for (const path of [
      `/waitlist/${entry.uid}?token=wrong`,
      `/waitlist/${entry.uid}`,
      '/waitlist/wait_0000?token=x',
    ]) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      expect(await res.text()).toContain('Waitlist entry not found');
    }
    expect((await submit(`/waitlist/${entry.uid}/leave`, { token: 'wrong' })).status).toBe(404);
    const res = await get(local(entry.body.manageUrl));
    const html = await res.text();
    expect(html).toContain('<meta name="robots" content="noindex">');
    expect(html).not.toContain('<script src=');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    // A signed-out booking of the same session is still refused while the line waits for a seat.
    expect((await book(app, bookingRequest(t, w, 'other@example.test'))).body.code).toBe(
      'NO_SEATS_AVAILABLE',
    );
  });
});

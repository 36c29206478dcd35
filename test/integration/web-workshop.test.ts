import { request } from 'node:http';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { bookings, customDomains, users } from '../../src/db/schema/index.ts';
import { addSignedInMember, createTenant, type TenantFixture, unique, useTestApp } from '../support/app.ts';
import { book, bookingByUid, bookingRequest, createWorkshop, seatState } from '../support/bookings.ts';
import { SSO_ENV, signInImmersioStudent, signStudentToken } from '../support/immersio-sso.ts';

// The workshop page (issue 6): GET /{tenant}/{teacher}/{workshop} renders the workshop and a
// booking form that works without JavaScript; POST to the same path books.

const AUTHORIZE_URL = 'https://immersio.test/oauth/authorize';
const BOOKING_DOMAIN = 'booking.test';
const app = useTestApp({
  env: { ...SSO_ENV, IMMERSIO_SSO_AUTHORIZE_URL: AUTHORIZE_URL, BOOKING_DOMAIN },
});

const student = (name: string) => `${unique(name)}@example.test`;

type Workshop = Awaited<ReturnType<typeof createWorkshop>>;

const pathOf = (t: TenantFixture, w: { slug: string }, teacher = 'owner') =>
  `/${t.slug}/${teacher}/${w.slug}`;

const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${app.baseUrl}${path}`, { headers, redirect: 'manual' });

const submit = (path: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
  fetch(`${app.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });

/** A request with another Host header (the school's own booking host), which fetch cannot send. */
function onHost(
  host: string,
  method: 'GET' | 'POST',
  path: string,
  form?: Record<string, string>,
  extraHeaders: Record<string, string> = {},
) {
  const url = new URL(app.baseUrl);
  const body = form ? new URLSearchParams(form).toString() : undefined;
  return new Promise<{ status: number; headers: Record<string, unknown>; text: string }>(
    (resolve, reject) => {
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          method,
          path,
          headers: {
            host,
            ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
            ...extraHeaders,
          },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            text += chunk;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
        },
      );
      req.on('error', reject);
      req.end(body);
    },
  );
}

function bookingFields(w: Workshop, email: string, overrides: Record<string, string> = {}) {
  return {
    startTime: w.sessions[0]!.startTime.toISOString(),
    name: 'Ana Student',
    email,
    timeZone: 'America/New_York',
    ...overrides,
  };
}

/** "18:00" in `timeZone`, computed independently of the page's formatter. */
function localTime(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(date);
}

function expectPageCsp(response: Response) {
  expect(response.headers.get('content-type')).toMatch(/^text\/html/);
  const csp = response.headers.get('content-security-policy') ?? '';
  expect(csp).toContain("default-src 'none'");
  expect(csp).toMatch(/style-src 'sha256-[A-Za-z0-9+/=]+'/);
  expect(csp).not.toContain('unsafe-inline');
  return csp;
}

/** No inline script, style attribute or inline event handler anywhere in the page. */
function expectNoInlineCode(html: string) {
  // Attribute names only: quoted values (escaped text) are dropped before looking.
  for (const tag of html.match(/<[a-z][^>]*>/gi) ?? []) {
    const names = tag.replace(/"[^"]*"/g, '""');
    expect(names).not.toMatch(/\sstyle=/i);
    expect(names).not.toMatch(/\son[a-z]+=/i);
  }
  const scripts = html.match(/<script\b[^>]*>/gi) ?? [];
  for (const tag of scripts)
    expect(tag).toMatch(/src="\/assets\/site\.[0-9a-f]+\.js"|type="application\/ld\+json"/);
}

async function paidSchool() {
  const t = await createTenant(app);
  await t.owner.client.immersio.tenant.updateStripeCredentials.mutate({
    stripeAccountId: 'acct_test123456',
    stripePublishableKey: 'pk_test_abcdefghij123',
  });
  return t;
}

async function bookingsOf(email: string) {
  return app.database.db
    .select({
      uid: bookings.uid,
      status: bookings.status,
      attendeeName: bookings.attendeeName,
      attendeeTimeZone: bookings.attendeeTimeZone,
      immersioStudentId: bookings.immersioStudentId,
      registrationSource: bookings.registrationSource,
    })
    .from(bookings)
    .where(eq(bookings.attendeeEmail, email));
}

describe('GET the workshop page', () => {
  it('shows the workshop, teacher, price, policy, location label and schedule — never the meeting link', async () => {
    const t = await createTenant(app, { name: 'Casa Lingua' });
    await t.owner.client.immersio.landing.updateSettings.mutate({ primaryColor: '#0b6e4f' });
    await t.owner.client.immersio.landing.publish.mutate();
    const w = await createWorkshop(t, {
      title: 'Evening Spanish',
      description: 'Conversation practice.\nBring questions.\n\nAll levels welcome.',
      price: 1500,
      currency: 'USD',
      seats: 6,
      recurrence: { frequency: 'weekly', count: 3 },
    });

    const response = await get(pathOf(t, w));
    expect(response.status).toBe(200);
    const csp = expectPageCsp(response);
    expect(csp).toContain('form-action');
    expect(response.headers.get('cache-control')).toBe('public, max-age=10');
    const html = await response.text();
    expectNoInlineCode(html);

    expect(html).toContain('<h1>Evening Spanish</h1>');
    expect(html).toContain('<title>Evening Spanish — Casa Lingua</title>');
    // The school's header links to its (published) landing page, in its landing colour.
    expect(html).toContain(`<a class="site-home" href="/${t.slug}">`);
    expect(html).toContain('--brand:#0b6e4f');
    expect(html).toContain('<p>Conversation practice.<br>Bring questions.</p><p>All levels welcome.</p>');
    expect(html).toContain('$15.00');
    expect(html).toContain('1 hour');
    expect(html).toContain('Zoom — link sent after booking');
    expect(html).not.toContain('zoom.us');
    expect(html).not.toContain('999-secret');
    // The default policy: 24 hours' notice, refunds 12 hours before (inside the notice: always refunded).
    expect(html).toContain('You can cancel online up to 24 hours before the start');
    expect(html).toContain('Every booking cancelled online is refunded in full.');
    expect(html).toContain('Your teacher');
    expect(html).toContain('Owner');

    // Every session as a radio, its time in the session's zone (Berlin), named, with the seats left.
    for (const session of w.sessions) {
      const iso = session.startTime.toISOString();
      expect(html).toContain(`name="startTime" value="${iso}" required`);
      expect(html).toContain(`<time datetime="${iso}" data-local="datetime"`);
      expect(html).toContain(localTime(session.startTime, 'Europe/Berlin'));
    }
    expect(html).toContain('(Europe/Berlin)');
    expect(html).toContain('6 seats left');
    expect(html).toContain('Continue to payment');
    expect(html).toContain('<select id="timeZone" name="timeZone" required data-detect-zone');
    expect(html).toContain('<option value="Europe/Berlin" selected>');
    expect(html).toContain('autocomplete="name"');
    expect(html).toContain('autocomplete="email"');
    // schema.org data for the sessions.
    const jsonLd = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html)?.[1];
    const course = JSON.parse(jsonLd!);
    expect(course).toMatchObject({
      '@type': 'Course',
      name: 'Evening Spanish',
      offers: { price: '15.00', priceCurrency: 'USD' },
    });
    expect(course.hasCourseInstance).toHaveLength(3);
    expect(course.hasCourseInstance[0]).toMatchObject({
      '@type': 'CourseInstance',
      courseMode: 'online',
      startDate: w.sessions[0]!.startTime.toISOString(),
    });

    // The same page again is a 304 by its ETag.
    const etag = response.headers.get('etag')!;
    expect(etag).toBeTruthy();
    expect((await get(pathOf(t, w), { 'if-none-match': etag })).status).toBe(304);
  });

  it('a free workshop says Free and Book now; full sessions are shown but cannot be chosen', async () => {
    const t = await createTenant(app);
    const w = await createWorkshop(t, { seats: 1, recurrence: { frequency: 'weekly', count: 2 } });
    expect((await book(app, bookingRequest(t, w, student('first')))).status).toBe(201);

    const html = await (await get(pathOf(t, w))).text();
    expect(html).toContain('Free');
    expect(html).toContain('Book now');
    expect(html).not.toContain('Continue to payment');
    expect(html).toContain('Fully booked');
    expect(html).toContain(`value="${w.sessions[0]!.startTime.toISOString()}" disabled`);
    expect(html).toContain(`value="${w.sessions[1]!.startTime.toISOString()}" required`);
    expect(html).toContain('Only 1 seat left');
    // No landing page published: the school's name is not a link to a missing page.
    expect(html).toContain('<span class="site-home">');
  });

  it('a long schedule: the first 8 sessions, the rest behind a disclosure (still in the form)', async () => {
    const t = await createTenant(app);
    const w = await createWorkshop(t, { recurrence: { frequency: 'weekly', count: 11 } });
    const html = await (await get(pathOf(t, w))).text();
    expect(html).toContain('<details class="more-slots"><summary>3 more dates</summary>');
    const later = html.slice(html.indexOf('<details class="more-slots">'));
    expect(later).toContain(`value="${w.sessions[8]!.startTime.toISOString()}" required`);
    expect(later).not.toContain(`value="${w.sessions[7]!.startTime.toISOString()}"`);
    expect(later.indexOf('</details>')).toBeLessThan(later.indexOf('<label for="name">'));
  });

  it('?tz= shows the times in another zone, named; an unknown zone is ignored', async () => {
    const t = await createTenant(app);
    const w = await createWorkshop(t);
    const start = w.sessions[0]!.startTime;

    const tokyo = await get(`${pathOf(t, w)}?tz=Asia/Tokyo`);
    expect(tokyo.status).toBe(200);
    const html = await tokyo.text();
    expect(html).toContain('(Asia/Tokyo)');
    expect(html).not.toContain('(Europe/Berlin)');
    expect(html).toContain(localTime(start, 'Asia/Tokyo'));
    // The zone switch (a GET form) and the booking form's zone both start at the chosen zone.
    expect(html).toContain('<form class="tz-form" method="get"');
    expect(html).toContain('<select id="tz" name="tz" data-zone-switch data-user-chosen="1">');
    expect((html.match(/<option value="Asia\/Tokyo" selected>/g) ?? []).length).toBe(2);

    const bogus = await (await get(`${pathOf(t, w)}?tz=Mars/Olympus`)).text();
    expect(bogus).toContain('(Europe/Berlin)');
    expect(bogus).toContain('data-zone-switch data-detect-zone');
  });

  it('unknown workshop, teacher or school, another school’s workshop: 404', async () => {
    const a = await createTenant(app);
    const b = await createTenant(app);
    const title = `Only At A ${unique('w')}`;
    const w = await createWorkshop(a, { title });
    expect((await get(pathOf(a, w))).status).toBe(200);

    const misses = [
      pathOf(a, { slug: 'no-such-workshop' }),
      pathOf(a, w, 'someone-else'),
      `/no-such-school-${unique('x')}/owner/${w.slug}`,
      // Tenant B's address with tenant A's workshop.
      pathOf(b, w),
    ];
    for (const path of misses) {
      const response = await get(path);
      expect(response.status, path).toBe(404);
      const html = await response.text();
      expect(html).toContain('Page not found');
      expect(html).not.toContain(title);
    }
    expect((await get(`/${a.slug}/owner/${w.slug}/extra`)).status).toBe(404);
    expect((await submit(pathOf(b, w), bookingFields(w, student('cross')))).status).toBe(404);
  });

  it('escapes the workshop’s title, description and teacher name everywhere, JSON-LD included', async () => {
    const t = await createTenant(app, { name: 'School <b>&</b>' });
    const member = await addSignedInMember(app, t.tenantId);
    await app.database.db
      .update(users)
      .set({ name: '<script>alert(3)</script> Jo' })
      .where(eq(users.id, member.id));
    const w = await createWorkshop(t, {
      title: '<script>alert(1)</script> Salsa',
      description: '<img src=x onerror=alert(2)> "quoted" </script>',
      teacherId: member.id,
    });
    const response = await get(pathOf(t, w, 'script-alert-3-script-jo'));
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<h1>&lt;script&gt;alert(1)&lt;/script&gt; Salsa</h1>');
    expect(html).toContain('&lt;img src=x onerror=alert(2)&gt; &quot;quoted&quot; &lt;/script&gt;');
    expect(html).toContain('&lt;script&gt;alert(3)&lt;/script&gt; Jo');
    expect(html).toContain('School &lt;b&gt;&amp;&lt;/b&gt;');
    expect(html).not.toMatch(/<script>alert|<img src=x|<b>&/);
    expect(html).toContain('\\u003cscript\\u003ealert(1)');
    expectNoInlineCode(html);
  });
  it('on the school’s own host: /{teacher}/{workshop}, links and the form in that form', async () => {
    const t = await createTenant(app);
    await t.owner.client.immersio.landing.publish.mutate();
    const w = await createWorkshop(t);
    const host = `${t.slug}.${BOOKING_DOMAIN}`;

    const page = await onHost(host, 'GET', `/owner/${w.slug}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<a class="site-home" href="/">');
    expect(page.text).toContain(`<link rel="canonical" href="https://${host}/owner/${w.slug}">`);
    expect(page.text).toContain(`<form class="booking-form" method="post" action="/owner/${w.slug}#book">`);
    // The booking form is answered with the manage page on PUBLIC_BASE_URL: another origin here.
    expect(String(page.headers['content-security-policy'])).toMatch(
      /form-action 'self' http:\/\/localhost:3000[ ;]/,
    );
    expect((await onHost(host, 'GET', `/${t.slug}/owner/${w.slug}`)).status).toBe(404);

    const booked = await onHost(host, 'POST', `/owner/${w.slug}`, bookingFields(w, student('host')));
    expect(booked.status).toBe(303);
    expect(String(booked.headers.location)).toMatch(/^http:\/\/localhost:3000\/bookings\/booking_/);
  });
});

describe('POST the booking form', () => {
  it('a free booking: 303 to the manage page with booked=1, the booking exists', async () => {
    const t = await createTenant(app);
    const w = await createWorkshop(t, { seats: 3 });
    const email = student('free');
    const response = await submit(pathOf(t, w), bookingFields(w, ` ${email.toUpperCase()} `));
    expect(response.status).toBe(303);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const location = response.headers.get('location')!;
    expect(location).toMatch(
      /^http:\/\/localhost:3000\/bookings\/booking_[a-f0-9]{20}\?token=[\w-]{43}&booked=1$/,
    );
    const uid = new URL(location).pathname.split('/').pop()!;
    expect(await bookingByUid(app, uid)).toMatchObject({ status: 'accepted', paid: false });
    expect(await bookingsOf(email)).toEqual([
      expect.objectContaining({
        uid,
        attendeeName: 'Ana Student',
        attendeeTimeZone: 'America/New_York',
        immersioStudentId: null,
        registrationSource: 'public',
      }),
    ]);
    expect(await seatState(app, w.sessions[0]!.id)).toEqual({ seats: 3, booked: 1, live: 1 });

    const manage = await fetch(`${app.baseUrl}${new URL(location).pathname}${new URL(location).search}`);
    const html = await manage.text();
    expect(html).toContain("You're booked!");
    expect(html).toContain('A confirmation e-mail is on its way');

    // The same person again: a clear message pointing to the e-mail's manage link.
    const again = await submit(pathOf(t, w), bookingFields(w, email));
    expect(again.status).toBe(409);
    const refused = await again.text();
    expect(refused).toContain(`${email} already has a seat in that session`);
    expect(refused).toContain('use the link in your confirmation e-mail');
  });

  it('a paid booking: 303 to Stripe Checkout (the emulator), whose origin the form may go to', async () => {
    const t = await paidSchool();
    const w = await createWorkshop(t, { price: 2500, currency: 'EUR', recurrence: { frequency: 'none' } });
    const checkoutOrigin = new URL(app.running.stripeEmulator!.url).origin;

    const page = await get(pathOf(t, w));
    const csp = expectPageCsp(page);
    const formAction = /form-action ([^;]+)/.exec(csp)![1]!.split(' ');
    expect(formAction).toContain("'self'");
    expect(formAction).toContain(checkoutOrigin);
    const html = await page.text();
    expect(html).toContain('€25.00');
    expect(html).toContain('Continue to payment');

    const email = student('payer');
    const response = await submit(pathOf(t, w), bookingFields(w, email));
    expect(response.status).toBe(303);
    const location = response.headers.get('location')!;
    expect(new URL(location).origin).toBe(checkoutOrigin);
    const [row] = await bookingsOf(email);
    expect(row?.status).toBe('pending');
    expect((await bookingByUid(app, row!.uid)).stripeCheckoutSessionId).toBeTruthy();
  });

  it('a session that just filled up: 409, the page again with the message and the typed values', async () => {
    const t = await createTenant(app);
    const w = await createWorkshop(t, { seats: 1, recurrence: { frequency: 'weekly', count: 2 } });
    // The visitor loaded the page while the seat was free...
    expect(await (await get(pathOf(t, w))).text()).toContain('Only 1 seat left');
    // ...someone else took it...
    expect((await book(app, bookingRequest(t, w, student('quick')))).status).toBe(201);
    // ...and the visitor sends the form.
    const response = await submit(pathOf(t, w), bookingFields(w, 'slow@example.test', { name: 'Slow Sam' }));
    expect(response.status).toBe(409);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const html = await response.text();
    expect(html).toContain('That session has just filled up');
    expect(html).toContain('role="alert"');
    expect(html).toContain('value="Slow Sam"');
    expect(html).toContain('value="slow@example.test"');
    expect(html).toContain('<option value="America/New_York" selected>');
    expect(html).toContain(`value="${w.sessions[0]!.startTime.toISOString()}" disabled`);
    expect(html).toContain('Fully booked');
    expect(await bookingsOf('slow@example.test')).toEqual([]);
  });

  it('a whitelist refusal: 403 with the enrolled-students message; a listed address books', async () => {
    const t = await createTenant(app);
    const listed = student('listed');
    const w = await createWorkshop(t, { whitelistEnabled: true, whitelistEmails: [listed] });
    const page = await (await get(pathOf(t, w))).text();
    expect(page).toContain('only open to students enrolled with');

    const refused = await submit(pathOf(t, w), bookingFields(w, student('outsider'), { name: 'Out Sider' }));
    expect(refused.status).toBe(403);
    const html = await refused.text();
    expect(html).toContain('This class is only open to enrolled students');
    expect(html).toContain('value="Out Sider"');

    expect((await submit(pathOf(t, w), bookingFields(w, listed))).status).toBe(303);
  });

  it('invalid fields: 400, the form again with each error linked to its field and the values kept', async () => {
    const t = await createTenant(app);
    const w = await createWorkshop(t);
    const response = await submit(pathOf(t, w), {
      startTime: w.sessions[1]!.startTime.toISOString(),
      name: '   ',
      email: 'not-an-address <script>',
      timeZone: 'America/New_York',
    });
    expect(response.status).toBe(400);
    expectPageCsp(response);
    const html = await response.text();
    expect(html).toContain('Please check the form');
    expect(html).toContain('<a href="#name">Please enter your name.</a>');
    expect(html).toContain('aria-describedby="name-error" aria-invalid="true"');
    expect(html).toContain('<p class="field-error" id="name-error">Please enter your name.</p>');
    expect(html).toContain('aria-describedby="email-hint email-error" aria-invalid="true"');
    expect(html).toContain('Please enter a valid e-mail address');
    expect(html).toContain('value="not-an-address &lt;script&gt;"');
    expect(html).toContain(`value="${w.sessions[1]!.startTime.toISOString()}" required checked`);

    const noSession = await submit(pathOf(t, w), {
      name: 'Ana',
      email: student('nosession'),
      timeZone: 'Nowhere/Atlantis',
    });
    expect(noSession.status).toBe(400);
    const text = await noSession.text();
    expect(text).toContain('Please choose a session.');
    expect(text).toContain('Please choose your time zone from the list.');
    expect(text).toContain('value="Ana"');
  });
});

describe('Sign in with Immersio on the workshop page', () => {
  it('offers the sign-in link when the school is connected, and pre-fills the form for its student', async () => {
    // A school that is not connected to Immersio: no link.
    const other = await createTenant(app);
    const unconnected = await createWorkshop(other);
    expect(await (await get(pathOf(other, unconnected))).text()).not.toContain('Sign in with Immersio');

    const t = await createTenant(app);
    const w = await createWorkshop(t);
    const session = await signInImmersioStudent(app, t.tenantId, {
      studentId: 'stu-web-1',
      name: 'Sam <Student>',
      email: student('sam'),
    });
    const anonymous = await (await get(pathOf(t, w))).text();
    const start = new URL(
      /href="([^"]+)">Sign in with Immersio</.exec(anonymous)![1]!.replace(/&amp;/g, '&'),
    );
    expect(`${start.origin}${start.pathname}`).toBe('http://localhost:3000/api/v1/oauth/immersio/start');
    expect(start.searchParams.get('tenantSlug')).toBe(t.slug);
    expect(start.searchParams.get('redirectUrl')).toBe(`http://localhost:3000${pathOf(t, w)}#book`);

    const signedIn = await get(pathOf(t, w), { cookie: session.cookie });
    expect(signedIn.status).toBe(200);
    expect(signedIn.headers.get('cache-control')).toBe('no-store');
    expect(signedIn.headers.get('etag')).toBeNull();
    const html = await signedIn.text();
    expect(html).toContain('Signed in with Immersio as <strong>Sam &lt;Student&gt;</strong>');
    expect(html).toContain('value="Sam &lt;Student&gt;"');
    expect(html).toContain(`value="${session.email}"`);
    expect(html).not.toContain('>Sign in with Immersio<');
  });

  it('on the school’s own host the whole round trip stays there: state, return and session cookie', async () => {
    const t = await createTenant(app);
    const w = await createWorkshop(t);
    const host = `${t.slug}.${BOOKING_DOMAIN}`;
    const { token, email } = await signStudentToken(app, t.tenantId, {
      studentId: 'stu-host-1',
      name: 'Hana Host',
    });
    const page = await onHost(host, 'GET', `/owner/${w.slug}`);
    const href = /href="([^"]+)">Sign in with Immersio</.exec(page.text)![1]!.replace(/&amp;/g, '&');
    // Relative: the browser stays on the school's host.
    expect(href.startsWith('/api/v1/oauth/immersio/start?')).toBe(true);
    const link = new URL(href, `https://${host}`);
    expect(link.searchParams.get('redirectUrl')).toBe(`https://${host}/owner/${w.slug}#book`);

    const start = await onHost(host, 'GET', href);
    expect(start.status).toBe(302);
    const authorize = new URL(String(start.headers.location));
    expect(authorize.searchParams.get('redirect_uri')).toBe(`https://${host}/api/v1/oauth/immersio/return`);
    const stateCookie = (start.headers['set-cookie'] as string[])[0]!;
    expect(stateCookie).not.toMatch(/domain=/i);

    const back = await onHost(
      host,
      'GET',
      `/api/v1/oauth/immersio/return?${new URLSearchParams({ token, state: authorize.searchParams.get('state')! })}`,
      undefined,
      { cookie: stateCookie.split(';')[0]! },
    );
    expect(back.status).toBe(303);
    expect(back.headers.location).toBe(`https://${host}/owner/${w.slug}#book`);
    const session = (back.headers['set-cookie'] as string[]).find((c) => c.startsWith('ibs.session_token='))!;
    expect(session).not.toMatch(/domain=/i);

    const signedIn = await onHost(host, 'GET', `/owner/${w.slug}`, undefined, {
      cookie: session.split(';')[0]!,
    });
    expect(signedIn.text).toContain('Signed in with Immersio as <strong>Hana Host</strong>');
    expect(signedIn.text).toContain(`value="${email}"`);
  });

  it('on the school’s own domain the round trip runs on the service’s host and comes back under it', async () => {
    const t = await createTenant(app);
    const w = await createWorkshop(t);
    const domain = `book.${t.slug}.example.test`;
    // Verified as a DNS TXT record would make it (test/integration/custom-domain.test.ts does that).
    await app.database.db
      .insert(customDomains)
      .values({ tenantId: t.tenantId, domain, token: 'x'.repeat(32), verifiedAt: new Date() });
    await app.running.container.bus.publish({ type: 'tenant', tenantId: t.tenantId });
    // Connects the school to Immersio, which is what offers the sign-in.
    await signStudentToken(app, t.tenantId, { studentId: 'stu-domain-1', name: 'Dora Domain' });
    const page = await onHost(domain, 'GET', `/owner/${w.slug}`);
    expect(page.status).toBe(200);
    const href = /href="([^"]+)">Sign in with Immersio</.exec(page.text)![1]!.replace(/&amp;/g, '&');
    const link = new URL(href);
    expect(`${link.origin}${link.pathname}`).toBe('http://localhost:3000/api/v1/oauth/immersio/start');
    expect(link.searchParams.get('redirectUrl')).toBe(`http://localhost:3000/${t.slug}/owner/${w.slug}#book`);
    // And the booking form works there, as on the booking host.
    const booked = await onHost(domain, 'POST', `/owner/${w.slug}`, bookingFields(w, student('domain')));
    expect(booked.status).toBe(303);
    expect(String(booked.headers.location)).toMatch(/^http:\/\/localhost:3000\/bookings\/booking_/);
  });

  it('the student’s booking carries the session’s student id, never one from the form', async () => {
    const t = await createTenant(app);
    const session = await signInImmersioStudent(app, t.tenantId, { studentId: 'stu-web-2' });
    // Whitelisted by the student id only, under an address the student does not book with.
    const w = await createWorkshop(t, { whitelistEnabled: true, whitelistEmails: [] });
    await t.owner.client.immersio.workshop.updateWhitelist.mutate({
      workshopId: w.id,
      mode: 'add',
      emails: [{ email: 'listed-elsewhere@example.test', immersioStudentId: 'stu-web-2' }],
    });

    // Anonymous, claiming the id in the form: refused by the whitelist, the field is ignored.
    const forged = await submit(
      pathOf(t, w),
      bookingFields(w, student('mallory'), { immersioStudentId: 'stu-web-2' }),
    );
    expect(forged.status).toBe(403);

    const email = student('sam-books');
    const response = await submit(
      pathOf(t, w),
      bookingFields(w, email, { immersioStudentId: 'someone-else' }),
      { cookie: session.cookie, origin: app.baseUrl },
    );
    expect(response.status).toBe(303);
    expect(await bookingsOf(email)).toEqual([
      expect.objectContaining({ immersioStudentId: 'stu-web-2', registrationSource: 'immersio' }),
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import {
  addSignedInMember,
  createTenant,
  type TenantFixture,
  trpcError,
  unique,
  useTestApp,
} from '../support/app.ts';
import { createWorkshop } from '../support/bookings.ts';

// Booking on the school's own website (issue 20, part 1): the sites a school lists, embed.js, and
// the embed variant of its pages (`?embed=1`): framed only by those sites, no site header or
// footer, the frame script, and every redirect of the booking flow kept in the frame. The browser
// side (the frame growing, the events reaching the host, a refused origin) is in
// test/e2e/embed.e2e.test.ts.

const app = useTestApp();
const HOST = 'https://www.escuela-propia.test';

/** An embedded page is fetched by a frame: browsers say so (Sec-Fetch-Dest: iframe). */
const IN_FRAME = { 'sec-fetch-dest': 'iframe' };
const get = (path: string, headers: Record<string, string> = IN_FRAME) =>
  fetch(`${app.baseUrl}${path}`, { headers, redirect: 'manual' });
const submit = (path: string, fields: Record<string, string>) =>
  fetch(`${app.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...IN_FRAME },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });

async function embeddingSchool(origins = [HOST]) {
  const t = await createTenant(app, { name: 'Escuela Propia' });
  await t.owner.client.immersio.landing.updateSettings.mutate({ embedOrigins: origins });
  await t.owner.client.immersio.landing.publish.mutate({});
  const w = await createWorkshop(t, { title: 'Clase Embebida', recurrence: { frequency: 'none' } });
  return { t, w, page: `/${t.slug}/owner/${w.slug}` };
}

function frameAncestors(response: Response): string {
  return /frame-ancestors ([^;]+)/.exec(response.headers.get('content-security-policy') ?? '')?.[1] ?? '';
}

function expectEmbedded(response: Response, html: string, origins = [HOST]) {
  expect(frameAncestors(response)).toBe(origins.join(' '));
  expect(response.headers.get('x-frame-options')).toBeNull();
  expect(html).toMatch(/<body class="[^"]*\bembedded\b/);
  expect(html).toContain(`<meta name="ibs-embed" content="${origins.join(' ')}">`);
  expect(html).toMatch(/<script src="\/assets\/embed-frame\.[0-9a-f]{12}\.js" defer><\/script>/);
}

function expectNotEmbedded(response: Response, html: string) {
  expect(frameAncestors(response)).toBe("'none'");
  expect(response.headers.get('x-frame-options')).toBe('DENY');
  expect(html).not.toContain('ibs-embed');
}

describe('embed origins in the landing settings', () => {
  it('are kept as origins, in order, and shown back by getSettings', async () => {
    const t = await createTenant(app);
    expect((await t.owner.client.immersio.landing.getSettings.query({})).embedOrigins).toEqual([]);
    await t.owner.client.immersio.landing.updateSettings.mutate({
      embedOrigins: ['https://www.MySchool.test/', ' http://localhost:8080 ', 'http://127.0.0.1:5500'],
    });
    const settings = await t.owner.client.immersio.landing.getSettings.query({});
    expect(settings.embedOrigins).toEqual([
      'https://www.myschool.test',
      'http://localhost:8080',
      'http://127.0.0.1:5500',
    ]);
    // Other settings leave them alone; an empty list removes them all.
    await t.owner.client.immersio.landing.updateSettings.mutate({ ctaText: 'Reservar' });
    expect((await t.owner.client.immersio.landing.getSettings.query({})).embedOrigins).toHaveLength(3);
    await t.owner.client.immersio.landing.updateSettings.mutate({ embedOrigins: [] });
    expect((await t.owner.client.immersio.landing.getSettings.query({})).embedOrigins).toEqual([]);
  });

  it.each([
    ['plain http on the internet', ['http://www.myschool.test']],
    ['a path', ['https://www.myschool.test/booking']],
    ['a query', ['https://www.myschool.test/?a=1']],
    ['not an address', ['myschool']],
    ['a javascript: URL', ['javascript:alert(1)']],
    ['a wildcard', ['https://*.myschool.test']],
    ['the same site twice', ['https://a.test', 'https://a.test/']],
    ['more than 10 sites', Array.from({ length: 11 }, (_, i) => `https://s${i}.test`)],
  ])('refuses %s with 400 VALIDATION_ERROR', async (_name, embedOrigins) => {
    const t = await createTenant(app);
    const error = await trpcError(t.owner.client.immersio.landing.updateSettings.mutate({ embedOrigins }));
    expect(error).toMatchObject({ appCode: 'VALIDATION_ERROR', httpStatus: 400 });
    expect((await t.owner.client.immersio.landing.getSettings.query({})).embedOrigins).toEqual([]);
  });

  it('are an admin’s to change: a MEMBER is refused 403 and nothing changes', async () => {
    const t = await createTenant(app);
    const member = await addSignedInMember(app, t.tenantId, 'MEMBER');
    const error = await trpcError(
      member.client.immersio.landing.updateSettings.mutate({ embedOrigins: ['https://evil.test'] }),
    );
    expect(error.httpStatus).toBe(403);
    expect((await t.owner.client.immersio.landing.getSettings.query({})).embedOrigins).toEqual([]);
  });
});

describe('GET /embed.js', () => {
  it('is a small script that opens frames on PUBLIC_BASE_URL, cached and revalidated by ETag', async () => {
    const response = await fetch(`${app.baseUrl}/embed.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(response.headers.get('cache-control')).toContain('max-age=3600');
    expect(response.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    const source = await response.text();
    expect(source).toContain('"http://localhost:3000"');
    expect(source).not.toContain('__IBS_BASE__');
    expect(source).toMatch(/embed v1/);
    expect(Buffer.byteLength(source)).toBeLessThan(6_000);
    const etag = response.headers.get('etag')!;
    const again = await fetch(`${app.baseUrl}/embed.js`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });

  it('the frame script it leads to is served, content-hashed and cached for a year', async () => {
    const { page } = await embeddingSchool();
    const html = await (await get(`${page}?embed=1`)).text();
    const path = /src="(\/assets\/embed-frame\.[0-9a-f]+\.js)"/.exec(html)![1]!;
    const script = await fetch(`${app.baseUrl}${path}`);
    expect(script.status).toBe(200);
    expect(script.headers.get('cache-control')).toContain('immutable');
    expect(await script.text()).toContain('ibs:hello');
  });
});

describe('the embed variant of the pages', () => {
  it('a workshop page: framed only by the school’s sites, without the site header and footer', async () => {
    const origins = [HOST, 'http://localhost:8080'];
    const { page } = await embeddingSchool(origins);
    const embedded = await get(`${page}?embed=1`);
    expect(embedded.status).toBe(200);
    const html = await embedded.text();
    expectEmbedded(embedded, html, origins);
    expect(html).toContain('Clase Embebida');
    // The variant depends on the frame, so caches keep them apart.
    expect(embedded.headers.get('vary')).toContain('Sec-Fetch-Dest');

    // The same page without ?embed=1, or opened at the top (a new tab): the ordinary one.
    const plain = await get(page);
    expectNotEmbedded(plain, await plain.text());
    const top = await get(`${page}?embed=1`, { 'sec-fetch-dest': 'document' });
    expectNotEmbedded(top, await top.text());
  });

  it('a school that lists no site is never framed, ?embed=1 or not', async () => {
    const { page } = await embeddingSchool([]);
    const response = await get(`${page}?embed=1`);
    expect(response.status).toBe(200);
    expectNotEmbedded(response, await response.text());
  });

  it('one school’s sites never frame another school’s pages', async () => {
    await embeddingSchool([HOST]);
    const other = await embeddingSchool(['https://other-school.test']);
    const response = await get(`${other.page}?embed=1`);
    const html = await response.text();
    expectEmbedded(response, html, ['https://other-school.test']);
    expect(html).not.toContain(HOST);
  });

  it('the catalogue links to the workshops on PUBLIC_BASE_URL; data-workshop is a redirect to one', async () => {
    const { t, w } = await embeddingSchool();
    const landing = await get(`/${t.slug}?embed=1`);
    const html = await landing.text();
    expectEmbedded(landing, html);
    expect(html).toContain(`href="http://localhost:3000/${t.slug}/owner/${w.slug}"`);

    const redirect = await get(`/${t.slug}?embed=1&workshop=${w.slug}&lang=es`);
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('location')).toBe(
      `http://localhost:3000/${t.slug}/owner/${w.slug}?embed=1&lang=es`,
    );
    expect((await get(`/${t.slug}?embed=1&workshop=no-such-class`)).status).toBe(404);
    // Another school's workshop is not this school's.
    const other = await embeddingSchool();
    const theirs = await createWorkshop(other.t, { title: 'Solo Otra', recurrence: { frequency: 'none' } });
    expect((await get(`/${other.t.slug}?embed=1&workshop=${theirs.slug}`)).status).toBe(302);
    expect((await get(`/${t.slug}?embed=1&workshop=${theirs.slug}`)).status).toBe(404);
  });

  it('a free booking stays in the frame: the manage page carries the event for the host', async () => {
    const { w, page } = await embeddingSchool();
    const email = `${unique('embedded')}@example.test`;
    const booked = await submit(`${page}?embed=1`, {
      startTime: w.sessions[0]!.startTime.toISOString(),
      name: 'Ana Embebida',
      email,
      timeZone: 'Europe/Madrid',
    });
    expect(booked.status).toBe(303);
    const location = booked.headers.get('location')!;
    expect(location).toMatch(/\/bookings\/[^?]+\?token=[^&]+&booked=1&embed=1$/);

    const manage = await get(new URL(location).pathname + new URL(location).search);
    expect(manage.status).toBe(200);
    const html = await manage.text();
    expectEmbedded(manage, html);
    const events = JSON.parse(
      /<script type="application\/json" id="ibs-events">(.*?)<\/script>/.exec(html)![1]!,
    );
    const uid = /\/bookings\/([^?]+)/.exec(location)![1]!;
    expect(events).toEqual([
      {
        type: 'ibs:booking-created',
        uid,
        start: w.sessions[0]!.startTime.toISOString(),
        manageUrl: location.replace('&booked=1&embed=1', ''),
      },
    ]);
    // The same page later (no booked=1) says nothing new.
    const laterUrl = new URL(location.replace('&booked=1', ''));
    const later = await (await get(laterUrl.pathname + laterUrl.search)).text();
    expect(later).not.toContain('ibs-events');

    // Cancelling from inside the frame comes back to the page in the frame.
    const token = new URL(location).searchParams.get('token')!;
    const cancelled = await submit(`/bookings/${uid}/cancel?embed=1`, { token });
    expect(cancelled.status).toBe(303);
    expect(cancelled.headers.get('location')).toMatch(/&cancelled=1.*&embed=1$/);
  });

  it('a paid workshop’s form is marked to leave the frame for Checkout', async () => {
    const t: TenantFixture = await createTenant(app);
    await t.owner.client.immersio.tenant.updateStripeCredentials.mutate({
      stripeAccountId: 'acct_test123456',
      stripePublishableKey: 'pk_test_abcdefghij123',
    });
    await t.owner.client.immersio.landing.updateSettings.mutate({ embedOrigins: [HOST] });
    const paid = await createWorkshop(t, { price: 2500, currency: 'EUR', recurrence: { frequency: 'none' } });
    const free = await createWorkshop(t, { title: 'Gratis', recurrence: { frequency: 'none' } });
    const paidHtml = await (await get(`/${t.slug}/owner/${paid.slug}?embed=1`)).text();
    expect(paidHtml).toMatch(
      /<form class="booking-form" method="post" action="[^"]+" data-checkout target="_top">/,
    );
    const freeHtml = await (await get(`/${t.slug}/owner/${free.slug}?embed=1`)).text();
    expect(freeHtml).not.toContain('data-checkout');
  });
});

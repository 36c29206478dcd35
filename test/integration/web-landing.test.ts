import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { brotliDecompressSync } from 'node:zlib';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { tenants, workshopSessions } from '../../src/db/schema/index.ts';
import { addMember } from '../../src/modules/tenants/provisioning.ts';
import {
  addSignedInMember,
  createTenant,
  signIn,
  type TenantFixture,
  unique,
  useTestApp,
} from '../support/app.ts';
import { createWorkshop, DAY } from '../support/bookings.ts';

// The tenant landing page (issue 6): GET /{tenantSlug} and https://{slug}.{BOOKING_DOMAIN}/,
// server-rendered from the public catalogue in one of five templates.

const BOOKING_DOMAIN = 'booking.test';
const app = useTestApp({ env: { BOOKING_DOMAIN } });

const XSS = '<script>alert(1)</script>"><img src=x onerror=alert(2)>';
const TEMPLATES = ['education', 'tutor_personal', 'center_small', 'kids_1', 'kids_2'] as const;
type TemplateId = (typeof TEMPLATES)[number];

async function get(path: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${app.baseUrl}${path}`, { headers, redirect: 'manual' });
  return { status: response.status, headers: response.headers, html: await response.text() };
}

/** A raw request: another Host header, and the body exactly as sent (no transparent decoding). */
function raw(path: string, headers: Record<string, string>) {
  const url = new URL(app.baseUrl);
  return new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>(
    (resolve, reject) => {
      const req = request({ host: url.hostname, port: url.port, method: 'GET', path, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      });
      req.on('error', reject);
      req.end();
    },
  );
}

/** The document's real tags with their quoted attribute values blanked: what the browser parses as markup. */
function tagsOf(html: string): string {
  return [...html.matchAll(/<[^>]*>/g)].map((m) => m[0].replace(/"[^"]*"/g, '""')).join('\n');
}

function jsonLdBlock(html: string): string {
  const match = html.match(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/);
  expect(match).not.toBeNull();
  return match![1]!;
}

function styleOf(html: string): string {
  const match = html.match(/<style>([\s\S]*?)<\/style>/);
  expect(match).not.toBeNull();
  return match![1]!;
}

async function publishedTenant(
  options: { name?: string; settings?: Record<string, unknown>; publish?: boolean } = {},
): Promise<TenantFixture> {
  const t = await createTenant(app, { name: options.name ?? 'Escuela Sol' });
  await t.owner.client.immersio.landing.updateSettings.mutate({
    pageTitle: 'Learn Spanish with us',
    primaryColor: '#1A5FB4',
    secondaryColor: '#FFCC00',
    ...options.settings,
  });
  if (options.publish !== false) await t.owner.client.immersio.landing.publish.mutate({});
  return t;
}

const STRUCTURE: Record<TemplateId, string[]> = {
  education: ['class="edu-nav"', 'class="cards"', 'edu-hero on-brand', 'Our courses'],
  tutor_personal: ['tp-portrait', 'class="tp-list"', 'Book a class with me'],
  center_small: ['class="cs-rows"', 'Next sessions', 'About the school'],
  kids_1: ['class="k1-cards"', 'k1-hero', 'Pick a class and join the fun!'],
  kids_2: ['class="k2-list"', 'k2-strip', 'k2-sticker'],
};

describe('the landing page templates', () => {
  it.each(TEMPLATES)(
    '%s renders with its body class, its own structure and the tenant colours',
    async (id) => {
      const t = await publishedTenant({ settings: { templateId: id, teacherBio: 'Ten years of teaching.' } });
      await createWorkshop(t, { title: 'Evening Spanish', price: 1500 });
      const { status, html, headers } = await get(`/${t.slug}`);
      expect(status).toBe(200);
      expect(headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(html).toContain(`<body class="tpl-${id}">`);
      for (const marker of STRUCTURE[id]) expect(html).toContain(marker);
      for (const other of TEMPLATES.filter((o) => o !== id)) {
        expect(html).not.toContain(`tpl-${other}`);
        expect(html).not.toContain(STRUCTURE[other][0]);
      }
      expect(html).toContain('--brand:#1a5fb4');
      expect(html).toContain('--accent:#ffcc00');
      expect(html.match(/<h1[ >]/g)).toHaveLength(1);
      expect(html).toContain('<a class="skip" href="#main">');
      expect(html).toContain('<main id="main">');
      expect(html).toContain('<html lang="en">');
      expect(html).toContain('$15.00');
      expect(html).toContain('aria-label="View dates and book: Evening Spanish">View dates and book</a>');
    },
  );

  it('sends a strict CSP whose style hash is the page’s one inline style', async () => {
    const t = await publishedTenant();
    const { headers, html } = await get(`/${t.slug}`);
    const csp = headers.get('content-security-policy')!;
    expect(csp).toBeTruthy();
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("script-src 'self'");
    const hash = createHash('sha256').update(styleOf(html)).digest('base64');
    expect(csp).toContain(`style-src 'sha256-${hash}'`);
    expect(html.match(/<style>/g)).toHaveLength(1);
    const tags = tagsOf(html);
    expect(tags).not.toMatch(/\sstyle=/i);
    expect(tags).not.toMatch(/\son[a-z]+=/i);
    // The only scripts: the same-origin file and the JSON-LD data block.
    expect([...html.matchAll(/<script[^>]*>/g)].map((m) => m[0])).toEqual([
      expect.stringMatching(/^<script src="\/assets\/site\.[0-9a-f]{12}\.js" defer>$/),
      '<script type="application/ld+json">',
    ]);
  });
});

describe('tenant text on the landing page', () => {
  it('every field is escaped text, never markup, also inside the JSON-LD block', async () => {
    const t = await publishedTenant({
      name: `Escuela ${XSS}`,
      settings: {
        templateId: 'education',
        pageTitle: `Title ${XSS}`,
        pageSubtitle: `Subtitle ${XSS}`,
        teacherBio: `Bio ${XSS}\n</script><script>alert(3)</script>`,
        ctaText: '<script>alert(1)</script>',
        metaTitle: `Meta ${XSS}`,
        metaDescription: `Description ${XSS} </script>`,
        socialLinks: { instagram: 'https://instagram.com/"><script>alert(4)</script>' },
      },
    });
    const teacher = await addMember(app.database.db, {
      tenantId: t.tenantId,
      role: 'MEMBER',
      user: {
        email: `${unique('teacher')}@example.test`,
        name: `Ana ${XSS}`,
        password: 'teacher-password-1',
      },
    });
    await createWorkshop(t, {
      title: `Class ${XSS}`,
      description: `About ${XSS} </script>`,
      teacherId: teacher.id,
    });

    for (const template of TEMPLATES) {
      await t.owner.client.immersio.landing.updateSettings.mutate({ templateId: template });
      const { status, html } = await get(`/${t.slug}`);
      expect(status).toBe(200);
      expect(html).not.toContain('<script>alert');
      expect(html).not.toContain('<img src=x');
      expect(tagsOf(html)).not.toMatch(/onerror/i);
      expect(html).toContain(
        '&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(2)&gt;',
      );
      for (const text of ['Title ', 'Subtitle ', 'Bio ', 'Class ', 'About ', 'Ana ', 'Escuela ']) {
        expect(html).toContain(`${text}&lt;script&gt;`);
      }
      // Two script elements open and two close: nothing ended the JSON-LD block early.
      expect(html.match(/<script/g)).toHaveLength(2);
      expect(html.match(/<\/script>/g)).toHaveLength(2);
      const block = jsonLdBlock(html);
      expect(block).not.toMatch(/[<>]/);
      const data = JSON.parse(block);
      expect(data.name).toBe(`Escuela ${XSS}`);
      expect(data.description).toBe(`Description ${XSS} </script>`);
      expect(data.hasOfferCatalog.itemListElement[0].name).toBe(`Class ${XSS}`);
      expect(data.hasOfferCatalog.itemListElement[0].hasCourseInstance.instructor.name).toBe(`Ana ${XSS}`);
    }
    const { html } = await get(`/${t.slug}`);
    expect(html).toContain(
      `<title>Meta ${XSS.replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')}</title>`,
    );
    expect(html).toContain('href="https://instagram.com/%22%3E%3Cscript%3Ealert(4)%3C/script%3E"');
  });
});

describe('SEO and structured data', () => {
  it('title, description, canonical, Open Graph and an EducationalOrganization with its courses', async () => {
    const t = await publishedTenant({
      settings: {
        pageSubtitle: 'Small groups, real conversations',
        socialLinks: { youtube: 'https://youtube.com/@sol' },
      },
    });
    await app.database.db
      .update(tenants)
      .set({ timeZone: 'America/New_York' })
      .where(eq(tenants.id, t.tenantId));
    const start = new Date(Date.now() + 3 * DAY);
    start.setUTCHours(23, 0, 0, 0);
    const open = await createWorkshop(t, {
      title: 'Business English',
      price: 1500,
      seats: 5,
      startTime: start,
      locations: [
        { type: 'zoom', link: 'https://zoom.us/j/secret-room' },
        { type: 'in_person', address: '221B Secret Street' },
      ],
    });
    const full = await createWorkshop(t, { title: 'Free Taster', price: 0, seats: 2, startTime: start });
    await app.database.db
      .update(workshopSessions)
      .set({ bookedSeats: 2 })
      .where(eq(workshopSessions.id, full.sessions[0]!.id));

    const { html } = await get(`/${t.slug}`);
    const home = `https://${t.slug}.${BOOKING_DOMAIN}`;
    expect(html).toContain('<title>Learn Spanish with us | Escuela Sol</title>');
    expect(html).toContain('<meta name="description" content="Small groups, real conversations">');
    expect(html).toContain(`<link rel="canonical" href="${home}">`);
    expect(html).not.toContain('noindex');
    expect(html).toContain(`<meta property="og:url" content="${home}">`);
    expect(html).toContain('<meta property="og:title" content="Learn Spanish with us">');
    expect(html).toContain('<meta property="og:site_name" content="Escuela Sol">');
    expect(html).toContain('<meta property="og:type" content="website">');
    for (const secret of ['secret-room', '221B Secret Street', t.owner.email])
      expect(html).not.toContain(secret);

    // The next session: the instant for the browser, the school's zone in the server's text.
    const iso = open.sessions[0]!.startTime.toISOString();
    const local = new Intl.DateTimeFormat('en', {
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      timeZone: 'America/New_York',
    }).format(new Date(iso));
    expect(html).toContain(
      `<time datetime="${iso}" data-local="datetime">${local} (America/New York)</time>`,
    );
    expect(html).toContain('5 seats left');
    expect(html).toContain('Fully booked');

    const data = JSON.parse(jsonLdBlock(html));
    expect(data).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'EducationalOrganization',
      name: 'Escuela Sol',
      url: home,
      sameAs: ['https://youtube.com/@sol'],
    });
    const [business, taster] = data.hasOfferCatalog.itemListElement;
    expect(business).toMatchObject({
      '@type': 'Course',
      name: 'Business English',
      url: open.bookingUrl,
      hasCourseInstance: { '@type': 'CourseInstance', courseMode: 'blended', startDate: iso },
      offers: {
        '@type': 'Offer',
        price: '15.00',
        priceCurrency: 'USD',
        availability: 'https://schema.org/InStock',
        url: open.bookingUrl,
      },
    });
    expect(taster).toMatchObject({
      hasCourseInstance: { courseMode: 'online' },
      offers: { price: '0.00', availability: 'https://schema.org/SoldOut', url: full.bookingUrl },
    });
    expect(html).toContain(`href="${open.bookingUrl}"`);
  });

  it('falls back to the subtitle, the bio, then "Book classes with {name}" for the description', async () => {
    const bare = await publishedTenant({ name: 'Plain School' });
    expect((await get(`/${bare.slug}`)).html).toContain(
      '<meta name="description" content="Book classes with Plain School.">',
    );
    const withBio = await publishedTenant({ settings: { teacherBio: 'I teach   French\n\nand German.' } });
    expect((await get(`/${withBio.slug}`)).html).toContain(
      '<meta name="description" content="I teach French and German.">',
    );
  });
});

describe('who sees an unpublished page', () => {
  it('anonymous, another tenant and a MEMBER get 404; an OWNER or ADMIN a private, unindexed preview', async () => {
    const t = await publishedTenant({
      publish: false,
      settings: { templateId: 'kids_1', ctaText: 'Join us' },
    });
    const other = await publishedTenant();
    const member = await addSignedInMember(app, t.tenantId, 'MEMBER');
    const admin = await addSignedInMember(app, t.tenantId, 'ADMIN');

    const refused: Array<Record<string, string>> = [
      {},
      { authorization: `Bearer ${other.owner.token}` },
      { authorization: `Bearer ${member.token}` },
      { authorization: 'Bearer not-a-session' },
    ];
    for (const headers of refused) {
      const { status, html, headers: sent } = await get(`/${t.slug}`, headers);
      expect(status).toBe(404);
      expect(html).toContain('Page not found');
      expect(html).not.toContain('Join us');
      expect(sent.get('cache-control')).toBe('no-store');
    }

    for (const token of [t.owner.token, admin.token]) {
      const { status, html, headers } = await get(`/${t.slug}`, { authorization: `Bearer ${token}` });
      expect(status).toBe(200);
      expect(html).toContain('Preview — this page is not published yet');
      expect(html).toContain('<meta name="robots" content="noindex">');
      expect(html).toContain('class="tpl-kids_1 is-preview"');
      expect(html).toContain('Join us');
      expect(headers.get('cache-control')).toBe('no-store');
      expect(headers.get('x-robots-tag')).toBe('noindex');
      expect(headers.get('etag')).toBeNull();
    }

    // The session cookie works as well as a bearer token.
    const signInResponse = await fetch(`${app.baseUrl}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: admin.email, password: admin.password }),
    });
    const cookie = signInResponse.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    expect((await get(`/${t.slug}`, { cookie })).status).toBe(200);

    // The preview was never put in the shared cache: the public still gets 404, the API too.
    expect((await get(`/${t.slug}`)).status).toBe(404);
    expect((await get(`/api/v1/public/landing/${t.slug}`)).status).toBe(404);

    await t.owner.client.immersio.landing.publish.mutate({});
    const published = await get(`/${t.slug}`);
    expect(published.status).toBe(200);
    expect(published.html).not.toContain('Preview — this page');
    expect(published.html).not.toContain('noindex');
    expect(published.headers.get('cache-control')).toBe('public, max-age=10');
  });

  it('a preview of a school that never opened its settings shows the defaults', async () => {
    const t = await createTenant(app, { name: 'Fresh School' });
    const { status, html } = await get(`/${t.slug}`, { authorization: `Bearer ${t.owner.token}` });
    expect(status).toBe(200);
    expect(html).toContain('class="tpl-education is-preview"');
    expect(html).toContain('<h1 id="page-title">Fresh School</h1>');
  });

  it('unknown slugs are 404', async () => {
    for (const path of ['/no-such-school', '/no-such-school/']) {
      const { status, html } = await get(path);
      expect(status).toBe(404);
      expect(html).toContain('Page not found');
    }
  });
});

describe('serving', () => {
  it('on the school host {slug}.{BOOKING_DOMAIN} too', async () => {
    const t = await publishedTenant({ settings: { templateId: 'center_small' } });
    const onHost = await raw('/', { host: `${t.slug}.${BOOKING_DOMAIN}` });
    expect(onHost.status).toBe(200);
    const html = onHost.body.toString();
    expect(html).toContain('class="tpl-center_small"');
    expect(html).toContain(`<link rel="canonical" href="https://${t.slug}.${BOOKING_DOMAIN}">`);
    expect(html).toBe((await get(`/${t.slug}`)).html);
    expect((await raw('/', { host: `no-such-school.${BOOKING_DOMAIN}` })).status).toBe(404);
  });

  it('ETag and 304, brotli when asked, and a new page after a change', async () => {
    const t = await publishedTenant({ settings: { ctaText: 'First call' } });
    await createWorkshop(t, { title: 'Evening Spanish' });
    const first = await get(`/${t.slug}`);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers.get('cache-control')).toBe('public, max-age=10');
    const again = await get(`/${t.slug}`);
    expect(again.headers.get('etag')).toBe(etag);
    expect(again.html).toBe(first.html);

    const notModified = await get(`/${t.slug}`, { 'if-none-match': etag });
    expect(notModified.status).toBe(304);
    expect(notModified.html).toBe('');

    const compressed = await raw(`/${t.slug}`, { 'accept-encoding': 'br' });
    expect(compressed.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(compressed.body).toString()).toBe(first.html);
    const plain = await raw(`/${t.slug}`, {});
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(first.html);

    await t.owner.client.immersio.landing.updateSettings.mutate({ ctaText: 'Second call' });
    const changed = await get(`/${t.slug}`, { 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect(changed.html).toContain('Second call');
    expect(changed.headers.get('etag')).not.toBe(etag);
  });

  it('a school without workshops shows the empty state', async () => {
    for (const templateId of TEMPLATES) {
      const t = await publishedTenant({ settings: { templateId } });
      const { status, html } = await get(`/${t.slug}`);
      expect(status).toBe(200);
      expect(html).toContain('class="empty"');
      expect(html).not.toContain('View dates and book');
      expect(JSON.parse(jsonLdBlock(html)).hasOfferCatalog.itemListElement).toEqual([]);
    }
  });

  it("tenant B's page never lists tenant A's workshops", async () => {
    const a = await publishedTenant();
    const b = await publishedTenant();
    await createWorkshop(a, { title: 'Alpha Only Class' });
    await createWorkshop(b, { title: 'Beta Only Class' });
    const pageA = (await get(`/${a.slug}`)).html;
    const pageB = (await get(`/${b.slug}`)).html;
    expect(pageA).toContain('Alpha Only Class');
    expect(pageA).not.toContain('Beta Only Class');
    expect(pageB).toContain('Beta Only Class');
    expect(pageB).not.toContain('Alpha Only Class');
  });

  it('a signed-in viewer of a published page gets the same public page', async () => {
    const t = await publishedTenant();
    const token = await signIn(app.baseUrl, t.owner.email, t.owner.password);
    const anonymous = await get(`/${t.slug}`);
    const owner = await get(`/${t.slug}`, { authorization: `Bearer ${token}` });
    expect(owner.html).toBe(anonymous.html);
    expect(owner.headers.get('cache-control')).toBe('public, max-age=10');
  });
});

import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { workshopSessions } from '../../src/db/schema/index.ts';
import { createTenant, startTestApp, type TenantFixture, useTestApp } from '../support/app.ts';

const app = useTestApp();
const DAY = 86_400_000;
const XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>';

async function getJson(path: string, headers: Record<string, string> = {}, baseUrl = app.baseUrl) {
  const response = await fetch(`${baseUrl}${path}`, { headers });
  const text = await response.text();
  return { response, status: response.status, text, body: text ? JSON.parse(text) : undefined };
}

const workshopInput = (t: TenantFixture, overrides: Record<string, unknown> = {}) => ({
  title: 'Business English',
  description: 'Speak with confidence',
  duration: 60,
  price: 1500,
  seats: 5,
  locations: [
    { type: 'zoom' as const, link: 'https://zoom.us/j/secret-room-123' },
    { type: 'in_person' as const, address: '221B Secret Street' },
  ],
  teacherId: t.owner.id,
  startTime: new Date(Date.now() + 2 * DAY),
  timeZone: 'Europe/Berlin',
  recurrence: { frequency: 'weekly' as const, count: 4 },
  ...overrides,
});

async function publishedTenant() {
  const t = await createTenant(app, { plan: 'growth', name: 'Language Academy' });
  await t.owner.client.immersio.landing.updateSettings.mutate({
    pageTitle: 'Learn Languages Online',
    teacherBio: 'Ten years of teaching',
    primaryColor: '#0066FF',
  });
  await t.owner.client.immersio.landing.publish.mutate({});
  return t;
}

describe('GET /api/v1/public/landing/:slug', () => {
  it('unknown and unpublished tenants are 404 TENANT_NOT_FOUND', async () => {
    const t = await createTenant(app);
    for (const slug of [t.slug, 'no-such-school']) {
      const { status, body } = await getJson(`/api/v1/public/landing/${slug}`);
      expect(status).toBe(404);
      expect(body).toEqual({ error: 'Tenant not found', code: 'TENANT_NOT_FOUND' });
    }
  });

  it("the spec's shape: settings, active workshops only, next session's seats, booking URLs", async () => {
    const t = await publishedTenant();
    const live = await t.owner.client.immersio.workshop.create.mutate(workshopInput(t));
    const later = await t.owner.client.immersio.workshop.create.mutate(
      workshopInput(t, { title: 'Later Spanish', price: 0, startTime: new Date(Date.now() + 9 * DAY) }),
    );
    await draftWorkshop(t, 'A Draft');
    const archived = await t.owner.client.immersio.workshop.create.mutate(
      workshopInput(t, { title: 'Old One' }),
    );
    await t.owner.client.immersio.workshop.update.mutate({ workshopId: archived.id, status: 'archived' });
    const first = (await t.owner.client.immersio.workshop.get.query({ workshopId: live.id })).sessions[0]!;
    await app.database.db
      .update(workshopSessions)
      .set({ bookedSeats: 3 })
      .where(eq(workshopSessions.id, first.id));
    await t.owner.client.immersio.workshop.update.mutate({ workshopId: live.id, topicCategory: 'business' });

    const { status, body, response } = await getJson(`/api/v1/public/landing/${t.slug}`);
    expect(status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(body.tenant).toEqual({ name: 'Language Academy', logoUrl: null });
    expect(body.settings).toEqual({
      templateId: 'education',
      primaryColor: '#0066FF',
      secondaryColor: null,
      heroImageUrl: null,
      pageTitle: 'Learn Languages Online',
      pageSubtitle: null,
      teacherBio: 'Ten years of teaching',
      teacherAvatarUrl: null,
      socialLinks: {},
      ctaText: expect.any(String),
      metaTitle: null,
      metaDescription: null,
    });
    expect(body.workshops).toEqual([
      {
        id: live.id,
        title: 'Business English',
        slug: live.slug,
        description: 'Speak with confidence',
        duration: 60,
        price: 1500,
        currency: 'USD',
        availableSeats: 2,
        teacher: { name: 'Owner', avatarUrl: null },
        nextOccurrence: first.startTime.toISOString(),
        bookingUrl: live.bookingUrl,
        bookingMode: 'fixed',
      },
      expect.objectContaining({ id: later.id, availableSeats: 5, price: 0, bookingUrl: later.bookingUrl }),
    ]);
  });

  it('leaks nothing private: no emails, whitelists, links, addresses, drafts or other tenants', async () => {
    const t = await publishedTenant();
    const other = await publishedTenant();
    await other.owner.client.immersio.workshop.create.mutate(
      workshopInput(other, { title: 'Other School Class' }),
    );
    await t.owner.client.immersio.workshop.create.mutate(
      workshopInput(t, { whitelistEnabled: true, whitelistEmails: ['student.secret@example.test'] }),
    );
    await draftWorkshop(t, 'Draft Secret');
    const landing = await getJson(`/api/v1/public/landing/${t.slug}`);
    const slug = landing.body.workshops[0].slug;
    const workshop = await getJson(`/api/v1/public/workshops/${slug}?tenantSlug=${t.slug}`);
    for (const { text } of [landing, workshop]) {
      for (const secret of [
        'student.secret@example.test',
        t.owner.email,
        'secret-room-123',
        'zoom.us',
        '221B Secret Street',
        'Draft Secret',
        'Other School Class',
        'whitelistEmails',
        'immersioCourseId',
        '"email"',
      ]) {
        expect(text).not.toContain(secret);
      }
    }
    expect(workshop.body.whitelistEnabled).toBe(true);
  });

  it('text fields with HTML come back as the same plain data, as JSON', async () => {
    const t = await createTenant(app, { name: `${XSS} School` });
    await t.owner.client.immersio.landing.updateSettings.mutate({
      pageTitle: XSS.slice(0, 100),
      pageSubtitle: XSS,
      teacherBio: XSS,
      ctaText: '<b>Go</b>',
      metaTitle: '<i>t</i>',
      metaDescription: XSS,
    });
    await t.owner.client.immersio.landing.publish.mutate({});
    const { id } = await t.owner.client.immersio.workshop.create.mutate(
      workshopInput(t, { title: '<svg onload=alert(1)>', description: XSS }),
    );
    const landing = await getJson(`/api/v1/public/landing/${t.slug}`);
    expect(landing.response.headers.get('content-type')).toContain('application/json');
    expect(landing.response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(landing.body.tenant.name).toBe(`${XSS} School`);
    expect(landing.body.settings).toMatchObject({
      pageTitle: XSS.slice(0, 100),
      pageSubtitle: XSS,
      teacherBio: XSS,
      ctaText: '<b>Go</b>',
      metaTitle: '<i>t</i>',
      metaDescription: XSS,
    });
    expect(landing.body.workshops[0]).toMatchObject({ id, title: '<svg onload=alert(1)>', description: XSS });
    const workshop = await getJson(
      `/api/v1/public/workshops/${landing.body.workshops[0].slug}?tenantSlug=${t.slug}`,
    );
    expect(workshop.body).toMatchObject({
      title: '<svg onload=alert(1)>',
      description: XSS,
      teacher: { bio: XSS },
    });
  });

  it('ETag, short Cache-Control and 304; a write changes the answer at once', async () => {
    const t = await publishedTenant();
    const { id } = await t.owner.client.immersio.workshop.create.mutate(workshopInput(t));
    const path = `/api/v1/public/landing/${t.slug}`;
    const first = await getJson(path);
    const etag = first.response.headers.get('etag')!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(first.response.headers.get('cache-control')).toBe('public, max-age=10');

    for (const header of [etag, `W/${etag}`, `"nope", ${etag}`, '*']) {
      const again = await getJson(path, { 'if-none-match': header });
      expect(again.status).toBe(304);
      expect(again.text).toBe('');
      expect(again.response.headers.get('etag')).toBe(etag);
    }
    expect((await getJson(path, { 'if-none-match': '"stale"' })).status).toBe(200);

    await t.owner.client.immersio.workshop.update.mutate({ workshopId: id, title: 'Business English II' });
    const changed = await getJson(path, { 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect(changed.body.workshops[0].title).toBe('Business English II');
    expect(changed.response.headers.get('etag')).not.toBe(etag);

    await t.owner.client.immersio.landing.updateSettings.mutate({ pageTitle: 'New title' });
    expect((await getJson(path)).body.settings.pageTitle).toBe('New title');
  });

  it('when a session starts, the next one becomes nextOccurrence without any write', async () => {
    const t = await publishedTenant();
    await t.owner.client.immersio.workshop.create.mutate(workshopInput(t));
    const path = `/api/v1/public/landing/${t.slug}`;
    const before = (await getJson(path)).body.workshops[0].nextOccurrence;
    app.clock.advance(2 * DAY + 60_000);
    try {
      const after = (await getJson(path)).body.workshops[0].nextOccurrence;
      expect(new Date(after).getTime() - new Date(before).getTime()).toBe(7 * DAY);
    } finally {
      app.clock.advance(-(2 * DAY + 60_000));
    }
  });
});

describe('GET /api/v1/public/workshops/:slug', () => {
  it("the spec's fields, a schedule with per-session seats and local dates, labels instead of links", async () => {
    const t = await publishedTenant();
    // 23:30 UTC is already the next day in Berlin: `date` is the class’s local date.
    const start = new Date(Date.now() + 3 * DAY);
    start.setUTCHours(23, 30, 0, 0);
    const created = await t.owner.client.immersio.workshop.create.mutate(
      workshopInput(t, {
        startTime: start,
        recurrence: { frequency: 'weekly', count: 3 },
        whitelistEnabled: false,
      }),
    );
    const sessions = (await t.owner.client.immersio.workshop.get.query({ workshopId: created.id })).sessions;
    await app.database.db
      .update(workshopSessions)
      .set({ bookedSeats: 5 })
      .where(eq(workshopSessions.id, sessions[0]!.id));
    await app.database.db
      .update(workshopSessions)
      .set({ bookedSeats: 1 })
      .where(eq(workshopSessions.id, sessions[1]!.id));
    await t.owner.client.immersio.workshop.update.mutate({ workshopId: created.id, topicCategory: 'x' });

    const { status, body } = await getJson(`/api/v1/public/workshops/${created.slug}?tenantSlug=${t.slug}`);
    expect(status).toBe(200);
    const { DateTime } = await import('luxon');
    expect(body).toEqual({
      id: created.id,
      title: 'Business English',
      slug: created.slug,
      description: 'Speak with confidence',
      duration: 60,
      price: 1500,
      currency: 'USD',
      totalSeats: 5,
      availableSeats: 0,
      locations: [
        { type: 'zoom', displayValue: 'Zoom — link sent after booking' },
        { type: 'in_person', displayValue: 'In person — address sent after booking' },
      ],
      teacher: { name: 'Owner', bio: 'Ten years of teaching', avatarUrl: null },
      schedule: sessions.map((s, i) => ({
        date: DateTime.fromJSDate(s.startTime, { zone: 'Europe/Berlin' }).toISODate(),
        startTime: s.startTime.toISOString(),
        endTime: s.endTime.toISOString(),
        availableSeats: [0, 4, 5][i],
      })),
      bookingUrl: created.bookingUrl,
      requiresPayment: true,
      whitelistEnabled: false,
      bookingMode: 'fixed',
      waitlistEnabled: true,
    });
    expect(body.schedule[0].date).not.toBe(body.schedule[0].startTime.slice(0, 10));
  });

  it('404 WORKSHOP_NOT_FOUND for unknown, draft, archived and other tenants’ workshops; 400 without tenantSlug', async () => {
    const a = await publishedTenant();
    const b = await publishedTenant();
    const draft = await draftWorkshop(a, 'Draft');
    const archived = await a.owner.client.immersio.workshop.create.mutate(
      workshopInput(a, { title: 'Archived' }),
    );
    await a.owner.client.immersio.workshop.update.mutate({ workshopId: archived.id, status: 'archived' });
    const bs = await b.owner.client.immersio.workshop.create.mutate(workshopInput(b, { title: 'Only at B' }));
    for (const slug of [draft.slug, archived.slug, bs.slug, 'nothing-here']) {
      const { status, body } = await getJson(`/api/v1/public/workshops/${slug}?tenantSlug=${a.slug}`);
      expect(status).toBe(404);
      expect(body).toEqual({ error: 'Workshop not found', code: 'WORKSHOP_NOT_FOUND' });
    }
    const noTenant = await getJson(`/api/v1/public/workshops/${bs.slug}?tenantSlug=no-such-school`);
    expect(noTenant.body.code).toBe('TENANT_NOT_FOUND');

    for (const query of ['', '?tenantSlug=', '?other=1']) {
      const { status, body } = await getJson(`/api/v1/public/workshops/${bs.slug}${query}`);
      expect(status).toBe(400);
      expect(body.code).toBe('VALIDATION_ERROR');
      expect(body.error).toContain('tenantSlug');
    }
    const ok = await getJson(`/api/v1/public/workshops/${bs.slug}?tenantSlug=${b.slug}`);
    expect(ok.status).toBe(200);
    expect(ok.response.headers.get('etag')).toBeTruthy();
    expect(ok.response.headers.get('ratelimit-limit')).toBeTruthy();
  });
});

describe.skipIf(!process.env.REDIS_URL)('public catalogue cache across instances', () => {
  it('a write on one instance drops the cached answer on another', async () => {
    const redisPrefix = `ibs-test-shared-${Date.now()}:`;
    const other = await startTestApp({ database: app.database, redisPrefix: `${redisPrefix}` });
    const writer = await startTestApp({ database: app.database, redisPrefix: `${redisPrefix}` });
    try {
      const t = await createTenant(writer);
      await t.owner.client.immersio.landing.publish.mutate({});
      const { id } = await t.owner.client.immersio.workshop.create.mutate(workshopInput(t));
      const path = `/api/v1/public/landing/${t.slug}`;
      expect((await getJson(path, {}, other.baseUrl)).body.workshops[0].title).toBe('Business English');
      await t.owner.client.immersio.workshop.update.mutate({ workshopId: id, title: 'Renamed Elsewhere' });
      await expect
        .poll(async () => (await getJson(path, {}, other.baseUrl)).body.workshops[0].title, {
          timeout: 2_000,
        })
        .toBe('Renamed Elsewhere');
    } finally {
      await Promise.all([other.close(), writer.close()]);
    }
  });
});

/** A draft: created without a start time (booked by slot, active at once), then unpublished. */
async function draftWorkshop(t: TenantFixture, title: string) {
  const created = await t.owner.client.immersio.workshop.create.mutate(
    workshopInput(t, { title, startTime: undefined, recurrence: undefined }),
  );
  await t.owner.client.immersio.workshop.update.mutate({ workshopId: created.id, status: 'draft' });
  return created;
}

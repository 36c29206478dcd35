import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setCalendarFeed } from '../../src/modules/availability/calendar-feed.ts';
import { FeedFetchError, fetchFeed } from '../../src/modules/availability/calendar-feed-fetch.ts';
import { queueDueCalendarFeeds } from '../../src/modules/availability/calendar-feed-job.ts';
import { externalBusyFor } from '../../src/modules/availability/external-busy.ts';
import { addSignedInMember, createTenant, trpcError, useTestApp } from '../support/app.ts';
import { createWorkshop, getJson } from '../support/bookings.ts';

// The worker is off: each test runs the outbox by hand, so a fetch happens exactly when asked.
const app = useTestApp({ worker: false, env: { ALLOW_PRIVATE_WEBHOOK_URLS: 'true' } });

interface Reply {
  status: number;
  body?: string;
  headers?: Record<string, string>;
  delayMs?: number;
}

/** A calendar host on loopback: answers `reply(path, headers)` and records every request. */
class FeedServer {
  private server: Server | undefined;
  requests: Array<{ path: string; headers: IncomingHttpHeaders }> = [];
  reply: (path: string, headers: IncomingHttpHeaders) => Reply = () => ({ status: 404 });
  base = '';
  async start() {
    this.server = createServer((req, res) => {
      this.requests.push({ path: req.url ?? '', headers: req.headers });
      const r = this.reply(req.url ?? '', req.headers);
      setTimeout(() => {
        res.writeHead(r.status, { 'content-type': 'text/calendar; charset=utf-8', ...r.headers });
        res.end(r.body ?? '');
      }, r.delayMs ?? 0);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }
  close() {
    this.server?.closeAllConnections();
    return new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

const feeds = new FeedServer();
beforeAll(() => feeds.start());
afterAll(() => feeds.close());

const DAY = 86_400_000;
const ymd = (d: DateTime) => d.toFormat('yyyyMMdd');

/**
 * A calendar relative to today (UTC), and the busy times it must yield for a teacher in Tokyo.
 * Weekly 09:00–10:00 Berlin from 12 days ago: occurrences at today+2+7k; k=1 excluded (EXDATE),
 * k=2 moved to 15:00–16:00 (RECURRENCE-ID); k=17 (today+121) is past the 120-day horizon.
 */
function fixture() {
  const today = DateTime.utc().startOf('day');
  const day = (days: number) => ymd(today.plus({ days }));
  const wall = (days: number, hour: number, zone: string, minute = 0) =>
    today.plus({ days }).setZone(zone, { keepLocalTime: true }).set({ hour, minute }).toMillis();
  // One timed event: `prop` is DTSTART's and DTEND's name with parameters, `z` 'Z' for UTC.
  const timed = (
    uid: string,
    days: number,
    from: string,
    to: string,
    prop = '',
    z = 'Z',
    ...more: string[]
  ) => event(uid, `DTSTART${prop}:${day(days)}T${from}${z}`, `DTEND${prop}:${day(days)}T${to}${z}`, ...more);
  const berlin = ';TZID=Europe/Berlin';
  const ics = [
    'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//calendar-feed//EN',
    // Outlook names zones its own way and defines them inline.
    'BEGIN:VTIMEZONE\r\nTZID:W. Europe Standard Time',
    'BEGIN:STANDARD\r\nDTSTART:16011028T030000\r\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10',
    'TZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nEND:STANDARD',
    'BEGIN:DAYLIGHT\r\nDTSTART:16010325T020000\r\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3',
    'TZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE',
    timed(
      'weekly',
      -12,
      '090000',
      '100000',
      berlin,
      '',
      'RRULE:FREQ=WEEKLY',
      `EXDATE${berlin}:${day(9)}T090000`,
    ),
    timed('weekly', 16, '150000', '160000', berlin, '', `RECURRENCE-ID${berlin}:${day(16)}T090000`),
    timed('single', 3, '100000', '110000'),
    timed('free', 3, '140000', '150000', '', 'Z', 'TRANSP:TRANSPARENT'),
    timed('cancelled', 3, '160000', '170000', '', 'Z', 'STATUS:CANCELLED'),
    timed('outlook-free', 3, '180000', '190000', '', 'Z', 'X-MICROSOFT-CDO-BUSYSTATUS:FREE'),
    timed('outlook-zone', 4, '120000', '130000', ';TZID=W. Europe Standard Time', ''),
    // All-day: free unless marked busy, and then the whole day in the teacher's zone.
    event('holiday', `DTSTART;VALUE=DATE:${day(4)}`),
    event('away', `DTSTART;VALUE=DATE:${day(6)}`, `DTEND;VALUE=DATE:${day(7)}`, 'TRANSP:OPAQUE'),
    // Floating: the teacher's wall clock (Tokyo).
    timed('floating', 5, '100000', '113000', '', ''),
    timed('far', 150, '100000', '110000'),
    timed('past', -3, '100000', '110000'),
    'END:VCALENDAR',
  ].join('\r\n');

  const expected: Array<{ start: number; end: number }> = [];
  for (let k = 0; k <= 16; k++) {
    if (k === 1) continue;
    const hour = k === 2 ? 15 : 9;
    expected.push({
      start: wall(2 + 7 * k, hour, 'Europe/Berlin'),
      end: wall(2 + 7 * k, hour + 1, 'Europe/Berlin'),
    });
  }
  expected.push({ start: wall(3, 10, 'UTC'), end: wall(3, 11, 'UTC') });
  expected.push({ start: wall(4, 12, 'Europe/Berlin'), end: wall(4, 13, 'Europe/Berlin') });
  expected.push({ start: wall(6, 0, 'Asia/Tokyo'), end: wall(7, 0, 'Asia/Tokyo') });
  expected.push({ start: wall(5, 10, 'Asia/Tokyo'), end: wall(5, 11, 'Asia/Tokyo', 30) });
  expected.sort((a, b) => a.start - b.start);
  return { ics, expected };
}

function event(uid: string, ...lines: string[]) {
  return ['BEGIN:VEVENT', `UID:${uid}@test`, 'DTSTAMP:20250101T000000Z', ...lines, 'END:VEVENT'].join('\r\n');
}

async function busyOf(tenantId: number, teacherId: number) {
  const from = app.clock.now();
  const busy = await externalBusyFor(app.database.db, {
    tenantId,
    teacherId,
    from,
    to: new Date(from.getTime() + 200 * DAY),
  });
  for (const b of busy) expect(b.kind).toBe('external');
  return busy.map((b) => ({ start: b.start.getTime(), end: b.end.getTime() }));
}

/** Runs the outbox until nothing is left to deliver. */
async function drainOutbox() {
  while ((await app.running.worker.runOnce()) > 0) {}
}

/** A teacher in Tokyo (floating times and all-day dates are read in their zone). */
async function tokyoTenant() {
  const t = await createTenant(app);
  const schedules = t.owner.client.immersio.availability;
  const { schedules: list } = await schedules.list.query({});
  await schedules.update.mutate({ scheduleId: list[0]!.id, timeZone: 'Asia/Tokyo' });
  return t;
}

describe('immersio.availability calendar feeds', () => {
  it('fetches the feed once set, expands it for 120 days and polls it conditionally', async () => {
    const t = await tokyoTenant();
    const { ics, expected } = fixture();
    let etag = '"v1"';
    feeds.reply = (path, headers) => {
      if (path !== '/owner.ics') return { status: 404 };
      if (headers['if-none-match'] === etag) return { status: 304 };
      return { status: 200, body: ics, headers: { etag } };
    };
    const client = t.owner.client.immersio.availability;
    expect(await client.getCalendarFeed.query({})).toEqual({
      teacher: { id: t.owner.id, name: 'Owner' },
      feed: null,
    });

    const set = await client.setCalendarFeed.mutate({ url: `${feeds.base}/owner.ics` });
    expect(set.feed).toMatchObject({ url: `${feeds.base}/owner.ics`, lastFetchedAt: null, lastError: null });
    feeds.requests = [];
    await drainOutbox();
    expect(feeds.requests).toHaveLength(1);
    expect(await busyOf(t.tenantId, t.owner.id)).toEqual(expected);
    const fetched = await client.getCalendarFeed.query({});
    expect(fetched.feed?.lastFetchedAt).toBeInstanceOf(Date);
    expect(fetched.feed?.lastError).toBeNull();

    // Not due yet: the poll leaves it alone. 16 minutes later it asks with the ETag, gets 304.
    expect(await queueDueCalendarFeeds({ db: app.database.db, now: app.clock.now })).toBe(0);
    app.clock.advance(16 * 60_000);
    try {
      expect(await queueDueCalendarFeeds({ db: app.database.db, now: app.clock.now })).toBeGreaterThanOrEqual(
        1,
      );
      await drainOutbox();
      expect(feeds.requests.at(-1)?.headers['if-none-match']).toBe('"v1"');
      expect(await busyOf(t.tenantId, t.owner.id)).toEqual(expected);
    } finally {
      app.clock.advance(-16 * 60_000);
    }

    // The feed changes: the next fetch replaces every busy time.
    etag = '"v2"';
    const later = DateTime.utc().startOf('day').plus({ days: 10 });
    const replaced = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      event('new', `DTSTART:${ymd(later)}T080000Z`, `DTEND:${ymd(later)}T090000Z`),
      'END:VCALENDAR',
    ].join('\r\n');
    feeds.reply = () => ({ status: 200, body: replaced, headers: { etag } });
    await client.setCalendarFeed.mutate({ url: `${feeds.base}/owner.ics` });
    await drainOutbox();
    expect(await busyOf(t.tenantId, t.owner.id)).toEqual([
      { start: later.set({ hour: 8 }).toMillis(), end: later.set({ hour: 9 }).toMillis() },
    ]);
  });

  it('a changed feed drops the cached slots answer at once, through the cache bus', async () => {
    const t = await createTenant(app);
    const w = await createWorkshop(t, {
      title: 'Feed-blocked tutoring',
      seats: 1,
      workshopType: 'tutoring',
      startTime: undefined,
      timeZone: undefined,
      recurrence: undefined,
    });
    const { schedules } = await t.owner.client.immersio.availability.list.query({});
    await t.owner.client.immersio.availability.update.mutate({
      scheduleId: schedules[0]!.id,
      timeZone: 'UTC',
    });
    // A weekday a few days ahead: 09:00 UTC is one of the default hours' slots.
    let day = DateTime.utc().startOf('day').plus({ days: 4 });
    while (day.weekday > 5) day = day.plus({ days: 1 });
    const date = day.toISODate()!;
    const nine = day.set({ hour: 9 }).toISO({ suppressMilliseconds: false });
    const starts = async () =>
      (
        await getJson(
          app,
          `/api/v1/public/workshops/${w.slug}/slots?tenantSlug=${t.slug}&from=${date}&to=${date}&timeZone=UTC`,
        )
      ).body.days.flatMap((d: { slots: Array<{ startTime: string }> }) => d.slots.map((s) => s.startTime));
    expect(await starts()).toContain(nine);

    feeds.reply = () => ({
      status: 200,
      body: [
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        event('dentist', `DTSTART:${ymd(day)}T090000Z`, `DTEND:${ymd(day)}T100000Z`),
        'END:VCALENDAR',
      ].join('\r\n'),
    });
    await t.owner.client.immersio.availability.setCalendarFeed.mutate({ url: `${feeds.base}/dentist.ics` });
    await drainOutbox();
    expect(await starts()).not.toContain(nine);
  });

  it('a failing feed keeps its last busy times and records the error', async () => {
    const t = await tokyoTenant();
    const { ics, expected } = fixture();
    feeds.reply = () => ({ status: 200, body: ics });
    const client = t.owner.client.immersio.availability;
    await client.setCalendarFeed.mutate({ url: `${feeds.base}/flaky.ics` });
    await drainOutbox();
    expect(await busyOf(t.tenantId, t.owner.id)).toEqual(expected);

    for (const [reply, error] of [
      [{ status: 500 }, /HTTP 500/],
      [{ status: 200, body: '<html>not a calendar</html>' }, /not an iCalendar file/],
    ] as const) {
      feeds.reply = () => reply;
      await client.setCalendarFeed.mutate({ url: `${feeds.base}/flaky.ics` });
      await drainOutbox();
      const feed = (await client.getCalendarFeed.query({})).feed;
      expect(feed?.lastError).toMatch(error);
      expect(await busyOf(t.tenantId, t.owner.id)).toEqual(expected);
    }

    // Back up: the error is cleared.
    feeds.reply = () => ({ status: 200, body: ics });
    await client.setCalendarFeed.mutate({ url: `${feeds.base}/flaky.ics` });
    await drainOutbox();
    expect((await client.getCalendarFeed.query({})).feed?.lastError).toBeNull();

    // Removing the feed removes its busy times.
    expect(await client.setCalendarFeed.mutate({ url: null })).toMatchObject({ feed: null });
    expect(await busyOf(t.tenantId, t.owner.id)).toEqual([]);
  });

  it('admins manage anyone’s feed, a MEMBER only their own, another school nobody’s', async () => {
    const t = await createTenant(app);
    const member = await addSignedInMember(app, t.tenantId, 'MEMBER');
    const admin = await addSignedInMember(app, t.tenantId, 'ADMIN');
    const other = await createTenant(app);
    feeds.reply = () => ({ status: 200, body: fixture().ics });

    const own = await member.client.immersio.availability.setCalendarFeed.mutate({
      url: `${feeds.base}/m.ics`,
    });
    expect(own.teacher.id).toBe(member.id);
    expect(
      await trpcError(member.client.immersio.availability.getCalendarFeed.query({ teacherId: t.owner.id })),
    ).toMatchObject({ appCode: 'FORBIDDEN', httpStatus: 403 });
    expect(
      await trpcError(
        member.client.immersio.availability.setCalendarFeed.mutate({ teacherId: t.owner.id, url: null }),
      ),
    ).toMatchObject({ appCode: 'FORBIDDEN', httpStatus: 403 });

    const byAdmin = await admin.client.immersio.availability.getCalendarFeed.query({ teacherId: member.id });
    expect(byAdmin.feed?.url).toBe(`${feeds.base}/m.ics`);
    await admin.client.immersio.availability.setCalendarFeed.mutate({
      teacherId: member.id,
      url: `${feeds.base}/m2.ics`,
    });

    for (const call of [
      () => other.owner.client.immersio.availability.getCalendarFeed.query({ teacherId: member.id }),
      () =>
        other.owner.client.immersio.availability.setCalendarFeed.mutate({ teacherId: member.id, url: null }),
    ]) {
      expect(await trpcError(call())).toMatchObject({ appCode: 'NOT_FOUND', httpStatus: 404 });
    }
    await drainOutbox();
    expect((await busyOf(t.tenantId, member.id)).length).toBeGreaterThan(0);
    // Busy times are read within their school only.
    expect(await busyOf(other.tenantId, member.id)).toEqual([]);
    expect(
      (await admin.client.immersio.availability.getCalendarFeed.query({ teacherId: member.id })).feed?.url,
    ).toBe(`${feeds.base}/m2.ics`);
  });

  it('refuses URLs that are not http(s), and private or plain-http targets where they are not allowed', async () => {
    const t = await createTenant(app);
    for (const url of [
      'not a url',
      'ftp://example.com/cal.ics',
      'javascript:alert(1)',
      '',
      `https://${'a'.repeat(2050)}`,
    ]) {
      expect(
        await trpcError(t.owner.client.immersio.availability.setCalendarFeed.mutate({ url })),
      ).toMatchObject({
        appCode: 'VALIDATION_ERROR',
        httpStatus: 400,
      });
    }
    expect((await t.owner.client.immersio.availability.getCalendarFeed.query({})).feed).toBeNull();

    const actor = { tenantId: t.tenantId, actorId: t.owner.id, role: 'OWNER' as const };
    const deps = (env: { NODE_ENV: 'production' | 'test'; ALLOW_PRIVATE_WEBHOOK_URLS: boolean }) => ({
      db: app.database.db,
      now: app.clock.now,
      env,
    });
    const refused = (promise: Promise<unknown>) =>
      promise.then(
        () => undefined,
        (error: { code?: string; message?: string }) => ({ code: error.code, message: error.message }),
      );
    // Loopback, the cloud metadata address, a private network: refused without the development switch.
    for (const url of [
      `${feeds.base}/x.ics`,
      'http://169.254.169.254/latest',
      'http://[::1]/x',
      'http://10.1.2.3/x',
    ]) {
      expect(
        await refused(
          setCalendarFeed(deps({ NODE_ENV: 'test', ALLOW_PRIVATE_WEBHOOK_URLS: false }), { ...actor, url }),
        ),
      ).toMatchObject({ code: 'VALIDATION_ERROR', message: expect.stringMatching(/private/) });
    }
    expect(
      await refused(
        setCalendarFeed(deps({ NODE_ENV: 'production', ALLOW_PRIVATE_WEBHOOK_URLS: true }), {
          ...actor,
          url: `${feeds.base}/x.ics`,
        }),
      ),
    ).toMatchObject({ code: 'VALIDATION_ERROR', message: 'url: must use https' });
    // webcal:// (what calendar apps hand out) is https.
    const webcal = await setCalendarFeed(deps({ NODE_ENV: 'production', ALLOW_PRIVATE_WEBHOOK_URLS: true }), {
      ...actor,
      url: 'webcal://127.0.0.1:1/cal.ics',
    });
    expect(webcal.feed?.url).toBe('https://127.0.0.1:1/cal.ics');
    await setCalendarFeed(deps({ NODE_ENV: 'test', ALLOW_PRIVATE_WEBHOOK_URLS: true }), {
      ...actor,
      url: null,
    });
  });

  it('a fetch gives up past its size cap or its timeout', async () => {
    const policy = { requireHttps: false, allowPrivate: true, validators: null };
    feeds.reply = () => ({ status: 200, body: 'x'.repeat(10_000) });
    await expect(fetchFeed(new URL(`${feeds.base}/big.ics`), { ...policy, maxBytes: 1000 })).rejects.toThrow(
      /larger than 1000 bytes/,
    );
    feeds.reply = () => ({ status: 200, body: 'BEGIN:VCALENDAR', delayMs: 2000 });
    await expect(
      fetchFeed(new URL(`${feeds.base}/slow.ics`), { ...policy, timeoutMs: 200 }),
    ).rejects.toBeInstanceOf(FeedFetchError);
    // Redirects are followed (each hop checked).
    feeds.reply = (path) =>
      path === '/moved.ics'
        ? { status: 301, headers: { location: '/here.ics' } }
        : { status: 200, body: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR' };
    expect(await fetchFeed(new URL(`${feeds.base}/moved.ics`), policy)).toMatchObject({ status: 'ok' });
  });
});

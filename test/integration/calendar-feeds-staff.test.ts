import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { addSignedInMember, createTenant, trpcClient, trpcError, useTestApp } from '../support/app.ts';

// The private iCalendar feeds of a teacher's classes and of the whole school (issue 20, part 3):
// `immersio.calendar.getFeedUrl` / `resetFeedUrl` and `GET /api/v1/calendar/{token}.ics`.

const app = useTestApp();
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const workshopInput = (teacherId: number, title: string) => ({
  title,
  duration: 60,
  price: 0,
  seats: 6,
  locations: [{ type: 'link' as const, link: 'https://meet.example.com/room-1' }],
  teacherId,
});

/** The owner teaches "Spanish A1" (two sessions); a MEMBER teaches "French B2" (one). */
async function school() {
  const t = await createTenant(app);
  const teacher = await addSignedInMember(app, t.tenantId);
  const at = new Date(Math.ceil((Date.now() + 5 * DAY) / HOUR) * HOUR);
  const spanish = await t.owner.client.immersio.workshop.create.mutate(
    workshopInput(t.owner.id, 'Spanish A1'),
  );
  const french = await t.owner.client.immersio.workshop.create.mutate(workshopInput(teacher.id, 'French B2'));
  const add = (workshopId: number, startTime: Date) =>
    t.owner.client.immersio.workshop.addSessions.mutate({ workshopId, startTime, timeZone: 'Europe/Madrid' });
  await add(spanish.id, at);
  await add(spanish.id, new Date(at.getTime() + DAY));
  await add(french.id, new Date(at.getTime() + 2 * HOUR));
  return { t, teacher, at };
}

/** Fetches a feed URL (minted on PUBLIC_BASE_URL) from the test server. */
function fetchFeed(url: string, headers: Record<string, string> = {}) {
  return fetch(`${app.baseUrl}${new URL(url).pathname}`, { headers });
}

interface FeedEvent {
  uid: string;
  summary: string;
  sequence: number;
  start: Date;
  status: string;
  description: string;
  location: string;
}

async function events(url: string): Promise<{ name: string; events: FeedEvent[] }> {
  const response = await fetchFeed(url);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
  const calendar = new ICAL.Component(ICAL.parse(await response.text()));
  return {
    name: String(calendar.getFirstPropertyValue('x-wr-calname')),
    events: calendar.getAllSubcomponents('vevent').map((vevent) => {
      const event = new ICAL.Event(vevent);
      return {
        uid: event.uid,
        summary: event.summary,
        sequence: event.sequence,
        start: event.startDate.toJSDate(),
        status: String(vevent.getFirstPropertyValue('status')),
        description: event.description,
        location: event.location,
      };
    }),
  };
}

describe('immersio.calendar.getFeedUrl and the feed', () => {
  it("a teacher's feed holds their classes only, with seats, join link and roster link", async () => {
    const { t, teacher, at } = await school();
    const { url } = await teacher.client.immersio.calendar.getFeedUrl.query({});
    expect(url).toMatch(/^http:\/\/localhost:3000\/api\/v1\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    // The same URL on every ask until a reset.
    expect((await teacher.client.immersio.calendar.getFeedUrl.query()).url).toBe(url);

    const feed = await events(url);
    expect(feed.name).toBe(`Tenant ${t.slug}: A MEMBER`);
    expect(feed.events.map((e) => e.summary)).toEqual(['French B2']);
    const [french] = feed.events;
    expect(french!.start).toEqual(new Date(at.getTime() + 2 * HOUR));
    expect(french!.uid).toMatch(/^session-\d+@localhost:3000$/);
    expect(french!.sequence).toBe(0);
    expect(french!.status).toBe('CONFIRMED');
    expect(french!.location).toBe('https://meet.example.com/room-1');
    expect(french!.description).toContain('Join: https://meet.example.com/room-1');
    expect(french!.description).toContain('Seats taken: 0 of 6');
    expect(french!.description).toMatch(/Roster: http:\/\/localhost:3000\/app\/sessions\/\d+/);

    // The owner's own teacher feed: their two Spanish sessions, never the MEMBER's class.
    const own = await events((await t.owner.client.immersio.calendar.getFeedUrl.query({})).url);
    expect(own.events.map((e) => e.summary)).toEqual(['Spanish A1', 'Spanish A1']);
  });

  it('the school-wide feed is for admins and names each teacher; a MEMBER asking is FORBIDDEN', async () => {
    const { t, teacher } = await school();
    const { url } = await t.owner.client.immersio.calendar.getFeedUrl.query({ scope: 'school' });
    const feed = await events(url);
    expect(feed.name).toBe(`Tenant ${t.slug}: all classes`);
    expect(feed.events.map((e) => e.summary)).toEqual([
      `Spanish A1 (Owner)`,
      'French B2 (A MEMBER)',
      `Spanish A1 (Owner)`,
    ]);
    const refused = await trpcError(teacher.client.immersio.calendar.getFeedUrl.query({ scope: 'school' }));
    expect(refused).toMatchObject({ appCode: 'FORBIDDEN', httpStatus: 403 });
    const reset = await trpcError(teacher.client.immersio.calendar.resetFeedUrl.mutate({ scope: 'school' }));
    expect(reset).toMatchObject({ appCode: 'FORBIDDEN', httpStatus: 403 });
  });

  it('a moved session keeps its UID with a higher SEQUENCE; a cancelled one stays, CANCELLED', async () => {
    const { t, at } = await school();
    const { url } = await t.owner.client.immersio.calendar.getFeedUrl.query({});
    const before = (await events(url)).events;
    const sessions = await t.owner.client.immersio.calendar.sessions.query({
      from: new Date(at.getTime() - HOUR),
      to: new Date(at.getTime() + 2 * DAY),
    });
    const [first, second] = sessions.sessions.filter((s) => s.workshop.title === 'Spanish A1');
    const moved = new Date(at.getTime() + 3 * HOUR);
    await t.owner.client.immersio.workshop.moveSession.mutate({ sessionId: first!.id, startTime: moved });
    await t.owner.client.immersio.booking.cancelSession.mutate({ sessionId: second!.id });

    const after = (await events(url)).events;
    const was = (id: number) => before.find((e) => e.uid.startsWith(`session-${id}@`))!;
    const now = (id: number) => after.find((e) => e.uid.startsWith(`session-${id}@`))!;
    expect(now(first!.id)).toMatchObject({
      start: moved,
      sequence: was(first!.id).sequence + 1,
      status: 'CONFIRMED',
    });
    expect(now(second!.id)).toMatchObject({
      sequence: was(second!.id).sequence + 1,
      status: 'CANCELLED',
      summary: 'Cancelled: Spanish A1',
    });
  });

  it('answers 304 to its ETag until something changes', async () => {
    const { t, at } = await school();
    const { url } = await t.owner.client.immersio.calendar.getFeedUrl.query({});
    const first = await fetchFeed(url);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(first.headers.get('cache-control')).toBe('private, no-cache');
    expect((await fetchFeed(url, { 'if-none-match': etag })).status).toBe(304);
    await t.owner.client.immersio.workshop.addSessions.mutate({
      workshopId: (await t.owner.client.immersio.workshop.list.query({})).workshops.find(
        (w) => w.title === 'Spanish A1',
      )!.id,
      startTime: new Date(at.getTime() + 4 * DAY),
      timeZone: 'Europe/Madrid',
    });
    const changed = await fetchFeed(url, { 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
  });

  it('a reset revokes the old URL (404 like any wrong token); a member who left is 404 too', async () => {
    const { t, teacher } = await school();
    const { url: old } = await teacher.client.immersio.calendar.getFeedUrl.query({});
    const { url: fresh } = await teacher.client.immersio.calendar.resetFeedUrl.mutate({});
    expect(fresh).not.toBe(old);
    expect((await teacher.client.immersio.calendar.getFeedUrl.query({})).url).toBe(fresh);
    const gone = await fetchFeed(old);
    expect(gone.status).toBe(404);
    expect(await gone.json()).toMatchObject({ code: 'NOT_FOUND' });
    expect((await fetchFeed(fresh)).status).toBe(200);
    for (const path of [
      'x.ics',
      `${'A'.repeat(43)}.ics`,
      `${new URL(fresh).pathname.split('/').pop()!.slice(0, 43)}`,
    ]) {
      expect((await fetch(`${app.baseUrl}/api/v1/calendar/${path}`)).status).toBe(404);
    }
    // A member who teaches nothing (yet) has a feed too, empty; once they leave it is 404.
    const leaver = await addSignedInMember(app, t.tenantId);
    const { url: theirs } = await leaver.client.immersio.calendar.getFeedUrl.query({});
    expect((await events(theirs)).events).toEqual([]);
    await t.owner.client.immersio.tenant.removeMember.mutate({ userId: leaver.id });
    expect((await fetchFeed(theirs)).status).toBe(404);
  });

  it('an admin demoted to MEMBER loses the school-wide feed (404) and keeps their own', async () => {
    const { t } = await school();
    const admin = await addSignedInMember(app, t.tenantId, 'ADMIN');
    const { url: schoolFeed } = await admin.client.immersio.calendar.getFeedUrl.query({ scope: 'school' });
    const { url: ownFeed } = await admin.client.immersio.calendar.getFeedUrl.query({});
    expect((await events(schoolFeed)).events).toHaveLength(3);
    await t.owner.client.immersio.tenant.changeMemberRole.mutate({ userId: admin.id, role: 'MEMBER' });
    expect((await fetchFeed(schoolFeed)).status).toBe(404);
    expect((await fetchFeed(ownFeed)).status).toBe(200);
  });

  it('never shows another school’s classes, and needs a signed-in member to hand out a URL', async () => {
    const a = await school();
    const b = await school();
    const uids = async (s: typeof a) =>
      (
        await events((await s.t.owner.client.immersio.calendar.getFeedUrl.query({ scope: 'school' })).url)
      ).events.map((e) => e.uid);
    const [ofA, ofB] = [await uids(a), await uids(b)];
    expect(ofA).toHaveLength(3);
    expect(ofB).toHaveLength(3);
    expect(ofA.filter((uid) => ofB.includes(uid))).toEqual([]);
    const anonymous = await trpcError(trpcClient(app.baseUrl).immersio.calendar.getFeedUrl.query({}));
    expect(anonymous).toMatchObject({ appCode: 'UNAUTHORIZED', httpStatus: 401 });
  });
});

import { eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { whitelistEntries, workshopSessions } from '../../src/db/schema/index.ts';
import { addSignedInMember, createTenant, trpcError, useTestApp } from '../support/app.ts';

const app = useTestApp();
const DAY = 86_400_000;

const base = (teacherId: number) => ({
  title: 'Business English Workshop',
  duration: 60,
  price: 1500,
  seats: 8,
  locations: [{ type: 'zoom' as const, link: 'https://zoom.us/j/123456' }],
  teacherId,
});

async function withSessions(t: Awaited<ReturnType<typeof createTenant>>, count = 3) {
  return t.owner.client.immersio.workshop.create.mutate({
    ...base(t.owner.id),
    startTime: new Date(Date.now() + 2 * DAY),
    timeZone: 'Europe/Berlin',
    recurrence: { frequency: 'weekly', count },
  });
}

describe('immersio.workshop.update', () => {
  it('changes any described field and leaves the rest alone; the slug stays unless given', async () => {
    const t = await createTenant(app, { plan: 'growth' });
    const { id, slug } = await withSessions(t);
    const updated = await t.owner.client.immersio.workshop.update.mutate({
      workshopId: id,
      title: 'Business English, advanced',
      description: '<script>alert(1)</script>',
      price: 2000,
      currency: 'eur',
      locations: [{ type: 'in_person', address: '1 Main Street' }],
      refundWindowHours: 48,
      cancellationNoticeHours: 6,
      topicCategory: 'business',
      workshopType: 'live_class',
    });
    expect(updated).toMatchObject({
      id,
      slug,
      title: 'Business English, advanced',
      description: '<script>alert(1)</script>',
      price: 2000,
      currency: 'EUR',
      duration: 60,
      seats: 8,
      locations: [{ type: 'in_person', address: '1 Main Street' }],
      refundWindowHours: 48,
      cancellationNoticeHours: 6,
      topicCategory: 'business',
      workshopType: 'live_class',
      status: 'active',
    });
    expect(updated.sessions).toHaveLength(3);

    const cleared = await t.owner.client.immersio.workshop.update.mutate({
      workshopId: id,
      description: null,
      topicCategory: null,
      slug: 'biz-english',
    });
    expect(cleared).toMatchObject({ description: null, topicCategory: null, slug: 'biz-english' });
    expect(cleared.bookingUrl.endsWith('/biz-english')).toBe(true);
  });

  it('seats and duration apply to upcoming sessions; seats below a session’s bookings are refused', async () => {
    const t = await createTenant(app);
    const { id } = await withSessions(t);
    const before = await t.owner.client.immersio.workshop.get.query({ workshopId: id });
    await app.database.db
      .update(workshopSessions)
      .set({ bookedSeats: 5 })
      .where(eq(workshopSessions.id, before.sessions[1]!.id));

    const error = await trpcError(
      t.owner.client.immersio.workshop.update.mutate({ workshopId: id, seats: 4 }),
    );
    expect(error).toMatchObject({ appCode: 'VALIDATION_ERROR', httpStatus: 400 });
    expect(error.message).toContain('5 seats taken');

    const after = await t.owner.client.immersio.workshop.update.mutate({
      workshopId: id,
      seats: 5,
      duration: 90,
    });
    expect(after.seats).toBe(5);
    for (const session of after.sessions) {
      expect(session.seats).toBe(5);
      expect(session.endTime.getTime() - session.startTime.getTime()).toBe(90 * 60_000);
    }
  });

  it('status: archive, reactivate, and activation needs an upcoming session', async () => {
    const t = await createTenant(app);
    // A fixed-schedule draft with no sessions (a workshop created without them is booked by slot).
    const draft = await t.owner.client.immersio.workshop.create.mutate(base(t.owner.id));
    await t.owner.client.immersio.workshop.update.mutate({
      workshopId: draft.id,
      bookingMode: 'fixed',
      status: 'draft',
    });
    expect(
      await trpcError(
        t.owner.client.immersio.workshop.update.mutate({ workshopId: draft.id, status: 'active' }),
      ),
    ).toMatchObject({ appCode: 'VALIDATION_ERROR', httpStatus: 400 });

    const start = new Date(Date.now() + DAY);
    const live = await t.owner.client.immersio.workshop.update.mutate({
      workshopId: draft.id,
      startTime: start,
      status: 'active',
    });
    expect(live.status).toBe('active');
    expect(live.sessions.map((s) => s.startTime)).toEqual([start]);

    const archived = await t.owner.client.immersio.workshop.update.mutate({
      workshopId: draft.id,
      status: 'archived',
    });
    expect(archived.status).toBe('archived');
    const listed = await t.owner.client.immersio.workshop.list.query({ status: 'archived' });
    expect(listed.workshops.map((w) => w.id)).toEqual([draft.id]);
    const back = await t.owner.client.immersio.workshop.update.mutate({
      workshopId: draft.id,
      status: 'active',
    });
    expect(back.status).toBe('active');
  });

  it('reactivating an archived workshop counts against maxEventTypes', async () => {
    const t = await createTenant(app, { plan: 'lite' });
    const first = await t.owner.client.immersio.workshop.create.mutate(base(t.owner.id));
    await t.owner.client.immersio.workshop.update.mutate({ workshopId: first.id, status: 'archived' });
    // The archived one no longer counts, so the plan's limit can be filled again...
    const limit = (await t.owner.client.immersio.tenant.get.query()).plan.maxEventTypes;
    for (let i = 0; i < limit; i++) await t.owner.client.immersio.workshop.create.mutate(base(t.owner.id));
    // ...and bringing the archived one back would exceed it.
    const error = await trpcError(
      t.owner.client.immersio.workshop.update.mutate({ workshopId: first.id, status: 'draft' }),
    );
    expect(error).toMatchObject({ appCode: 'FORBIDDEN', httpStatus: 403 });
    expect(error.message).toContain('maxEventTypes');
  });

  it('startTime replaces the unbooked upcoming sessions and keeps booked ones; recurrence is kept in the zone', async () => {
    const t = await createTenant(app);
    const { id } = await withSessions(t, 3);
    const before = await t.owner.client.immersio.workshop.get.query({ workshopId: id });
    const booked = before.sessions[2]!;
    await app.database.db
      .update(workshopSessions)
      .set({ bookedSeats: 1 })
      .where(eq(workshopSessions.id, booked.id));

    // 18:00 New York, every other week, from next month: across a DST change the local time holds.
    const first = DateTime.now()
      .setZone('America/New_York')
      .plus({ months: 1 })
      .set({ hour: 18, minute: 0, second: 0, millisecond: 0 });
    const updated = await t.owner.client.immersio.workshop.update.mutate({
      workshopId: id,
      startTime: first.toJSDate(),
      timeZone: 'America/New_York',
      recurrence: { frequency: 'biweekly', count: 12 },
    });
    expect(updated.recurrence).toEqual({ frequency: 'biweekly', count: 12 });
    const ids = updated.sessions.map((s) => s.id);
    expect(ids).toContain(booked.id);
    expect(ids).not.toContain(before.sessions[0]!.id);
    const fresh = updated.sessions.filter((s) => s.id !== booked.id);
    expect(fresh).toHaveLength(12);
    for (const session of fresh) {
      expect(session.timeZone).toBe('America/New_York');
      expect(DateTime.fromJSDate(session.startTime, { zone: 'America/New_York' }).hour).toBe(18);
    }
  });

  it('whitelistEmails replaces the whitelist; teacherId must be a member; slug clashes are CONFLICT', async () => {
    const t = await createTenant(app, { plan: 'growth' });
    const { id } = await withSessions(t, 1);
    const other = await t.owner.client.immersio.workshop.create.mutate({
      ...base(t.owner.id),
      title: 'Other one',
    });
    await t.owner.client.immersio.workshop.update.mutate({
      workshopId: id,
      whitelistEnabled: true,
      whitelistEmails: [' A@example.test', 'b@example.test', 'a@example.test'],
    });
    const rows = await app.database.db
      .select({ email: whitelistEntries.email })
      .from(whitelistEntries)
      .where(eq(whitelistEntries.workshopId, id));
    expect(rows.map((r) => r.email).sort()).toEqual(['a@example.test', 'b@example.test']);

    const outsider = await createTenant(app);
    expect(
      await trpcError(
        t.owner.client.immersio.workshop.update.mutate({ workshopId: id, teacherId: outsider.owner.id }),
      ),
    ).toMatchObject({ appCode: 'VALIDATION_ERROR', httpStatus: 400 });
    const teacher = await addSignedInMember(app, t.tenantId);
    const moved = await t.owner.client.immersio.workshop.update.mutate({
      workshopId: id,
      teacherId: teacher.id,
    });
    expect(moved.teacher.id).toBe(teacher.id);

    expect(
      await trpcError(t.owner.client.immersio.workshop.update.mutate({ workshopId: id, slug: other.slug })),
    ).toMatchObject({ appCode: 'CONFLICT', httpStatus: 409 });
  });

  it('plan features are checked: whitelist and Immersio sync on the lite plan', async () => {
    const t = await createTenant(app, { plan: 'lite' });
    const { id } = await t.owner.client.immersio.workshop.create.mutate(base(t.owner.id));
    for (const change of [{ whitelistEnabled: true }, { syncStudentsFromImmersio: true }]) {
      expect(
        await trpcError(t.owner.client.immersio.workshop.update.mutate({ workshopId: id, ...change })),
      ).toMatchObject({ appCode: 'FORBIDDEN', httpStatus: 403 });
    }
  });

  it('bad input is 400: past startTime, recurrence without startTime, bad slug, out-of-range numbers', async () => {
    const t = await createTenant(app);
    const { id } = await t.owner.client.immersio.workshop.create.mutate(base(t.owner.id));
    const bad = [
      { startTime: new Date(Date.now() - DAY) },
      { recurrence: { frequency: 'weekly' as const, count: 3 } },
      { slug: 'Not A Slug' },
      { seats: 0 },
      { duration: 10 },
      { price: -1 },
      { title: 'ab' },
      { currency: 'XXQ' },
      { locations: [{ type: 'zoom' as const }] },
    ];
    for (const change of bad) {
      expect(
        await trpcError(t.owner.client.immersio.workshop.update.mutate({ workshopId: id, ...change })),
      ).toMatchObject({ appCode: 'VALIDATION_ERROR', httpStatus: 400 });
    }
  });

  it("is admin only, and another tenant's workshop is 404 WORKSHOP_NOT_FOUND, unchanged", async () => {
    const a = await createTenant(app);
    const b = await createTenant(app);
    const { id } = await withSessions(a, 1);
    const member = await addSignedInMember(app, a.tenantId);
    expect(
      await trpcError(member.client.immersio.workshop.update.mutate({ workshopId: id, title: 'Mine now' })),
    ).toMatchObject({ appCode: 'FORBIDDEN', httpStatus: 403 });
    expect(
      await trpcError(b.owner.client.immersio.workshop.update.mutate({ workshopId: id, title: 'Mine now' })),
    ).toMatchObject({ appCode: 'WORKSHOP_NOT_FOUND', httpStatus: 404 });
    const still = await a.owner.client.immersio.workshop.get.query({ workshopId: id });
    expect(still.title).toBe('Business English Workshop');
  });
});

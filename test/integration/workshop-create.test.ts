import { and, asc, eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  eventTypes,
  outbox,
  whitelistEntries,
  workshopSessions,
  workshops,
} from '../../src/db/schema/index.ts';
import { addSignedInMember, createTenant, trpcClient, trpcError, useTestApp } from '../support/app.ts';

const app = useTestApp();

const base = (teacherId: number) => ({
  title: 'Business English Workshop',
  description: 'Advanced business communication skills',
  duration: 60,
  price: 1500,
  currency: 'USD',
  seats: 8,
  locations: [{ type: 'zoom' as const, link: 'https://zoom.us/j/123456' }],
  teacherId,
});

describe('immersio.workshop.create', () => {
  it("the spec's example: a draft without sessions, slug, bookingUrl, WORKSHOP_CREATED in the outbox", async () => {
    const t = await createTenant(app);
    const created = await t.owner.client.immersio.workshop.create.mutate({
      ...base(t.owner.id),
      recurrence: { frequency: 'weekly', count: 8 },
      whitelistEnabled: true,
      whitelistEmails: ['A@Example.test', 'a@example.test ', 'b@example.test'],
      immersioCourseId: 'course_abc123',
      syncStudentsFromImmersio: true,
      workshopType: 'workshop',
    });
    expect(created).toEqual({
      id: expect.any(Number),
      eventTypeId: expect.any(Number),
      slug: 'business-english-workshop',
      bookingUrl: `http://localhost:3000/${t.slug}/owner/business-english-workshop`,
      createdAt: expect.any(Date),
    });
    const db = app.database.db;
    const [w] = await db.select().from(workshops).where(eq(workshops.id, created.id));
    // The spec's example has no start time: booked by slot from the teacher's hours, active at once.
    expect(w).toMatchObject({
      status: 'active',
      bookingMode: 'slots',
      whitelistEnabled: true,
      immersioCourseId: 'course_abc123',
    });
    expect(
      await db.select().from(workshopSessions).where(eq(workshopSessions.workshopId, created.id)),
    ).toHaveLength(0);
    const entries = await db
      .select()
      .from(whitelistEntries)
      .where(eq(whitelistEntries.workshopId, created.id));
    expect(entries.map((e) => e.email).sort()).toEqual(['a@example.test', 'b@example.test']);
    const events = await db
      .select()
      .from(outbox)
      .where(and(eq(outbox.kind, 'webhook'), eq(outbox.tenantId, t.tenantId)));
    expect(events).toHaveLength(1);
    expect(events[0]!.payload).toMatchObject({
      event: 'WORKSHOP_CREATED',
      data: {
        workshop: {
          id: created.id,
          eventTypeId: created.eventTypeId,
          slug: created.slug,
          price: 1500,
          seats: 8,
          teacher: { id: t.owner.id },
        },
        tenant: { id: t.tenantId, slug: t.slug },
      },
    });
  });

  it('with a start time: active, sessions expanded in the teacher zone across DST, slugs -2, -3', async () => {
    const t = await createTenant(app);
    const start = DateTime.fromISO('2027-03-21T18:00', { zone: 'Europe/Berlin' }).toJSDate();
    const input = {
      ...base(t.owner.id),
      startTime: start,
      timeZone: 'Europe/Berlin',
      recurrence: { frequency: 'weekly' as const, count: 3 },
    };
    const first = await t.owner.client.immersio.workshop.create.mutate(input);
    const second = await t.owner.client.immersio.workshop.create.mutate(input);
    const third = await t.owner.client.immersio.workshop.create.mutate(input);
    expect([first.slug, second.slug, third.slug]).toEqual([
      'business-english-workshop',
      'business-english-workshop-2',
      'business-english-workshop-3',
    ]);
    const db = app.database.db;
    const [w] = await db.select().from(workshops).where(eq(workshops.id, first.id));
    expect(w!.status).toBe('active');
    const sessions = await db
      .select()
      .from(workshopSessions)
      .where(eq(workshopSessions.workshopId, first.id))
      .orderBy(asc(workshopSessions.startTime));
    expect(
      sessions.map((s) =>
        DateTime.fromJSDate(s.startTime, { zone: 'Europe/Berlin' }).toFormat('yyyy-MM-dd HH:mm'),
      ),
    ).toEqual(['2027-03-21 18:00', '2027-03-28 18:00', '2027-04-04 18:00']);
    expect(
      sessions.every((s) => s.endTime.getTime() - s.startTime.getTime() === 3_600_000 && s.seats === 8),
    ).toBe(true);
    expect(sessions[0]!.timeZone).toBe('Europe/Berlin');
  });

  it('validation: limits, locations need a link or an address, currency, teacher of this tenant', async () => {
    const a = await createTenant(app);
    const b = await createTenant(app);
    const error = await trpcError(
      a.owner.client.immersio.workshop.create.mutate({
        ...base(a.owner.id),
        title: 'ab',
        duration: 10,
        seats: 101,
        currency: 'XYZ',
        locations: [{ type: 'in_person' }, { type: 'zoom', link: 'javascript:alert(1)' }],
      }),
    );
    expect(error).toMatchObject({ appCode: 'VALIDATION_ERROR', httpStatus: 400 });
    for (const field of [
      'title',
      'duration',
      'seats',
      'currency',
      'locations.0.address',
      'locations.1.link',
    ]) {
      expect(error.message).toContain(field);
    }
    expect(await trpcError(a.owner.client.immersio.workshop.create.mutate(base(b.owner.id)))).toMatchObject({
      appCode: 'VALIDATION_ERROR',
      message: expect.stringMatching(/teacherId/),
    });
    expect(
      await trpcError(
        a.owner.client.immersio.workshop.create.mutate({
          ...base(a.owner.id),
          startTime: new Date('2027-01-01T10:00:00Z'),
          recurrence: { frequency: 'weekly', endDate: new Date('2026-12-01T00:00:00Z') },
        }),
      ),
    ).toMatchObject({ appCode: 'VALIDATION_ERROR', message: expect.stringMatching(/endDate/) });
    expect(
      await trpcError(
        a.owner.client.immersio.workshop.create.mutate({
          ...base(a.owner.id),
          startTime: new Date('2020-01-01'),
        }),
      ),
    ).toMatchObject({ appCode: 'VALIDATION_ERROR', message: expect.stringMatching(/startTime/) });
  });

  it('plan limits: maxEventTypes and the whitelist feature', async () => {
    const t = await createTenant(app, { plan: 'lite' });
    for (let i = 0; i < 3; i++) await t.owner.client.immersio.workshop.create.mutate(base(t.owner.id));
    const limit = await trpcError(t.owner.client.immersio.workshop.create.mutate(base(t.owner.id)));
    expect(limit).toMatchObject({ appCode: 'FORBIDDEN', httpStatus: 403 });
    expect(limit.message).toMatch(/lite plan allows 3 event types \(maxEventTypes\)/);
    const other = await createTenant(app, { plan: 'lite' });
    expect(
      await trpcError(
        other.owner.client.immersio.workshop.create.mutate({
          ...base(other.owner.id),
          whitelistEnabled: true,
        }),
      ),
    ).toMatchObject({ appCode: 'FORBIDDEN', message: expect.stringMatching(/whitelist/) });
    const [count] = await app.database.db
      .select()
      .from(eventTypes)
      .where(eq(eventTypes.tenantId, other.tenantId));
    expect(count).toBeUndefined();
  });

  it('MEMBER gets 403; no session 401', async () => {
    const t = await createTenant(app);
    const member = await addSignedInMember(app, t.tenantId);
    expect(await trpcError(member.client.immersio.workshop.create.mutate(base(member.id)))).toMatchObject({
      appCode: 'FORBIDDEN',
    });
    expect(await trpcError(trpcClient(app.baseUrl).immersio.workshop.create.mutate(base(1)))).toMatchObject({
      appCode: 'UNAUTHORIZED',
    });
  });
  it('HTML and script in every text field are stored and returned as the same plain data', async () => {
    const t = await createTenant(app);
    const payload = '<script>alert("x")</script><img src=x onerror=alert(1)>';
    const created = await t.owner.client.immersio.workshop.create.mutate({
      ...base(t.owner.id),
      title: `${payload} class`,
      description: payload,
      topicCategory: payload.slice(0, 100),
      immersioCourseId: payload,
      locations: [{ type: 'in_person', address: payload }],
    });
    expect(created.slug).toMatch(/^[a-z0-9-]+$/);
    const workshop = await t.owner.client.immersio.workshop.get.query({ workshopId: created.id });
    expect(workshop).toMatchObject({
      title: `${payload} class`,
      description: payload,
      topicCategory: payload.slice(0, 100),
      immersioCourseId: payload,
      locations: [{ type: 'in_person', address: payload }],
    });
  });
});

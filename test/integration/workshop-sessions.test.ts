import { eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { bookings, workshopSessions } from '../../src/db/schema/index.ts';
import { addSignedInMember, createTenant, trpcError, useTestApp } from '../support/app.ts';

const app = useTestApp();
const DAY = 86_400_000;

const base = (teacherId: number) => ({
  title: 'Evening Spanish',
  duration: 45,
  price: 0,
  seats: 6,
  locations: [{ type: 'link' as const, link: 'https://example.com/room' }],
  teacherId,
});

describe('immersio.workshop.addSessions', () => {
  it('adds one session or a series in the given zone, skipping times already scheduled', async () => {
    const t = await createTenant(app);
    const { id } = await t.owner.client.immersio.workshop.create.mutate(base(t.owner.id));
    const first = DateTime.now()
      .setZone('Europe/Berlin')
      .plus({ days: 3 })
      .set({ hour: 18, minute: 0, second: 0, millisecond: 0 });
    const one = await t.owner.client.immersio.workshop.addSessions.mutate({
      workshopId: id,
      startTime: first.toJSDate(),
      timeZone: 'Europe/Berlin',
    });
    expect(one).toMatchObject({ success: true, added: 1, duplicatesSkipped: 0 });
    expect(one.sessions[0]!.endTime.getTime() - one.sessions[0]!.startTime.getTime()).toBe(45 * 60_000);

    const series = await t.owner.client.immersio.workshop.addSessions.mutate({
      workshopId: id,
      startTime: first.toJSDate(),
      timeZone: 'Europe/Berlin',
      recurrence: { frequency: 'weekly', count: 20 },
    });
    expect(series).toMatchObject({ added: 19, duplicatesSkipped: 1 });
    for (const s of series.sessions) {
      const local = DateTime.fromJSDate(s.startTime, { zone: 'Europe/Berlin' });
      expect([local.hour, local.minute]).toEqual([18, 0]);
      expect(s.timeZone).toBe('Europe/Berlin');
    }
    const workshop = await t.owner.client.immersio.workshop.get.query({ workshopId: id });
    expect(workshop.sessions).toHaveLength(20);
    // Created without a start time it was booked by slot (and active); planned sessions make it fixed.
    expect(workshop).toMatchObject({ status: 'active', bookingMode: 'fixed' });
  });

  it('defaults to the teacher’s zone; refuses past times, archived workshops, and over-long series', async () => {
    const t = await createTenant(app);
    const { id } = await t.owner.client.immersio.workshop.create.mutate(base(t.owner.id));
    const added = await t.owner.client.immersio.workshop.addSessions.mutate({
      workshopId: id,
      startTime: new Date(Date.now() + DAY),
    });
    const me = await t.owner.client.viewer.me.query();
    expect(added.sessions[0]!.timeZone).toBe(me.timeZone);

    for (const input of [
      { startTime: new Date(Date.now() - 60_000) },
      { startTime: new Date(Date.now() + DAY), recurrence: { frequency: 'weekly' as const, count: 105 } },
      { startTime: new Date(Date.now() + DAY), timeZone: 'Mars/Olympus_Mons' },
      {
        startTime: new Date(Date.now() + DAY),
        recurrence: { frequency: 'weekly' as const, endDate: new Date(Date.now() - DAY) },
      },
    ]) {
      expect(
        await trpcError(t.owner.client.immersio.workshop.addSessions.mutate({ workshopId: id, ...input })),
      ).toMatchObject({ appCode: 'VALIDATION_ERROR', httpStatus: 400 });
    }

    await t.owner.client.immersio.workshop.update.mutate({ workshopId: id, status: 'archived' });
    expect(
      await trpcError(
        t.owner.client.immersio.workshop.addSessions.mutate({
          workshopId: id,
          startTime: new Date(Date.now() + DAY),
        }),
      ),
    ).toMatchObject({ appCode: 'VALIDATION_ERROR', httpStatus: 400 });
  });

  it("is admin only; another tenant's workshop is 404", async () => {
    const a = await createTenant(app);
    const b = await createTenant(app);
    const { id } = await a.owner.client.immersio.workshop.create.mutate(base(a.owner.id));
    const member = await addSignedInMember(app, a.tenantId);
    const input = { workshopId: id, startTime: new Date(Date.now() + DAY) };
    expect(await trpcError(member.client.immersio.workshop.addSessions.mutate(input))).toMatchObject({
      appCode: 'FORBIDDEN',
    });
    expect(await trpcError(b.owner.client.immersio.workshop.addSessions.mutate(input))).toMatchObject({
      appCode: 'WORKSHOP_NOT_FOUND',
      httpStatus: 404,
    });
    expect((await a.owner.client.immersio.workshop.get.query({ workshopId: id })).sessions).toHaveLength(0);
  });
});

describe('immersio.workshop.removeSession', () => {
  it('removes a session without bookings; a booked or held one is CONFLICT', async () => {
    const t = await createTenant(app);
    const { id } = await t.owner.client.immersio.workshop.create.mutate({
      ...base(t.owner.id),
      startTime: new Date(Date.now() + DAY),
      recurrence: { frequency: 'weekly', count: 3 },
    });
    const [s1, s2, s3] = (await t.owner.client.immersio.workshop.get.query({ workshopId: id })).sessions;
    expect(
      await t.owner.client.immersio.workshop.removeSession.mutate({ workshopId: id, sessionId: s1!.id }),
    ).toEqual({ success: true });

    await app.database.db
      .update(workshopSessions)
      .set({ bookedSeats: 1 })
      .where(eq(workshopSessions.id, s2!.id));
    expect(
      await trpcError(
        t.owner.client.immersio.workshop.removeSession.mutate({ workshopId: id, sessionId: s2!.id }),
      ),
    ).toMatchObject({ appCode: 'CONFLICT', httpStatus: 409 });

    // A pending booking (a seat held during checkout) also keeps the session.
    await app.database.db.insert(bookings).values({
      uid: `hold-${s3!.id}`,
      tenantId: t.tenantId,
      workshopId: id,
      title: 'Evening Spanish',
      startTime: s3!.startTime,
      endTime: s3!.endTime,
      status: 'pending',
      attendeeEmail: 'student@example.test',
      attendeeName: 'Student',
    });
    expect(
      await trpcError(
        t.owner.client.immersio.workshop.removeSession.mutate({ workshopId: id, sessionId: s3!.id }),
      ),
    ).toMatchObject({ appCode: 'CONFLICT' });
    const left = (await t.owner.client.immersio.workshop.get.query({ workshopId: id })).sessions.map(
      (s) => s.id,
    );
    expect(left).toEqual([s2!.id, s3!.id]);
  });

  it("unknown session is 404 NOT_FOUND; another tenant's is 404 and stays; members are refused", async () => {
    const a = await createTenant(app);
    const b = await createTenant(app);
    const { id } = await a.owner.client.immersio.workshop.create.mutate({
      ...base(a.owner.id),
      startTime: new Date(Date.now() + DAY),
    });
    const other = await a.owner.client.immersio.workshop.create.mutate({
      ...base(a.owner.id),
      startTime: new Date(Date.now() + DAY),
    });
    const [session] = (await a.owner.client.immersio.workshop.get.query({ workshopId: id })).sessions;
    expect(
      await trpcError(
        a.owner.client.immersio.workshop.removeSession.mutate({ workshopId: id, sessionId: 999_999 }),
      ),
    ).toMatchObject({ appCode: 'NOT_FOUND', httpStatus: 404 });
    // The session id belongs to another workshop of the same tenant: not found under this one.
    expect(
      await trpcError(
        a.owner.client.immersio.workshop.removeSession.mutate({
          workshopId: other.id,
          sessionId: session!.id,
        }),
      ),
    ).toMatchObject({ appCode: 'NOT_FOUND' });
    expect(
      await trpcError(
        b.owner.client.immersio.workshop.removeSession.mutate({ workshopId: id, sessionId: session!.id }),
      ),
    ).toMatchObject({ appCode: 'WORKSHOP_NOT_FOUND', httpStatus: 404 });
    const member = await addSignedInMember(app, a.tenantId);
    expect(
      await trpcError(
        member.client.immersio.workshop.removeSession.mutate({ workshopId: id, sessionId: session!.id }),
      ),
    ).toMatchObject({ appCode: 'FORBIDDEN' });
    expect((await a.owner.client.immersio.workshop.get.query({ workshopId: id })).sessions).toHaveLength(1);
  });
});

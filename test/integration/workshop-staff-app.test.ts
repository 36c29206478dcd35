import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { users } from '../../src/db/schema/index.ts';
import { addSignedInMember, createTenant, trpcClient, trpcError, useTestApp } from '../support/app.ts';

// The procedures the staff app added to immersio.workshop: list's title search, previewSchedule
// and getWhitelist.

const app = useTestApp();

const workshop = (teacherId: number, title: string, extra: Record<string, unknown> = {}) => ({
  title,
  duration: 60,
  price: 0,
  seats: 6,
  locations: [{ type: 'link' as const, link: 'https://meet.example.com/x' }],
  teacherId,
  ...extra,
});

describe('immersio.workshop.list with search', () => {
  it('matches titles without regard to case, within the tenant, combined with the other filters', async () => {
    const a = await createTenant(app);
    const b = await createTenant(app);
    const teacher = await addSignedInMember(app, a.tenantId);
    const create = a.owner.client.immersio.workshop.create.mutate;
    const soon = new Date(Date.now() + 86_400_000);
    const active = await create(workshop(teacher.id, 'Spanish A1', { startTime: soon }));
    // Without a start time a workshop is booked by slot and active at once: made a draft here.
    const drafted = await create(workshop(a.owner.id, 'Conversational SPANISH'));
    await a.owner.client.immersio.workshop.update.mutate({ workshopId: drafted.id, status: 'draft' });
    await create(workshop(a.owner.id, 'French 100%_off'));
    await create(workshop(a.owner.id, 'French 1000 off'));
    await b.owner.client.immersio.workshop.create.mutate(workshop(b.owner.id, 'Spanish in B'));

    const titles = async (input: Parameters<typeof a.owner.client.immersio.workshop.list.query>[0]) =>
      (await a.owner.client.immersio.workshop.list.query(input)).workshops.map((w) => w.title).sort();

    expect(await titles({ search: 'spanish' })).toEqual(['Conversational SPANISH', 'Spanish A1']);
    expect(await titles({ search: 'spanish', status: 'active' })).toEqual(['Spanish A1']);
    expect(await titles({ search: 'spanish', teacherId: a.owner.id })).toEqual(['Conversational SPANISH']);
    // LIKE wildcards typed in the box are literal characters.
    expect(await titles({ search: '%_' })).toEqual(['French 100%_off']);
    // Blank (after trimming) is no filter.
    expect((await a.owner.client.immersio.workshop.list.query({ search: '   ' })).totalCount).toBe(4);
    const paged = await a.owner.client.immersio.workshop.list.query({ search: 'N', limit: 1, page: 2 });
    expect(paged).toMatchObject({ totalCount: 4, page: 2, totalPages: 4 });
    // A MEMBER may search too (listing is open to every member).
    expect(
      (await teacher.client.immersio.workshop.list.query({ search: 'SPANISH A' })).workshops.map((w) => w.id),
    ).toEqual([active.id]);
    expect((await b.owner.client.immersio.workshop.list.query({ search: 'spanish' })).totalCount).toBe(1);
  });

  it('refuses a search longer than 100 characters and an anonymous caller', async () => {
    const a = await createTenant(app);
    expect(
      await trpcError(a.owner.client.immersio.workshop.list.query({ search: 'x'.repeat(101) })),
    ).toMatchObject({
      appCode: 'VALIDATION_ERROR',
      httpStatus: 400,
      message: expect.stringMatching(/search/),
    });
    expect(
      await trpcError(trpcClient(app.baseUrl).immersio.workshop.list.query({ search: 'x' })),
    ).toMatchObject({ appCode: 'UNAUTHORIZED' });
  });
});

describe('immersio.workshop.previewSchedule', () => {
  it('lists a weekly series across the spring DST change in America/New_York, keeping 18:00 local', async () => {
    const t = await createTenant(app);
    const teacher = await addSignedInMember(app, t.tenantId);
    await app.database.db.update(users).set({ timeZone: 'America/New_York' }).where(eq(users.id, teacher.id));
    app.clock.freeze(new Date('2030-02-20T12:00:00Z'));
    try {
      // 2030-03-01 18:00 EST; the clocks go forward on Sunday 2030-03-10.
      const preview = await t.owner.client.immersio.workshop.previewSchedule.query({
        startTime: new Date('2030-03-01T23:00:00Z'),
        teacherId: teacher.id,
        duration: 90,
        recurrence: { frequency: 'weekly', count: 4 },
      });
      expect(preview.timeZone).toBe('America/New_York');
      expect(preview.sessions).toEqual([
        session('2030-03-01T23:00:00Z', '2030-03-01', '-05:00'),
        session('2030-03-08T23:00:00Z', '2030-03-08', '-05:00'),
        session('2030-03-15T22:00:00Z', '2030-03-15', '-04:00'),
        session('2030-03-22T22:00:00Z', '2030-03-22', '-04:00'),
      ]);
      // An explicit zone wins over the teacher's; an end date ends the series.
      const inUtc = await t.owner.client.immersio.workshop.previewSchedule.query({
        startTime: new Date('2030-03-01T23:00:00Z'),
        timeZone: 'UTC',
        teacherId: teacher.id,
        duration: 60,
        recurrence: { frequency: 'biweekly', endDate: new Date('2030-03-20T00:00:00Z') },
      });
      expect(inUtc.sessions.map((s) => [s.localDate, s.localTime, s.utcOffset])).toEqual([
        ['2030-03-01', '23:00', '+00:00'],
        ['2030-03-15', '23:00', '+00:00'],
      ]);
      // Nothing was saved.
      expect((await t.owner.client.immersio.workshop.list.query({})).totalCount).toBe(0);
    } finally {
      app.clock.resume();
    }
  });

  it('refuses what create would refuse, another tenant’s teacher, a MEMBER and an anonymous caller', async () => {
    const t = await createTenant(app);
    const other = await createTenant(app);
    const member = await addSignedInMember(app, t.tenantId);
    const base = {
      startTime: new Date(Date.now() + 86_400_000),
      teacherId: t.owner.id,
      duration: 60,
    };
    const preview = t.owner.client.immersio.workshop.previewSchedule.query;
    expect(await trpcError(preview({ ...base, startTime: new Date(Date.now() - 60_000) }))).toMatchObject({
      appCode: 'VALIDATION_ERROR',
      message: expect.stringMatching(/^startTime: must be in the future/),
    });
    expect(await trpcError(preview({ ...base, recurrence: { frequency: 'weekly' } }))).toMatchObject({
      appCode: 'VALIDATION_ERROR',
      message: expect.stringMatching(/give count or endDate/),
    });
    expect(
      await trpcError(preview({ ...base, recurrence: { frequency: 'weekly', count: 105 } })),
    ).toMatchObject({ appCode: 'VALIDATION_ERROR', httpStatus: 400 });
    expect(await trpcError(preview({ ...base, timeZone: 'Mars/Olympus_Mons' }))).toMatchObject({
      appCode: 'VALIDATION_ERROR',
      message: expect.stringMatching(/timeZone/),
    });
    expect(await trpcError(preview({ ...base, teacherId: other.owner.id }))).toMatchObject({
      appCode: 'VALIDATION_ERROR',
      message: expect.stringMatching(/^teacherId/),
    });
    expect(await trpcError(member.client.immersio.workshop.previewSchedule.query(base))).toMatchObject({
      appCode: 'FORBIDDEN',
      httpStatus: 403,
    });
    expect(
      await trpcError(trpcClient(app.baseUrl).immersio.workshop.previewSchedule.query(base)),
    ).toMatchObject({ appCode: 'UNAUTHORIZED' });
  });
});

function session(start: string, localDate: string, utcOffset: string) {
  const startTime = new Date(start);
  return {
    startTime,
    endTime: new Date(startTime.getTime() + 90 * 60_000),
    localDate,
    localTime: '18:00',
    utcOffset,
  };
}

describe('immersio.workshop.getWhitelist', () => {
  it('pages and searches the entries; the teacher may read, another MEMBER or tenant may not', async () => {
    const t = await createTenant(app);
    const other = await createTenant(app);
    const teacher = await addSignedInMember(app, t.tenantId);
    const stranger = await addSignedInMember(app, t.tenantId);
    const { id: workshopId } = await t.owner.client.immersio.workshop.create.mutate(
      workshop(teacher.id, 'Closed class', { whitelistEnabled: true }),
    );
    await t.owner.client.immersio.workshop.updateWhitelist.mutate({
      workshopId,
      mode: 'add',
      emails: [
        { email: 'Cai@example.test' },
        { email: 'ana@example.test', name: 'Ana Lima', immersioStudentId: 'st_1' },
        { email: 'ben@example.test', name: 'Ben' },
      ],
    });

    const first = await t.owner.client.immersio.workshop.getWhitelist.query({ workshopId, limit: 2 });
    expect(first).toMatchObject({ totalCount: 3, page: 1, totalPages: 2 });
    expect(first.entries).toEqual([
      { email: 'ana@example.test', name: 'Ana Lima', immersioStudentId: 'st_1', createdAt: expect.any(Date) },
      { email: 'ben@example.test', name: 'Ben', immersioStudentId: null, createdAt: expect.any(Date) },
    ]);
    const second = await t.owner.client.immersio.workshop.getWhitelist.query({
      workshopId,
      limit: 2,
      page: 2,
    });
    expect(second.entries.map((e) => e.email)).toEqual(['cai@example.test']);
    const byName = await teacher.client.immersio.workshop.getWhitelist.query({ workshopId, search: 'LIMA' });
    expect(byName).toMatchObject({ totalCount: 1, entries: [{ email: 'ana@example.test' }] });
    expect(
      (await t.owner.client.immersio.workshop.getWhitelist.query({ workshopId, search: 'nobody' })).entries,
    ).toEqual([]);

    expect(
      await trpcError(stranger.client.immersio.workshop.getWhitelist.query({ workshopId })),
    ).toMatchObject({
      appCode: 'FORBIDDEN',
    });
    expect(
      await trpcError(other.owner.client.immersio.workshop.getWhitelist.query({ workshopId })),
    ).toMatchObject({ appCode: 'WORKSHOP_NOT_FOUND', httpStatus: 404 });
    expect(
      await trpcError(t.owner.client.immersio.workshop.getWhitelist.query({ workshopId, limit: 201 })),
    ).toMatchObject({ appCode: 'VALIDATION_ERROR', httpStatus: 400 });
    expect(
      await trpcError(trpcClient(app.baseUrl).immersio.workshop.getWhitelist.query({ workshopId })),
    ).toMatchObject({ appCode: 'UNAUTHORIZED' });
  });
});

import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/client.ts';
import { defaultWeeklyHours } from '../../src/modules/availability/schedule-shape.schema.ts';
import { addSignedInMember, createTenant, trpcClient, trpcError, useTestApp } from '../support/app.ts';

const app = useTestApp();

async function defaultsOf(tenantId: number, teacherId: number) {
  return queryRows<{ id: number }>(
    app.database.db,
    sql`select id from availability_schedules where tenant_id = ${tenantId} and teacher_id = ${teacherId} and is_default`,
  );
}

describe('immersio.availability: the procedures', () => {
  it('every member starts with a default; create, get, list, update, setDefault and delete', async () => {
    const t = await createTenant(app);
    const client = t.owner.client.immersio.availability;

    const initial = await client.list.query({});
    expect(initial.schedules).toHaveLength(1);
    const first = initial.schedules[0]!;
    expect(first).toMatchObject({
      teacher: { id: t.owner.id, name: 'Owner' },
      name: 'Working hours',
      timeZone: 'UTC',
      weeklyHours: defaultWeeklyHours(),
      overrides: [],
      isDefault: true,
    });

    const created = await client.create.mutate({
      name: 'Evenings',
      timeZone: 'Europe/Berlin',
      weeklyHours: {
        // Given out of order: stored sorted.
        monday: [
          { start: '18:00', end: '21:00' },
          { start: '07:00', end: '08:30' },
        ],
        saturday: [{ start: '10:00', end: '24:00' }],
      },
      overrides: [
        { date: '2031-12-31', ranges: [] },
        { date: '2031-12-24', ranges: [{ start: '09:00', end: '12:00' }] },
      ],
    });
    expect(created).toMatchObject({
      teacher: { id: t.owner.id },
      name: 'Evenings',
      timeZone: 'Europe/Berlin',
      isDefault: false,
      weeklyHours: {
        monday: [
          { start: '07:00', end: '08:30' },
          { start: '18:00', end: '21:00' },
        ],
        tuesday: [],
        saturday: [{ start: '10:00', end: '24:00' }],
        sunday: [],
      },
      overrides: [
        { date: '2031-12-24', ranges: [{ start: '09:00', end: '12:00' }] },
        { date: '2031-12-31', ranges: [] },
      ],
    });
    expect(await client.get.query({ scheduleId: created.id })).toEqual(created);

    // Omitted week and overrides: the usual working week.
    const plain = await client.create.mutate({ name: '  Plain  ', timeZone: 'Asia/Tokyo' });
    expect(plain).toMatchObject({ name: 'Plain', weeklyHours: defaultWeeklyHours(), overrides: [] });

    const renamed = await client.update.mutate({ scheduleId: created.id, name: 'Late evenings' });
    expect(renamed).toMatchObject({
      name: 'Late evenings',
      timeZone: 'Europe/Berlin',
      overrides: created.overrides,
    });
    expect(renamed.weeklyHours).toEqual(created.weeklyHours);
    const rewritten = await client.update.mutate({
      scheduleId: created.id,
      timeZone: 'America/New_York',
      weeklyHours: { sunday: [{ start: '12:00', end: '13:00' }] },
      overrides: [],
    });
    expect(rewritten).toMatchObject({
      name: 'Late evenings',
      timeZone: 'America/New_York',
      weeklyHours: { monday: [], saturday: [], sunday: [{ start: '12:00', end: '13:00' }] },
      overrides: [],
    });
    expect(await client.update.mutate({ scheduleId: created.id })).toEqual(rewritten);

    const promoted = await client.setDefault.mutate({ scheduleId: created.id });
    expect(promoted.isDefault).toBe(true);
    expect(await client.setDefault.mutate({ scheduleId: created.id })).toMatchObject({ isDefault: true });
    const listed = await client.list.query({ teacherId: t.owner.id });
    expect(listed.schedules.map((s) => [s.name, s.isDefault])).toEqual([
      ['Late evenings', true],
      ['Plain', false],
      ['Working hours', false],
    ]);

    expect(await client.delete.mutate({ scheduleId: first.id })).toEqual({ success: true });
    expect(await trpcError(client.get.query({ scheduleId: first.id }))).toMatchObject({
      appCode: 'NOT_FOUND',
      httpStatus: 404,
    });
    expect((await client.list.query()).schedules.map((s) => s.id)).toEqual([created.id, plain.id]);
  });

  it('the default cannot be deleted: 409 CONFLICT, and it stays', async () => {
    const t = await createTenant(app);
    const [only] = (await t.owner.client.immersio.availability.list.query({})).schedules;
    const error = await trpcError(
      t.owner.client.immersio.availability.delete.mutate({ scheduleId: only!.id }),
    );
    expect(error).toMatchObject({ appCode: 'CONFLICT', httpStatus: 409 });
    expect(error.message).toMatch(/default availability schedule cannot be deleted/);
    expect(await defaultsOf(t.tenantId, t.owner.id)).toEqual([{ id: only!.id }]);
  });

  it('refuses bad hours, zones, names and overrides with 400 VALIDATION_ERROR', async () => {
    const t = await createTenant(app);
    const create = (input: Record<string, unknown>) =>
      trpcError(
        t.owner.client.immersio.availability.create.mutate({
          name: 'Bad',
          timeZone: 'Europe/Paris',
          ...input,
        } as never),
      );
    const cases: Array<[string, Record<string, unknown>, RegExp]> = [
      [
        'overlapping ranges',
        {
          weeklyHours: {
            monday: [
              { start: '09:00', end: '12:00' },
              { start: '11:30', end: '14:00' },
            ],
          },
        },
        /must not overlap/,
      ],
      ['an unknown zone', { timeZone: 'Mars/Olympus_Mons' }, /timeZone/],
      ['25:00', { weeklyHours: { friday: [{ start: '09:00', end: '25:00' }] } }, /HH:MM/],
      [
        'an end before the start',
        { weeklyHours: { friday: [{ start: '17:00', end: '09:00' }] } },
        /ends after/,
      ],
      ['an empty range', { weeklyHours: { friday: [{ start: '09:00', end: '09:00' }] } }, /ends after/],
      ['a start at 24:00', { weeklyHours: { friday: [{ start: '24:00', end: '24:00' }] } }, /24:00/],
      [
        'duplicate override dates',
        {
          overrides: [
            { date: '2031-05-01', ranges: [] },
            { date: '2031-05-01', ranges: [{ start: '09:00', end: '10:00' }] },
          ],
        },
        /one override per date/,
      ],
      ['a date that does not exist', { overrides: [{ date: '2031-02-30', ranges: [] }] }, /calendar date/],
      ['an unknown weekday', { weeklyHours: { Monday: [{ start: '09:00', end: '10:00' }] } }, /Monday/],
      ['an empty name', { name: '   ' }, /name/],
      ['a 101-character name', { name: 'x'.repeat(101) }, /name/],
    ];
    for (const [label, input, message] of cases) {
      const error = await create(input);
      expect({ label, appCode: error.appCode, httpStatus: error.httpStatus }).toEqual({
        label,
        appCode: 'VALIDATION_ERROR',
        httpStatus: 400,
      });
      expect(error.message, label).toMatch(message);
    }
    const [schedule] = (await t.owner.client.immersio.availability.list.query({})).schedules;
    expect(
      await trpcError(
        t.owner.client.immersio.availability.update.mutate({
          scheduleId: schedule!.id,
          weeklyHours: { monday: [{ start: '9:00', end: '10:00' }] },
        }),
      ),
    ).toMatchObject({ appCode: 'VALIDATION_ERROR' });
    expect((await t.owner.client.immersio.availability.list.query({})).schedules).toHaveLength(1);
  });

  it("another school's schedules and teachers are 404 NOT_FOUND; no session is 401", async () => {
    const a = await createTenant(app);
    const b = await createTenant(app);
    const [schedule] = (await a.owner.client.immersio.availability.list.query({})).schedules;
    const id = schedule!.id;
    const other = b.owner.client.immersio.availability;
    for (const call of [
      () => other.get.query({ scheduleId: id }),
      () => other.update.mutate({ scheduleId: id, name: 'Taken over' }),
      () => other.delete.mutate({ scheduleId: id }),
      () => other.setDefault.mutate({ scheduleId: id }),
      () => other.list.query({ teacherId: a.owner.id }),
      () => other.create.mutate({ teacherId: a.owner.id, name: 'Sneaky', timeZone: 'UTC' }),
    ]) {
      expect(await trpcError(call())).toMatchObject({ appCode: 'NOT_FOUND', httpStatus: 404 });
    }
    expect((await other.list.query({})).schedules.every((s) => s.teacher.id === b.owner.id)).toBe(true);
    expect(await a.owner.client.immersio.availability.get.query({ scheduleId: id })).toMatchObject({
      name: 'Working hours',
    });
    expect(await trpcError(trpcClient(app.baseUrl).immersio.availability.list.query({}))).toMatchObject({
      appCode: 'UNAUTHORIZED',
      httpStatus: 401,
    });
  });

  it('a MEMBER manages their own schedules only; an ADMIN manages anyone’s', async () => {
    const t = await createTenant(app);
    const member = await addSignedInMember(app, t.tenantId, 'MEMBER');
    const admin = await addSignedInMember(app, t.tenantId, 'ADMIN');
    const mine = member.client.immersio.availability;

    const own = (await mine.list.query({})).schedules;
    expect(own.map((s) => [s.teacher.id, s.isDefault])).toEqual([[member.id, true]]);
    expect((await mine.list.query({ teacherId: member.id })).schedules).toEqual(own);
    const extra = await mine.create.mutate({ name: 'Mornings', timeZone: 'Europe/Lisbon', isDefault: true });
    expect(extra).toMatchObject({ teacher: { id: member.id }, isDefault: true });
    expect(await mine.update.mutate({ scheduleId: extra.id, name: 'Early mornings' })).toMatchObject({
      name: 'Early mornings',
    });
    await mine.setDefault.mutate({ scheduleId: own[0]!.id });
    expect(await mine.delete.mutate({ scheduleId: extra.id })).toEqual({ success: true });

    const [ownerDefault] = (await t.owner.client.immersio.availability.list.query({ teacherId: t.owner.id }))
      .schedules;
    for (const call of [
      () => mine.list.query({ teacherId: t.owner.id }),
      () => mine.get.query({ scheduleId: ownerDefault!.id }),
      () => mine.update.mutate({ scheduleId: ownerDefault!.id, name: 'Mine now' }),
      () => mine.delete.mutate({ scheduleId: ownerDefault!.id }),
      () => mine.setDefault.mutate({ scheduleId: ownerDefault!.id }),
      () => mine.create.mutate({ teacherId: t.owner.id, name: 'For the owner', timeZone: 'UTC' }),
    ]) {
      expect(await trpcError(call())).toMatchObject({ appCode: 'FORBIDDEN', httpStatus: 403 });
    }

    const theirs = admin.client.immersio.availability;
    const forMember = await theirs.create.mutate({
      teacherId: member.id,
      name: 'Set by admin',
      timeZone: 'UTC',
    });
    expect(forMember.teacher.id).toBe(member.id);
    await theirs.setDefault.mutate({ scheduleId: forMember.id });
    expect((await mine.get.query({ scheduleId: forMember.id })).isDefault).toBe(true);
    expect(await theirs.update.mutate({ scheduleId: ownerDefault!.id, name: 'Owner hours' })).toMatchObject({
      name: 'Owner hours',
    });
    const everyone = (await theirs.list.query({})).schedules;
    expect(new Set(everyone.map((s) => s.teacher.id))).toEqual(new Set([t.owner.id, member.id, admin.id]));
    expect(everyone.filter((s) => s.isDefault)).toHaveLength(3);
    expect(await trpcError(theirs.list.query({ teacherId: 2_000_000_000 }))).toMatchObject({
      appCode: 'NOT_FOUND',
    });
  });

  it('concurrent setDefault calls for one teacher leave exactly one default', async () => {
    const t = await createTenant(app);
    const client = t.owner.client.immersio.availability;
    const ids = [(await client.list.query({})).schedules[0]!.id];
    for (let i = 0; i < 5; i++) {
      ids.push((await client.create.mutate({ name: `Option ${i}`, timeZone: 'UTC' })).id);
    }
    const results = await Promise.allSettled(
      Array.from({ length: 30 }, (_, i) => client.setDefault.mutate({ scheduleId: ids[i % ids.length]! })),
    );
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    const defaults = await defaultsOf(t.tenantId, t.owner.id);
    expect(defaults).toHaveLength(1);
    expect(ids).toContain(defaults[0]!.id);
    // A delete racing the moves never takes the default away.
    const racing = await Promise.allSettled([
      ...ids.map((scheduleId) => client.delete.mutate({ scheduleId })),
      ...ids.map((scheduleId) => client.setDefault.mutate({ scheduleId })),
    ]);
    expect(racing.some((r) => r.status === 'fulfilled')).toBe(true);
    expect(await defaultsOf(t.tenantId, t.owner.id)).toHaveLength(1);
  });

  it('at most 20 schedules per teacher, also when 25 creates race', async () => {
    const t = await createTenant(app);
    const member = await addSignedInMember(app, t.tenantId);
    const results = await Promise.allSettled(
      Array.from({ length: 25 }, (_, i) =>
        t.owner.client.immersio.availability.create.mutate({
          teacherId: member.id,
          name: `Schedule ${i}`,
          timeZone: 'UTC',
          isDefault: i % 5 === 0,
        }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(19);
    const refusals = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
    expect(refusals.map((e) => [e.data?.appCode, e.data?.httpStatus])).toEqual(
      Array.from({ length: 6 }, () => ['CONFLICT', 409]),
    );
    const [row] = await queryRows<{ n: number; defaults: number }>(
      app.database.db,
      sql`select count(*)::int as n, count(*) filter (where is_default)::int as defaults
          from availability_schedules where tenant_id = ${t.tenantId} and teacher_id = ${member.id}`,
    );
    expect(row).toEqual({ n: 20, defaults: 1 });
    const refused = await trpcError(
      member.client.immersio.availability.create.mutate({ name: 'One more', timeZone: 'UTC' }),
    );
    expect(refused.message).toMatch(/at most 20 availability schedules/);
    // Deleting one makes room again.
    const spare = (await member.client.immersio.availability.list.query({})).schedules.find(
      (s) => !s.isDefault,
    )!;
    await member.client.immersio.availability.delete.mutate({ scheduleId: spare.id });
    await member.client.immersio.availability.create.mutate({ name: 'One more', timeZone: 'UTC' });
  });
});

import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { workshopSessions } from '../../src/db/schema/index.ts';
import { addSignedInMember, createTenant, trpcClient, trpcError, useTestApp } from '../support/app.ts';

const app = useTestApp();

const input = (teacherId: number, title: string, extra: Record<string, unknown> = {}) => ({
  title,
  duration: 45,
  price: 0,
  seats: 6,
  locations: [{ type: 'link' as const, link: 'https://meet.example.com/x' }],
  teacherId,
  ...extra,
});

describe('immersio.workshop.list', () => {
  it('lists with teacher, next occurrence and its booked seats, filters and pages; members may read', async () => {
    const t = await createTenant(app);
    const teacher = await addSignedInMember(app, t.tenantId);
    const soon = new Date(Date.now() + 2 * 86_400_000);
    const active = await t.owner.client.immersio.workshop.create.mutate(
      input(teacher.id, 'Spanish A1', {
        startTime: soon,
        recurrence: { frequency: 'weekly', count: 3 },
        immersioCourseId: 'c1',
      }),
    );
    await app.database.db
      .update(workshopSessions)
      .set({ bookedSeats: 4 })
      .where(eq(workshopSessions.workshopId, active.id));
    // Created without a start time (booked by slot, active at once), then made drafts.
    for (let i = 0; i < 4; i++) {
      const draft = await t.owner.client.immersio.workshop.create.mutate(input(t.owner.id, `Draft ${i}`));
      await t.owner.client.immersio.workshop.update.mutate({ workshopId: draft.id, status: 'draft' });
    }

    const all = await teacher.client.immersio.workshop.list.query({});
    expect(all).toMatchObject({ totalCount: 5, page: 1, totalPages: 1 });
    const spanish = all.workshops.find((w) => w.id === active.id)!;
    expect(spanish).toMatchObject({
      title: 'Spanish A1',
      status: 'active',
      seats: 6,
      bookedSeats: 4,
      immersioCourseId: 'c1',
      teacher: { id: teacher.id, avatarUrl: null },
    });
    expect(spanish.nextOccurrence).toEqual(soon);
    expect(all.workshops.filter((w) => w.status === 'draft').every((w) => w.nextOccurrence === null)).toBe(
      true,
    );

    expect(
      (await teacher.client.immersio.workshop.list.query({ status: 'active' })).workshops.map((w) => w.id),
    ).toEqual([active.id]);
    expect((await teacher.client.immersio.workshop.list.query({ teacherId: teacher.id })).totalCount).toBe(1);
    expect((await teacher.client.immersio.workshop.list.query({ immersioCourseId: 'c1' })).totalCount).toBe(
      1,
    );
    const page2 = await teacher.client.immersio.workshop.list.query({ limit: 2, page: 2 });
    expect(page2).toMatchObject({ totalCount: 5, page: 2, totalPages: 3 });
    expect(page2.workshops).toHaveLength(2);
    expect((await teacher.client.immersio.workshop.list.query({ limit: 2, page: 9 })).workshops).toEqual([]);
  });

  it('bad input 400; no session 401; tenant B sees none of A', async () => {
    const a = await createTenant(app);
    const b = await createTenant(app);
    await a.owner.client.immersio.workshop.create.mutate(input(a.owner.id, 'Only in A'));
    expect(await trpcError(a.owner.client.immersio.workshop.list.query({ limit: 101 }))).toMatchObject({
      appCode: 'VALIDATION_ERROR',
      message: expect.stringMatching(/limit/),
    });
    expect(await trpcError(trpcClient(app.baseUrl).immersio.workshop.list.query({}))).toMatchObject({
      appCode: 'UNAUTHORIZED',
    });
    expect(await b.owner.client.immersio.workshop.list.query({})).toEqual({
      workshops: [],
      totalCount: 0,
      page: 1,
      totalPages: 0,
    });
  });
});

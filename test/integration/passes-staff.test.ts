import { describe, expect, it } from 'vitest';
import {
  addSignedInMember,
  createTenant,
  trpcClient,
  trpcError,
  unique,
  useTestApp,
} from '../support/app.ts';
import { book, bookingRequest, createWorkshop, DAY, ownHours } from '../support/bookings.ts';
import { buyPass, createPass, passOf, purchase, stripeTenant } from '../support/passes.ts';

// immersio.pass.*: the passes a school sells (create, update, list) and the ones its students
// bought (listHolders, getHolder, adjustCredits). OWNER/ADMIN change them; a MEMBER only reads.

const app = useTestApp({ env: { HOLD_SWEEP_MS: '3600000' } });
const student = (name: string) => `${unique(name)}@example.test`;

describe('immersio.pass.create / update / list', () => {
  it('creates a pass for every workshop or for some, with the workshops named', async () => {
    const t = await createTenant(app);
    const w = await createWorkshop(t, { recurrence: { frequency: 'none' } });
    const every = await t.owner.client.immersio.pass.create.mutate({
      name: '  Five classes ',
      classes: 5,
      price: 6000,
      validDays: 60,
    });
    expect(every).toEqual({
      id: expect.any(Number),
      name: 'Five classes',
      classes: 5,
      price: 6000,
      currency: 'USD',
      validDays: 60,
      workshopIds: null,
      workshops: null,
      status: 'active',
      createdAt: expect.any(Date),
      updatedAt: expect.any(Date),
    });
    const some = await createPass(t, { workshopIds: [w.id, w.id], currency: 'eur' });
    expect(some).toMatchObject({
      currency: 'EUR',
      workshopIds: [w.id],
      workshops: [{ id: w.id, title: 'Evening Spanish' }],
    });
    const { passes } = await t.owner.client.immersio.pass.list.query();
    expect(passes.map((p) => [p.id, p.sold, p.activeHolders])).toEqual([
      [every.id, 0, 0],
      [some.id, 0, 0],
    ]);
  });

  it('refuses bad input with 400 VALIDATION_ERROR, and another school’s workshop', async () => {
    const t = await createTenant(app);
    const other = await createTenant(app);
    const theirs = await createWorkshop(other, { recurrence: { frequency: 'none' } });
    const base = { name: 'Pass', classes: 5, price: 1000, validDays: 30 };
    for (const bad of [
      { ...base, classes: 0 },
      { ...base, price: 0 },
      { ...base, validDays: 3651 },
      { ...base, name: '' },
      { ...base, currency: 'XXZ' },
      { ...base, workshopIds: [] },
    ]) {
      expect(await trpcError(t.owner.client.immersio.pass.create.mutate(bad))).toMatchObject({
        appCode: 'VALIDATION_ERROR',
        httpStatus: 400,
      });
    }
    expect(
      await trpcError(t.owner.client.immersio.pass.create.mutate({ ...base, workshopIds: [theirs.id] })),
    ).toMatchObject({ appCode: 'VALIDATION_ERROR', message: expect.stringMatching(/workshopIds/) });
  });

  it('updates a pass for future purchases only; archiving takes it off sale', async () => {
    const t = await stripeTenant(app);
    const w = await createWorkshop(t, { recurrence: { frequency: 'none' } });
    const pass = await createPass(t, { classes: 3, workshopIds: [w.id] });
    const email = student('early-buyer');
    const bought = await buyPass(app, t, pass.id, email);

    const updated = await t.owner.client.immersio.pass.update.mutate({
      passId: pass.id,
      name: 'Twenty classes',
      classes: 20,
      price: 20000,
      workshopIds: null,
    });
    expect(updated).toMatchObject({ name: 'Twenty classes', classes: 20, price: 20000, workshopIds: null });
    // The pass already bought keeps what it was sold as.
    expect((await passOf(app, bought)).pass).toMatchObject({
      name: 'Ten classes',
      classes: 3,
      creditsRemaining: 3,
      workshops: [{ id: w.id, title: 'Evening Spanish' }],
    });

    await t.owner.client.immersio.pass.update.mutate({ passId: pass.id, status: 'archived' });
    const onSale = await fetch(`${app.baseUrl}/api/v1/public/passes?tenantSlug=${t.slug}`);
    expect(((await onSale.json()) as { passes: unknown[] }).passes).toEqual([]);
    const refused = await purchase(app, pass.id, { buyer: { name: 'Late', email: student('late') } });
    expect(refused.status).toBe(404);
    const { passes } = await t.owner.client.immersio.pass.list.query({ status: 'archived' });
    expect(passes).toEqual([
      expect.objectContaining({ id: pass.id, status: 'archived', sold: 1, activeHolders: 1 }),
    ]);
    // An archived pass is still used by who bought it.
    expect((await passOf(app, bought)).pass.status).toBe('active');
  });

  it('keeps schools apart, and a MEMBER may read but not change', async () => {
    const t = await stripeTenant(app);
    const other = await createTenant(app);
    const pass = await createPass(t);
    const bought = await buyPass(app, t, pass.id, student('apart'));
    const holder = (await t.owner.client.immersio.pass.listHolders.query({})).items[0]!;

    expect(
      await trpcError(other.owner.client.immersio.pass.update.mutate({ passId: pass.id, name: 'Mine' })),
    ).toMatchObject({
      appCode: 'NOT_FOUND',
      httpStatus: 404,
    });
    expect(
      await trpcError(other.owner.client.immersio.pass.getHolder.query({ studentPassId: holder.id })),
    ).toMatchObject({
      appCode: 'NOT_FOUND',
    });
    expect(
      await trpcError(
        other.owner.client.immersio.pass.adjustCredits.mutate({
          studentPassId: holder.id,
          delta: 5,
          reason: 'x',
        }),
      ),
    ).toMatchObject({ appCode: 'NOT_FOUND' });
    expect((await other.owner.client.immersio.pass.list.query()).passes).toEqual([]);
    expect((await other.owner.client.immersio.pass.listHolders.query({})).items).toEqual([]);

    const member = await addSignedInMember(app, t.tenantId, 'MEMBER');
    expect((await member.client.immersio.pass.list.query()).passes.map((p) => p.id)).toEqual([pass.id]);
    expect((await member.client.immersio.pass.listHolders.query({})).items.map((h) => h.uid)).toEqual([
      bought.uid,
    ]);
    expect((await member.client.immersio.pass.getHolder.query({ studentPassId: holder.id })).pass.uid).toBe(
      bought.uid,
    );
    for (const call of [
      member.client.immersio.pass.create.mutate({ name: 'x', classes: 1, price: 100, validDays: 1 }),
      member.client.immersio.pass.update.mutate({ passId: pass.id, name: 'x' }),
      member.client.immersio.pass.adjustCredits.mutate({ studentPassId: holder.id, delta: 1, reason: 'x' }),
    ]) {
      expect(await trpcError(call)).toMatchObject({ appCode: 'FORBIDDEN', httpStatus: 403 });
    }
    const anonymous = trpcClient(app.baseUrl);
    expect(await trpcError(anonymous.immersio.pass.list.query())).toMatchObject({ appCode: 'UNAUTHORIZED' });
  });
});

describe('immersio.pass.listHolders / getHolder / adjustCredits', () => {
  it('lists sold passes with filters and pages; grants and takes credits with a reason', async () => {
    const t = await stripeTenant(app);
    const w = await createWorkshop(t, {
      price: 1500,
      currency: 'EUR',
      startTime: new Date(Date.now() + 4 * DAY + ownHours()),
      recurrence: { frequency: 'none' },
    });
    const pass = await createPass(t, { classes: 2 });
    const ana = student('ana');
    const ben = student('ben');
    const anaPass = await buyPass(app, t, pass.id, ana);
    await buyPass(app, t, pass.id, ben);
    // Bought but never paid: pending.
    await purchase(app, pass.id, { buyer: { name: 'Carla Pending', email: student('carla') } });

    const all = await t.owner.client.immersio.pass.listHolders.query({});
    expect(all.items.map((h) => h.state)).toEqual(['pending', 'active', 'active']);
    expect(all.items[2]).toMatchObject({
      uid: anaPass.uid,
      passId: pass.id,
      name: 'Ten classes',
      state: 'active',
      classes: 2,
      creditsRemaining: 2,
      buyer: { name: 'Ana Student', email: ana },
      amount: 12000,
      currency: 'EUR',
      paidAt: expect.any(Date),
      expiresAt: expect.any(Date),
    });
    expect(
      (await t.owner.client.immersio.pass.listHolders.query({ search: ana.slice(0, 8) })).items.map(
        (h) => h.uid,
      ),
    ).toEqual([anaPass.uid]);
    expect((await t.owner.client.immersio.pass.listHolders.query({ state: 'pending' })).items).toHaveLength(
      1,
    );
    const page = await t.owner.client.immersio.pass.listHolders.query({ limit: 2 });
    expect(page.items).toHaveLength(2);
    const rest = await t.owner.client.immersio.pass.listHolders.query({ limit: 2, cursor: page.nextCursor! });
    expect(rest).toMatchObject({ items: [{ uid: anaPass.uid }], nextCursor: null });

    const anaId = all.items[2]!.id;
    expect((await book(app, bookingRequest(t, w, ana))).body.booking.paid).toBe(true);
    const granted = await t.owner.client.immersio.pass.adjustCredits.mutate({
      studentPassId: anaId,
      delta: 3,
      reason: '  Missed class on 3 May  ',
    });
    expect(granted).toMatchObject({
      pass: { creditsRemaining: 4 },
      entry: {
        kind: 'adjustment',
        delta: 3,
        balanceAfter: 4,
        reason: 'Missed class on 3 May',
        actorName: 'Owner',
      },
    });
    const overdrawn = await trpcError(
      t.owner.client.immersio.pass.adjustCredits.mutate({
        studentPassId: anaId,
        delta: -5,
        reason: 'Too many',
      }),
    );
    expect(overdrawn).toMatchObject({
      appCode: 'CONFLICT',
      httpStatus: 409,
      message: expect.stringMatching(/4 classes left/),
    });
    await t.owner.client.immersio.pass.adjustCredits.mutate({
      studentPassId: anaId,
      delta: -4,
      reason: 'Refunded by bank',
    });

    const pending = (await t.owner.client.immersio.pass.listHolders.query({ state: 'pending' })).items[0]!;
    expect(
      await trpcError(
        t.owner.client.immersio.pass.adjustCredits.mutate({
          studentPassId: pending.id,
          delta: 1,
          reason: 'x',
        }),
      ),
    ).toMatchObject({ appCode: 'CONFLICT', message: expect.stringMatching(/not been paid/) });
    for (const bad of [
      { studentPassId: anaId, delta: 0, reason: 'x' },
      { studentPassId: anaId, delta: 1, reason: '   ' },
      { studentPassId: anaId, delta: 1001, reason: 'x' },
    ]) {
      expect(await trpcError(t.owner.client.immersio.pass.adjustCredits.mutate(bad))).toMatchObject({
        appCode: 'VALIDATION_ERROR',
      });
    }
    expect(
      await trpcError(t.owner.client.immersio.pass.getHolder.query({ studentPassId: 2_000_000_000 })),
    ).toMatchObject({ appCode: 'NOT_FOUND' });

    const detail = await t.owner.client.immersio.pass.getHolder.query({ studentPassId: anaId });
    expect(detail.pass).toMatchObject({ creditsRemaining: 0, state: 'active' });
    expect(detail.history.map((e) => [e.kind, e.delta, e.balanceAfter, e.reason])).toEqual([
      ['adjustment', -4, 0, 'Refunded by bank'],
      ['adjustment', 3, 4, 'Missed class on 3 May'],
      ['booking', -1, 1, null],
      ['purchase', 2, 2, null],
    ]);
    expect(detail.history[2]!.booking).toMatchObject({ title: 'Evening Spanish', status: 'accepted' });
    // The student sees the reasons, not who wrote them.
    const seen = await passOf(app, anaPass);
    expect(seen.history[1]).toEqual({
      at: expect.any(String),
      kind: 'adjustment',
      change: 3,
      balance: 4,
      reason: 'Missed class on 3 May',
      booking: null,
    });
    expect((await t.owner.client.immersio.pass.list.query()).passes[0]).toMatchObject({
      sold: 2,
      activeHolders: 1,
    });
  });
});

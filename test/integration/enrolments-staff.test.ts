import { beforeAll, describe, expect, it } from 'vitest';
import {
  addSignedInMember,
  createTenant,
  type TenantFixture,
  trpcError,
  useTestApp,
} from '../support/app.ts';
import { course, enrol, payEnrolment, payingSchool, studentEmail } from '../support/enrolments.ts';

// Whole-course enrolment (issue 16): every remaining session of a fixed-schedule workshop at once,
// as staff see and cancel them (`immersio.enrolment.*`).

const app = useTestApp({ env: { HOLD_SWEEP_MS: '3600000' } });
let t: TenantFixture;
beforeAll(async () => {
  t = await payingSchool(app);
});

const enrolAs = (slug: string, attendeeEmail: string, tenant: TenantFixture = t) =>
  enrol(app, tenant, slug, attendeeEmail);

describe('immersio.enrolment (staff)', () => {
  it('lists a workshop’s enrolments for its teacher and admins; staff cancel refunds every future session', async () => {
    const teacher = await addSignedInMember(app, t.tenantId, 'MEMBER');
    const other = await addSignedInMember(app, t.tenantId, 'MEMBER');
    const w = await course(t, { teacherId: teacher.id, price: 1200, currency: 'USD' });
    const res = await enrolAs(w.slug, studentEmail('staff'));
    const uid = res.body.enrolment.uid as string;
    await payEnrolment(app, t, uid);

    const listed = await teacher.client.immersio.enrolment.list.query({ workshopId: w.id });
    expect(listed.truncated).toBe(false);
    expect(listed.enrolments).toMatchObject([
      {
        uid,
        status: 'accepted',
        sessionCount: 3,
        sessions: { accepted: 3, upcoming: 3, cancelled: 0, pending: 0 },
        amount: 3600,
        paid: true,
        refunded: 0,
        cancellation: null,
      },
    ]);
    // The bookings list groups its sessions by the enrolment.
    const bookings = await t.owner.client.immersio.booking.list.query({ workshopId: w.id });
    expect(bookings.bookings.map((b) => b.enrolmentUid)).toEqual(Array(3).fill(uid));

    expect(await trpcError(other.client.immersio.enrolment.list.query({ workshopId: w.id }))).toMatchObject({
      appCode: 'FORBIDDEN',
    });
    const stranger = await createTenant(app);
    expect(
      await trpcError(stranger.owner.client.immersio.enrolment.list.query({ workshopId: w.id })),
    ).toMatchObject({
      appCode: 'WORKSHOP_NOT_FOUND',
    });
    expect(
      await trpcError(
        stranger.owner.client.immersio.enrolment.cancel.mutate({ enrolmentId: listed.enrolments[0]!.id }),
      ),
    ).toMatchObject({
      appCode: 'NOT_FOUND',
    });
    expect(
      await trpcError(
        other.client.immersio.enrolment.cancel.mutate({ enrolmentId: listed.enrolments[0]!.id }),
      ),
    ).toMatchObject({
      appCode: 'FORBIDDEN',
    });
    expect(
      await trpcError(t.owner.client.immersio.enrolment.list.query({ workshopId: -1 } as never)),
    ).toMatchObject({
      appCode: 'VALIDATION_ERROR',
      httpStatus: 400,
    });

    const cancelled = await teacher.client.immersio.enrolment.cancel.mutate({
      enrolmentId: listed.enrolments[0]!.id,
      reason: 'Class moved',
    });
    expect(cancelled.refund).toEqual({ amount: 3600, currency: 'USD', status: 'completed' });
    expect(cancelled.sessions).toHaveLength(3);
    const after = await t.owner.client.immersio.enrolment.list.query({ workshopId: w.id });
    expect(after.enrolments[0]).toMatchObject({
      status: 'cancelled',
      refunded: 3600,
      sessions: { cancelled: 3, upcoming: 0 },
      cancellation: { cancelledBy: 'teacher', reason: 'Class moved' },
    });
    expect(
      await trpcError(
        t.owner.client.immersio.enrolment.cancel.mutate({ enrolmentId: listed.enrolments[0]!.id }),
      ),
    ).toMatchObject({
      appCode: 'CONFLICT',
    });
  });
});

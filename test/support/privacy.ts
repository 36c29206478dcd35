import { randomBytes } from 'node:crypto';
import {
  bookings,
  classPasses,
  enrolments,
  immersioIdentities,
  immersioIntegrations,
  passCreditEntries,
  payments,
  refunds,
  studentPasses,
  users,
  waitlistEntries,
  whitelistEntries,
} from '../../src/db/schema/index.ts';
import { type TenantFixture, type TestApp, unique } from './app.ts';
import { book, bookingByUid, bookingRequest, createWorkshop, DAY } from './bookings.ts';

// A student with one record of every kind a school holds (issue 19, privacy). Records that need
// a past session, Stripe or Immersio are written directly; the live booking goes through the API.

const hex = () => randomBytes(6).toString('hex');

/** The user an Immersio identity hangs on: one account per address across schools. */
export async function studentUser(app: TestApp, email: string) {
  const [user] = await app.database.db
    .insert(users)
    .values({ email, name: 'Ana Student' })
    .returning({ id: users.id });
  return user!.id;
}

export async function seedStudent(app: TestApp, t: TenantFixture, email: string, userId: number) {
  const workshop = await createWorkshop(t, {
    startTime: new Date(Date.now() + 5 * DAY + Math.random() * DAY),
  });
  const db = app.database.db;
  const orgId = unique('org');
  const studentId = unique('stu');
  await db.insert(immersioIntegrations).values({ tenantId: t.tenantId, immersioOrgId: orgId });
  await db
    .insert(immersioIdentities)
    .values({ userId, orgId, subject: unique('sub'), immersioStudentId: studentId, role: 'student' });
  const past = new Date(Date.now() - 10 * DAY);
  const [booking] = await db
    .insert(bookings)
    .values({
      uid: `bk_${hex()}`,
      tenantId: t.tenantId,
      workshopId: workshop.id,
      title: 'Evening Spanish',
      startTime: past,
      endTime: new Date(past.getTime() + 3_600_000),
      status: 'accepted',
      paid: true,
      attendeeEmail: email,
      attendeeName: 'Ana Student',
      attendeeTimeZone: 'America/New_York',
      amountCents: 4000,
      currency: 'EUR',
      immersioStudentId: studentId,
      answers: { level: 'Beginner', phone: '+1 555 0100' },
      attendance: 'attended',
      attendanceMarkedAt: past,
    })
    .returning();
  const [payment] = await db
    .insert(payments)
    .values({
      tenantId: t.tenantId,
      bookingId: booking!.id,
      amountCents: 4000,
      refundedCents: 1000,
      currency: 'EUR',
      status: 'succeeded',
    })
    .returning();
  await db.insert(refunds).values({
    tenantId: t.tenantId,
    bookingId: booking!.id,
    paymentId: payment!.id,
    amountCents: 1000,
    currency: 'EUR',
    status: 'succeeded',
    reason: 'admin',
  });
  await db.insert(waitlistEntries).values({
    uid: `wl_${hex()}`,
    tenantId: t.tenantId,
    workshopId: workshop.id,
    sessionId: workshop.sessions[1]!.id,
    email,
    name: 'Ana Student',
    timeZone: 'America/New_York',
  });
  await db.insert(enrolments).values({
    uid: `enrolment_${hex()}`,
    tenantId: t.tenantId,
    workshopId: workshop.id,
    attendeeEmail: email,
    attendeeName: 'Ana Student',
    attendeeTimeZone: 'America/New_York',
    sessionCount: 1,
    courseSessions: 2,
    amountCents: 2500,
    currency: 'EUR',
    cancelledAt: past,
    cancelledBy: 'student',
    cancellationReason: 'Moving to Lisbon',
  });
  const [offer] = await db
    .insert(classPasses)
    .values({
      tenantId: t.tenantId,
      name: 'Ten classes',
      classes: 10,
      priceCents: 9000,
      currency: 'EUR',
      validDays: 90,
    })
    .returning();
  const [pass] = await db
    .insert(studentPasses)
    .values({
      uid: `pass_${hex()}`,
      tenantId: t.tenantId,
      passId: offer!.id,
      name: 'Ten classes',
      classes: 10,
      validDays: 90,
      buyerName: 'Ana Student',
      buyerEmail: email,
      status: 'active',
      creditsRemaining: 9,
      expiresAt: new Date(Date.now() + 80 * DAY),
      amountCents: 9000,
      currency: 'EUR',
      paidAt: past,
    })
    .returning();
  await db.insert(passCreditEntries).values([
    { tenantId: t.tenantId, studentPassId: pass!.id, kind: 'purchase', delta: 10, balanceAfter: 10 },
    {
      tenantId: t.tenantId,
      studentPassId: pass!.id,
      kind: 'adjustment',
      delta: -1,
      balanceAfter: 9,
      reason: 'Ana called from +1 555 0100',
    },
  ]);
  await db
    .insert(whitelistEntries)
    .values({ tenantId: t.tenantId, workshopId: workshop.id, email, name: 'Ana' });
  // The live booking, through the public API, with the address in another case.
  const live = await book(app, bookingRequest(t, workshop, email.toUpperCase()));
  if (live.status !== 201) throw new Error(`booking failed: ${live.status} ${JSON.stringify(live.body)}`);
  const liveRow = await bookingByUid(app, live.body.booking.uid);
  return {
    workshop,
    orgId,
    studentId,
    bookingId: booking!.id,
    paymentId: payment!.id,
    live: { id: liveRow.id, uid: liveRow.uid, sessionId: liveRow.sessionId! },
  };
}

import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/client.ts';
import { runPrivacyCommand } from '../../src/modules/immersio/privacy/privacy-cli.ts';
import { deleteImmersioIdentities } from '../../src/modules/immersio/privacy/privacy-erase.repo.ts';
import { subjectEmailHash } from '../../src/modules/immersio/privacy/student-records.ts';
import {
  addSignedInMember,
  createTenant,
  type TenantFixture,
  trpcError,
  unique,
  useTestApp,
} from '../support/app.ts';
import { eventsOf, outboxOf, seatState } from '../support/bookings.ts';
import { seedStudent, studentUser } from '../support/privacy.ts';

const app = useTestApp();

type Member = Awaited<ReturnType<typeof addSignedInMember>>;
type Seeded = Awaited<ReturnType<typeof seedStudent>>;
let a: TenantFixture;
let b: TenantFixture;
let admin: Member;
let member: Member;
let email: string;
let seededA: Seeded;
let seededB: Seeded;

beforeAll(async () => {
  [a, b] = await Promise.all([createTenant(app), createTenant(app)]);
  [admin, member] = await Promise.all([
    addSignedInMember(app, a.tenantId, 'ADMIN'),
    addSignedInMember(app, a.tenantId, 'MEMBER'),
  ]);
  email = `${unique('ana')}@example.test`;
  const userId = await studentUser(app, email);
  seededA = await seedStudent(app, a, email, userId);
  seededB = await seedStudent(app, b, email, userId);
});

/** Every row of the tenant whose personal fields still hold the address. */
async function rowsWithAddress(tenantId: number, address: string) {
  const [row] = await queryRows<{ n: number }>(
    app.database.db,
    sql`select (
          (select count(*) from bookings where tenant_id = ${tenantId} and lower(attendee_email) = ${address})
        + (select count(*) from waitlist_entries where tenant_id = ${tenantId} and email = ${address})
        + (select count(*) from enrolments where tenant_id = ${tenantId} and attendee_email = ${address})
        + (select count(*) from student_passes where tenant_id = ${tenantId} and buyer_email = ${address})
        + (select count(*) from whitelist_entries where tenant_id = ${tenantId} and email = ${address})
        + (select count(*) from outbox where tenant_id = ${tenantId} and strpos(lower(payload::text), ${address}) > 0)
        )::int as n`,
  );
  return row!.n;
}

async function auditOf(tenantId: number) {
  return queryRows<{ actor: string; action: string; subject: string; counts: Record<string, number> }>(
    app.database.db,
    sql`select actor, action, subject_email_hash as subject, counts from privacy_audit
        where tenant_id = ${tenantId} order by id`,
  );
}

describe('immersio.privacy access', () => {
  it('refuses a MEMBER with 403 FORBIDDEN', async () => {
    for (const call of [
      member.client.immersio.privacy.exportStudent.mutate({ email }),
      member.client.immersio.privacy.eraseStudent.mutate({ email }),
    ]) {
      expect(await trpcError(call)).toMatchObject({ appCode: 'FORBIDDEN', httpStatus: 403 });
    }
    expect(await auditOf(a.tenantId)).toEqual([]);
  });

  it('refuses an address that is not one with 400', async () => {
    const error = await trpcError(admin.client.immersio.privacy.exportStudent.mutate({ email: 'nope' }));
    expect(error.httpStatus).toBe(400);
  });
});

describe('immersio.privacy.exportStudent', () => {
  it('returns every kind of record of the student in this school only, whatever the case', async () => {
    const data = await admin.client.immersio.privacy.exportStudent.mutate({
      email: `  ${email.toUpperCase()} `,
    });
    expect(data.email).toBe(email);
    expect(data.counts).toEqual({
      bookings: 2,
      payments: 1,
      refunds: 1,
      waitlistEntries: 1,
      enrolments: 1,
      passes: 1,
      passCredits: 2,
      whitelistEntries: 1,
      immersioIdentities: 1,
    });
    const past = data.bookings.find((row) => row.id === seededA.bookingId)!;
    expect(past).toMatchObject({
      attendeeName: 'Ana Student',
      answers: { level: 'Beginner', phone: '+1 555 0100' },
      attendance: 'attended',
      amountCents: 4000,
    });
    expect(data.payments[0]).toMatchObject({ amountCents: 4000, refundedCents: 1000 });
    expect(data.refunds[0]).toMatchObject({ amountCents: 1000, status: 'succeeded' });
    expect(data.waitlistEntries[0]).toMatchObject({ status: 'waiting', email });
    expect(data.enrolments[0]).toMatchObject({ cancellationReason: 'Moving to Lisbon' });
    expect(data.passes[0]).toMatchObject({ creditsRemaining: 9, buyerEmail: email });
    expect((data.passes[0]!.credits as unknown[]).length).toBe(2);
    expect(data.whitelistEntries[0]).toMatchObject({ email, name: 'Ana' });
    expect(data.immersio.studentIds).toEqual([seededA.studentId]);
    expect(data.immersio.identities[0]).toMatchObject({ orgId: seededA.orgId, role: 'student' });
    const everyRow = [...data.bookings, ...data.payments, ...data.waitlistEntries, ...data.passes];
    expect(everyRow.every((row) => row.tenantId === a.tenantId)).toBe(true);

    const audit = await auditOf(a.tenantId);
    expect(audit).toEqual([
      {
        actor: String(admin.id),
        action: 'export',
        subject: subjectEmailHash(a.tenantId, email),
        counts: data.counts,
      },
    ]);
    expect(JSON.stringify(audit)).not.toContain(email);
  });

  it('answers an unknown address with empty sets (and audits it)', async () => {
    const data = await a.owner.client.immersio.privacy.exportStudent.mutate({ email: 'nobody@example.test' });
    expect(Object.values(data.counts).every((n) => n === 0)).toBe(true);
    expect(data.bookings).toEqual([]);
    expect(data.passes).toEqual([]);
    expect(data.immersio).toEqual({ studentIds: [], identities: [] });
    expect((await auditOf(a.tenantId)).at(-1)).toMatchObject({ action: 'export', actor: String(a.owner.id) });
  });
});

describe('immersio.privacy.eraseStudent', () => {
  it('is refused while the student holds a seat in a session yet to end', async () => {
    const error = await trpcError(admin.client.immersio.privacy.eraseStudent.mutate({ email }));
    expect(error).toMatchObject({ appCode: 'CONFLICT', httpStatus: 409 });
    expect(error.message).toContain(seededA.live.uid);
    expect(await rowsWithAddress(a.tenantId, email)).toBeGreaterThan(0);
  });

  it('anonymises every personal field in place, keeps amounts, audits and tells Immersio', async () => {
    await a.owner.client.immersio.booking.cancel.mutate({ bookingId: seededA.live.id });
    const before = await outboxOf(app, a.tenantId);
    expect(before.some((m) => JSON.stringify(m.payload).includes(email))).toBe(true);

    const seatsBefore = await seatState(app, seededA.live.sessionId);
    const result = await admin.client.immersio.privacy.eraseStudent.mutate({ email: email.toUpperCase() });
    expect(await seatState(app, seededA.live.sessionId)).toEqual(seatsBefore);
    expect(result).toMatchObject({ erased: true, subjectEmailHash: subjectEmailHash(a.tenantId, email) });
    expect(result.counts.bookings).toBe(2);
    const after = JSON.stringify(await outboxOf(app, a.tenantId));
    expect(after).not.toContain('Ana Student');
    expect(await rowsWithAddress(a.tenantId, email)).toBe(0);

    const db = app.database.db;
    const bookingRows = await queryRows<Record<string, unknown>>(
      db,
      sql`select attendee_email, attendee_name, attendee_time_zone, immersio_student_id, answers,
                 cancellation_reason, amount_cents, status, attendance
          from bookings where tenant_id = ${a.tenantId} and attendee_name = 'Erased student' order by id`,
    );
    expect(bookingRows).toHaveLength(2);
    const placeholder = bookingRows[0]!.attendee_email as string;
    expect(placeholder).toMatch(/^erased-[a-f0-9]{24}@erased\.invalid$/);
    expect(bookingRows[0]).toMatchObject({
      attendee_time_zone: 'UTC',
      immersio_student_id: null,
      answers: {},
      cancellation_reason: null,
      amount_cents: 4000,
      status: 'accepted',
      attendance: 'attended',
    });
    expect(bookingRows[1]).toMatchObject({ status: 'cancelled', attendee_email: placeholder });

    const [payment] = await queryRows<{ amount: number; refunded: number; refund: number }>(
      db,
      sql`select p.amount_cents as amount, p.refunded_cents as refunded, r.amount_cents as refund
          from payments p join refunds r on r.payment_id = p.id where p.id = ${seededA.paymentId}`,
    );
    expect(payment).toEqual({ amount: 4000, refunded: 1000, refund: 1000 });

    const [others] = await queryRows<Record<string, unknown>>(
      db,
      sql`select
            (select row(name, time_zone, status, email)::text from waitlist_entries where tenant_id = ${a.tenantId}) as waitlist,
            (select row(attendee_name, cancellation_reason, amount_cents, attendee_email)::text from enrolments where tenant_id = ${a.tenantId}) as enrolment,
            (select row(buyer_name, buyer_email, credits_remaining, amount_cents)::text from student_passes where tenant_id = ${a.tenantId}) as pass,
            (select count(*)::int from pass_credit_entries where tenant_id = ${a.tenantId} and reason is not null) as reasons,
            (select count(*)::int from whitelist_entries where tenant_id = ${a.tenantId}) as whitelist,
            (select count(*)::int from immersio_identities where org_id = ${seededA.orgId}) as identities_a,
            (select count(*)::int from immersio_identities where org_id = ${seededB.orgId}) as identities_b`,
    );
    expect(others).toEqual({
      waitlist: `("Erased student",UTC,left,${placeholder})`,
      enrolment: `("Erased student",,2500,${placeholder})`,
      pass: `("Erased student",${placeholder},9,9000)`,
      reasons: 0,
      whitelist: 0,
      identities_a: 0,
      identities_b: 1,
    });

    expect((await auditOf(a.tenantId)).at(-1)).toEqual({
      actor: String(admin.id),
      action: 'erase',
      subject: subjectEmailHash(a.tenantId, email),
      counts: result.counts,
    });
    const [event] = await eventsOf(app, a.tenantId, 'STUDENT_ERASED');
    expect(event.data).toMatchObject({
      student: {
        emailHash: subjectEmailHash(a.tenantId, email),
        immersioStudentIds: [seededA.studentId],
        passUids: [expect.stringMatching(/^pass_/)],
        enrolmentUids: [expect.stringMatching(/^enrolment_/)],
      },
      tenant: { id: a.tenantId, slug: a.slug, immersioOrgId: seededA.orgId },
    });
    expect(event.data.student.bookingUids).toHaveLength(2);
  });

  it('leaves the same address at another school untouched', async () => {
    const data = await b.owner.client.immersio.privacy.exportStudent.mutate({ email });
    expect(data.counts.bookings).toBe(2);
    expect(data.bookings.every((row) => row.attendeeName === 'Ana Student')).toBe(true);
    expect(data.immersio.identities).toHaveLength(1);
    expect(await eventsOf(app, b.tenantId, 'STUDENT_ERASED')).toEqual([]);
  });

  it("never deletes another school's Immersio identity, even when handed its id", async () => {
    const identitiesOfB = () =>
      queryRows<{ id: number }>(
        app.database.db,
        sql`select id from immersio_identities where org_id = ${seededB.orgId} and role = 'student'`,
      );
    const ids = (await identitiesOfB()).map((row) => row.id);
    expect(ids).toHaveLength(1);
    expect(await deleteImmersioIdentities(app.database.db, a.tenantId, ids)).toBe(0);
    expect(await identitiesOfB()).toHaveLength(1);
  });

  it('erasing an address again finds nothing and sends no event', async () => {
    const result = await admin.client.immersio.privacy.eraseStudent.mutate({ email });
    expect(result.erased).toBe(false);
    expect(await eventsOf(app, a.tenantId, 'STUDENT_ERASED')).toHaveLength(1);
  });
});

describe('npm run cli -- privacy', () => {
  it('exports and erases as `cli`, and names an unknown school', async () => {
    const deps = { db: app.database.db, now: app.clock.now };
    const exported = await runPrivacyCommand(deps, { action: 'export', tenantSlug: b.slug, email });
    expect('bookings' in exported && exported.bookings).toHaveLength(2);
    await expect(
      runPrivacyCommand(deps, { action: 'erase', tenantSlug: b.slug, email }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await b.owner.client.immersio.booking.cancel.mutate({ bookingId: seededB.live.id });
    const erased = await runPrivacyCommand(deps, { action: 'erase', tenantSlug: b.slug, email });
    expect(erased).toMatchObject({ erased: true });
    expect(await rowsWithAddress(b.tenantId, email)).toBe(0);
    expect((await auditOf(b.tenantId)).map((row) => [row.actor, row.action])).toEqual([
      [String(b.owner.id), 'export'],
      ['cli', 'export'],
      ['cli', 'erase'],
    ]);
    await expect(
      runPrivacyCommand(deps, { action: 'export', tenantSlug: 'no-such-school', email }),
    ).rejects.toMatchObject({ code: 'TENANT_NOT_FOUND' });
  });
});

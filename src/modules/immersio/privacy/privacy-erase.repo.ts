import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import {
  bookings,
  enrolments,
  immersioIdentities,
  passCreditEntries,
  privacyAudit,
  studentPasses,
  waitlistEntries,
  whitelistEntries,
} from '../../../db/schema/index.ts';
import { byEmail, tenantImmersioOrg } from './privacy-read.repo.ts';

// Anonymising one student in place (docs/privacy.md). Every statement is scoped by the tenant.

export const ERASED_NAME = 'Erased student';

/** The student's bookings that still hold a seat in a session yet to start. */
export async function futureLiveBookings(db: Executor, tenantId: number, email: string, now: Date) {
  return db
    .select({ id: bookings.id, uid: bookings.uid })
    .from(bookings)
    .where(
      and(
        eq(bookings.tenantId, tenantId),
        byEmail(bookings.attendeeEmail, email),
        inArray(bookings.status, ['pending', 'accepted']),
        gt(bookings.endTime, now),
      ),
    )
    .for('update');
}

export async function anonymiseBookings(
  db: Executor,
  tenantId: number,
  email: string,
  placeholder: string,
  now: Date,
) {
  const rows = await db
    .update(bookings)
    .set({
      attendeeEmail: placeholder,
      attendeeName: ERASED_NAME,
      attendeeTimeZone: 'UTC',
      immersioStudentId: null,
      answers: {},
      cancellationReason: null,
      checkoutUrl: null,
      updatedAt: now,
    })
    .where(and(eq(bookings.tenantId, tenantId), byEmail(bookings.attendeeEmail, email)))
    .returning({ uid: bookings.uid });
  return rows.map((r) => r.uid);
}

/** Entries still in line leave it (staff removed them); every entry loses its personal fields. */
export async function anonymiseWaitlist(
  db: Executor,
  tenantId: number,
  email: string,
  placeholder: string,
  now: Date,
) {
  const where = and(eq(waitlistEntries.tenantId, tenantId), byEmail(waitlistEntries.email, email));
  await db
    .update(waitlistEntries)
    .set({ status: 'left', leftBy: 'staff', closedAt: now, updatedAt: now })
    .where(and(where, eq(waitlistEntries.status, 'waiting')));
  const rows = await db
    .update(waitlistEntries)
    .set({ email: placeholder, name: ERASED_NAME, timeZone: 'UTC', immersioStudentId: null, updatedAt: now })
    .where(where)
    .returning({ uid: waitlistEntries.uid });
  return rows.map((r) => r.uid);
}

export async function anonymiseEnrolments(
  db: Executor,
  tenantId: number,
  email: string,
  placeholder: string,
  now: Date,
) {
  const rows = await db
    .update(enrolments)
    .set({
      attendeeEmail: placeholder,
      attendeeName: ERASED_NAME,
      attendeeTimeZone: 'UTC',
      immersioStudentId: null,
      cancellationReason: null,
      updatedAt: now,
    })
    .where(and(eq(enrolments.tenantId, tenantId), byEmail(enrolments.attendeeEmail, email)))
    .returning({ uid: enrolments.uid });
  return rows.map((r) => r.uid);
}

/** Passes keep their credits and amounts; staff's free-text reasons on their history go. */
export async function anonymisePasses(
  db: Executor,
  tenantId: number,
  email: string,
  placeholder: string,
  now: Date,
) {
  const rows = await db
    .update(studentPasses)
    .set({
      buyerEmail: placeholder,
      buyerName: ERASED_NAME,
      immersioStudentId: null,
      checkoutUrl: null,
      updatedAt: now,
    })
    .where(and(eq(studentPasses.tenantId, tenantId), byEmail(studentPasses.buyerEmail, email)))
    .returning({ id: studentPasses.id, uid: studentPasses.uid });
  if (rows.length > 0) {
    await db
      .update(passCreditEntries)
      .set({ reason: null })
      .where(
        and(
          eq(passCreditEntries.tenantId, tenantId),
          inArray(
            passCreditEntries.studentPassId,
            rows.map((r) => r.id),
          ),
        ),
      );
  }
  return rows.map((r) => r.uid);
}

/** A whitelist entry is a grant of access to an address: without the address it means nothing. */
export async function deleteWhitelistEntries(db: Executor, tenantId: number, email: string) {
  const rows = await db
    .delete(whitelistEntries)
    .where(and(eq(whitelistEntries.tenantId, tenantId), byEmail(whitelistEntries.email, email)))
    .returning({ id: whitelistEntries.id });
  return rows.length;
}

/**
 * The student identities in the school's own Immersio organisation (found by the read repo).
 * The organisation is checked again here so a wrong id can never reach another school's rows.
 */
export async function deleteImmersioIdentities(db: Executor, tenantId: number, ids: number[]) {
  if (ids.length === 0) return 0;
  const orgId = await tenantImmersioOrg(db, tenantId);
  if (orgId === null) return 0;
  const rows = await db
    .delete(immersioIdentities)
    .where(
      and(
        inArray(immersioIdentities.id, ids),
        eq(immersioIdentities.orgId, orgId),
        eq(immersioIdentities.role, 'student'),
      ),
    )
    .returning({ id: immersioIdentities.id });
  return rows.length;
}

/** The JSON text of `value` inside a string literal: how it appears in `payload::text`. */
function jsonInner(value: string): string {
  return JSON.stringify(value).slice(1, -1);
}

function regexEscape(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Earlier outbox messages of the school (webhook events, e-mails with their invites) carry the
 * address and name inside their text: both are replaced, so the outbox keeps nothing either.
 * E-mails to the student not sent yet are given up (an erased address cannot receive them).
 */
export async function scrubOutbox(
  db: Executor,
  tenantId: number,
  email: string,
  names: string[],
  placeholder: string,
) {
  await db.execute(
    sql`update outbox set status = 'dead', last_error = 'recipient erased (privacy request)'
        where tenant_id = ${tenantId} and kind = 'email' and status = 'pending'
          and lower(payload->>'to') = ${email}`,
  );
  const address = `(?<![a-z0-9._%+-])${regexEscape(jsonInner(email))}(?![a-z0-9._%+-])`;
  await db.execute(
    sql`update outbox set payload = regexp_replace(payload::text, ${address}, ${placeholder}, 'gi')::jsonb
        where tenant_id = ${tenantId} and strpos(lower(payload::text), ${jsonInner(email)}) > 0`,
  );
  for (const name of names) {
    await db.execute(
      sql`update outbox set payload = replace(payload::text, ${jsonInner(name)}, ${ERASED_NAME})::jsonb
          where tenant_id = ${tenantId} and strpos(payload::text, ${placeholder}) > 0
            and strpos(payload::text, ${jsonInner(name)}) > 0`,
    );
  }
}

export async function writePrivacyAudit(
  db: Executor,
  tenantId: number,
  entry: {
    actor: string;
    action: 'export' | 'erase';
    subjectEmailHash: string;
    counts: Record<string, number>;
  },
) {
  await db.insert(privacyAudit).values({ tenantId, ...entry });
}

import { createHash } from 'node:crypto';
import type { Executor } from '../../../db/client.ts';
import {
  bookingPayments,
  bookingRefunds,
  passCredits,
  studentBookings,
  studentEnrolments,
  studentImmersioIdentities,
  studentPassesOf,
  studentWaitlistEntries,
  studentWhitelistEntries,
} from './privacy-read.repo.ts';

/** Addresses are stored trimmed and lower-cased; a request's address is compared the same way. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** What the audit and the STUDENT_ERASED event name the student by: never the address itself. */
export function subjectEmailHash(tenantId: number, email: string): string {
  return createHash('sha256')
    .update(`${tenantId}:${normaliseEmail(email)}`)
    .digest('hex');
}

/** Every record one school holds about one student, by address. */
export async function studentRecords(db: Executor, tenantId: number, email: string) {
  const [bookings, waitlistEntries, enrolments, passes, whitelistEntries, immersioIdentities] =
    await Promise.all([
      studentBookings(db, tenantId, email),
      studentWaitlistEntries(db, tenantId, email),
      studentEnrolments(db, tenantId, email),
      studentPassesOf(db, tenantId, email),
      studentWhitelistEntries(db, tenantId, email),
      studentImmersioIdentities(db, tenantId, email),
    ]);
  const bookingIds = bookings.map((b) => b.id);
  const [payments, refunds, credits] = await Promise.all([
    bookingPayments(db, tenantId, bookingIds),
    bookingRefunds(db, tenantId, bookingIds),
    passCredits(
      db,
      tenantId,
      passes.map((p) => p.id),
    ),
  ]);
  const immersioStudentIds = [
    ...new Set(
      [...bookings, ...waitlistEntries, ...enrolments, ...passes, ...whitelistEntries, ...immersioIdentities]
        .map((r) => r.immersioStudentId)
        .filter((id): id is string => id !== null),
    ),
  ].sort();
  return {
    bookings,
    payments,
    refunds,
    waitlistEntries,
    enrolments,
    passes: passes.map((pass) => ({ ...pass, credits: credits.filter((c) => c.studentPassId === pass.id) })),
    whitelistEntries,
    immersio: { studentIds: immersioStudentIds, identities: immersioIdentities },
  };
}

export type StudentRecords = Awaited<ReturnType<typeof studentRecords>>;

export function recordCounts(records: StudentRecords): Record<string, number> {
  return {
    bookings: records.bookings.length,
    payments: records.payments.length,
    refunds: records.refunds.length,
    waitlistEntries: records.waitlistEntries.length,
    enrolments: records.enrolments.length,
    passes: records.passes.length,
    passCredits: records.passes.reduce((n, p) => n + p.credits.length, 0),
    whitelistEntries: records.whitelistEntries.length,
    immersioIdentities: records.immersio.identities.length,
  };
}

/** The student's names as the records spell them, to scrub from stored messages. */
export function recordNames(records: StudentRecords): string[] {
  const names = [
    ...records.bookings.map((b) => b.attendeeName),
    ...records.waitlistEntries.map((w) => w.name),
    ...records.enrolments.map((e) => e.attendeeName),
    ...records.passes.map((p) => p.buyerName),
    ...records.whitelistEntries.map((w) => w.name),
  ];
  return [...new Set(names.filter((n): n is string => !!n && n.trim().length > 0))];
}

import { type AnyColumn, and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import {
  bookings,
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
} from '../../../db/schema/index.ts';

// Everything one school holds about one student, found by e-mail address (stored trimmed and
// lower-cased; compared lower-cased all the same). Every query is scoped by the tenant.

export function byEmail(column: AnyColumn, email: string) {
  return sql`lower(${column}) = ${email}`;
}

export async function studentBookings(db: Executor, tenantId: number, email: string) {
  return db
    .select()
    .from(bookings)
    .where(and(eq(bookings.tenantId, tenantId), byEmail(bookings.attendeeEmail, email)))
    .orderBy(asc(bookings.id));
}

export async function bookingPayments(db: Executor, tenantId: number, bookingIds: number[]) {
  if (bookingIds.length === 0) return [];
  return db
    .select()
    .from(payments)
    .where(and(eq(payments.tenantId, tenantId), inArray(payments.bookingId, bookingIds)))
    .orderBy(asc(payments.id));
}

export async function bookingRefunds(db: Executor, tenantId: number, bookingIds: number[]) {
  if (bookingIds.length === 0) return [];
  return db
    .select()
    .from(refunds)
    .where(and(eq(refunds.tenantId, tenantId), inArray(refunds.bookingId, bookingIds)))
    .orderBy(asc(refunds.id));
}

export async function studentWaitlistEntries(db: Executor, tenantId: number, email: string) {
  return db
    .select()
    .from(waitlistEntries)
    .where(and(eq(waitlistEntries.tenantId, tenantId), byEmail(waitlistEntries.email, email)))
    .orderBy(asc(waitlistEntries.id));
}

export async function studentEnrolments(db: Executor, tenantId: number, email: string) {
  return db
    .select()
    .from(enrolments)
    .where(and(eq(enrolments.tenantId, tenantId), byEmail(enrolments.attendeeEmail, email)))
    .orderBy(asc(enrolments.id));
}

export async function studentPassesOf(db: Executor, tenantId: number, email: string) {
  return db
    .select()
    .from(studentPasses)
    .where(and(eq(studentPasses.tenantId, tenantId), byEmail(studentPasses.buyerEmail, email)))
    .orderBy(asc(studentPasses.id));
}

export async function passCredits(db: Executor, tenantId: number, passIds: number[]) {
  if (passIds.length === 0) return [];
  return db
    .select()
    .from(passCreditEntries)
    .where(and(eq(passCreditEntries.tenantId, tenantId), inArray(passCreditEntries.studentPassId, passIds)))
    .orderBy(asc(passCreditEntries.id));
}

export async function studentWhitelistEntries(db: Executor, tenantId: number, email: string) {
  return db
    .select()
    .from(whitelistEntries)
    .where(and(eq(whitelistEntries.tenantId, tenantId), byEmail(whitelistEntries.email, email)))
    .orderBy(asc(whitelistEntries.id));
}

/**
 * The "Sign in with Immersio" identities of the account with this address in the school's own
 * Immersio organisation: the links by which Immersio knows the student.
 */
export async function studentImmersioIdentities(db: Executor, tenantId: number, email: string) {
  return db
    .select({
      id: immersioIdentities.id,
      orgId: immersioIdentities.orgId,
      subject: immersioIdentities.subject,
      immersioStudentId: immersioIdentities.immersioStudentId,
      role: immersioIdentities.role,
      createdAt: immersioIdentities.createdAt,
    })
    .from(immersioIdentities)
    .innerJoin(users, eq(users.id, immersioIdentities.userId))
    .innerJoin(
      immersioIntegrations,
      and(
        eq(immersioIntegrations.tenantId, tenantId),
        eq(immersioIntegrations.immersioOrgId, immersioIdentities.orgId),
      ),
    )
    .where(and(byEmail(users.email, email), eq(immersioIdentities.role, 'student')))
    .orderBy(asc(immersioIdentities.id));
}

/** The school's Immersio organisation, if it ever connected one. */
export async function tenantImmersioOrg(db: Executor, tenantId: number): Promise<string | null> {
  const [row] = await db
    .select({ orgId: immersioIntegrations.immersioOrgId })
    .from(immersioIntegrations)
    .where(eq(immersioIntegrations.tenantId, tenantId));
  return row?.orgId ?? null;
}

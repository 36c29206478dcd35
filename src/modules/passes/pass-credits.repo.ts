import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.ts';
import { type RawRow, toDate } from '../../db/rows.ts';

// A pass's credits as bookings use them. Every change of `credits_remaining` is one conditional
// update (the row lock orders concurrent bookings: the second re-reads the balance the first left)
// and writes its ledger row in the same statement or transaction.

export interface CoveringPass {
  id: number;
  uid: string;
}

/**
 * The student's passes that can pay for `credits` classes of the workshop now: paid, not expired,
 * enough credits left, covering the workshop; bought with this e-mail or by this verified Immersio
 * student. The one that expires first comes first (its credits would be lost soonest). A read:
 * the credits are taken by `takeCredits`, whose own conditions decide.
 */
export async function coveringPasses(
  db: Executor,
  q: {
    tenantId: number;
    email: string;
    immersioStudentId: string | undefined;
    workshopId: number;
    credits: number;
    now: Date;
  },
): Promise<CoveringPass[]> {
  const holder =
    q.immersioStudentId === undefined
      ? sql`sp.buyer_email = ${q.email}`
      : sql`(sp.buyer_email = ${q.email} or sp.immersio_student_id = ${q.immersioStudentId})`;
  return queryRows<CoveringPass>(
    db,
    sql`select sp.id, sp.uid from student_passes sp
        where sp.tenant_id = ${q.tenantId} and sp.status = 'active' and ${holder}
          and sp.expires_at > ${q.now} and sp.credits_remaining >= ${q.credits}
          and (sp.workshop_ids is null or ${q.workshopId} = any(sp.workshop_ids))
        order by sp.expires_at, sp.id
        limit 5`,
  );
}

export interface TakenCredits {
  id: number;
  uid: string;
  name: string;
  creditsRemaining: number;
  expiresAt: Date;
}

/**
 * Takes `credits` from the pass if it still has them, is active and has not expired: the
 * conditional update is the only check that counts. Undefined when the pass could not pay.
 */
export async function takeCredits(
  db: Executor,
  q: { tenantId: number; studentPassId: number; credits: number; now: Date },
): Promise<TakenCredits | undefined> {
  const [row] = await queryRows<RawRow<TakenCredits>>(
    db,
    sql`update student_passes set credits_remaining = credits_remaining - ${q.credits}, updated_at = ${q.now}
        where tenant_id = ${q.tenantId} and id = ${q.studentPassId} and status = 'active'
          and expires_at > ${q.now} and credits_remaining >= ${q.credits}
        returning id, uid, name, credits_remaining as "creditsRemaining", expires_at as "expiresAt"`,
  );
  return row && { ...row, expiresAt: toDate(row.expiresAt) };
}

/**
 * The ledger rows of credits just taken by `takeCredits`: one per booking, each with the balance
 * after it (`remaining` is the balance after them all).
 */
export async function recordBookingDebits(
  db: Executor,
  q: { tenantId: number; studentPassId: number; bookingIds: number[]; remaining: number; now: Date },
): Promise<void> {
  const count = q.bookingIds.length;
  const rows = q.bookingIds.map((bookingId, i) => ({ bookingId, balanceAfter: q.remaining + count - 1 - i }));
  await queryRows(
    db,
    sql`insert into pass_credit_entries (tenant_id, student_pass_id, kind, delta, balance_after, booking_id, created_at)
        select ${q.tenantId}, ${q.studentPassId}, 'booking', -1, r."balanceAfter", r."bookingId", ${q.now}
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r("bookingId" int, "balanceAfter" int)`,
  );
}

/**
 * Gives the booking's credit back to the pass that paid for it, once (the ledger's unique
 * booking index and the `not exists` make a second call a no-op), in one statement. Undefined
 * when no pass paid for the booking or its credit is back already.
 */
export async function returnBookingCredit(
  db: Executor,
  q: { tenantId: number; bookingId: number; now: Date },
): Promise<{ studentPassId: number; creditsRemaining: number } | undefined> {
  const [row] = await queryRows<{ studentPassId: number; creditsRemaining: number }>(
    db,
    sql`with debit as (
          select e.student_pass_id from pass_credit_entries e
          where e.tenant_id = ${q.tenantId} and e.booking_id = ${q.bookingId} and e.kind = 'booking'
            and not exists (select 1 from pass_credit_entries r
                            where r.booking_id = ${q.bookingId} and r.kind = 'booking_return')
        ), back as (
          update student_passes sp set credits_remaining = sp.credits_remaining + 1, updated_at = ${q.now}
          from debit where sp.tenant_id = ${q.tenantId} and sp.id = debit.student_pass_id
          returning sp.id, sp.credits_remaining
        ), entry as (
          insert into pass_credit_entries (tenant_id, student_pass_id, kind, delta, balance_after, booking_id, created_at)
          select ${q.tenantId}, back.id, 'booking_return', 1, back.credits_remaining, ${q.bookingId}, ${q.now}
          from back
          returning student_pass_id
        )
        select back.id as "studentPassId", back.credits_remaining as "creditsRemaining" from back, entry`,
  );
  return row;
}

export interface BookingPass {
  uid: string;
  name: string;
  /** The booking's credit has been given back (its cancellation was in the refund window). */
  returned: boolean;
}

/** The pass that paid for a booking, if one did. */
export async function passOfBooking(
  db: Executor,
  tenantId: number,
  bookingId: number,
): Promise<BookingPass | undefined> {
  const [row] = await queryRows<BookingPass>(
    db,
    sql`select sp.uid, sp.name,
               exists (select 1 from pass_credit_entries r
                       where r.booking_id = ${bookingId} and r.kind = 'booking_return') as returned
        from pass_credit_entries e
        join student_passes sp on sp.id = e.student_pass_id and sp.tenant_id = e.tenant_id
        where e.tenant_id = ${tenantId} and e.booking_id = ${bookingId} and e.kind = 'booking'`,
  );
  return row;
}

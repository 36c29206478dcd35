import { and, eq, getTableColumns, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.ts';
import { type RawRow, toDate, toDateOrNull } from '../../db/rows.ts';
import { studentPasses } from '../../db/schema/index.ts';

// What students bought: a pass waiting for its payment, activated by Stripe's webhook, its
// credits changed by staff; and its history (the ledger). A booking's use of it is in
// pass-credits.repo.ts.

export type StudentPassRow = typeof studentPasses.$inferSelect;

export type NewStudentPass = Pick<
  StudentPassRow,
  | 'uid'
  | 'tenantId'
  | 'passId'
  | 'name'
  | 'classes'
  | 'validDays'
  | 'workshopIds'
  | 'buyerName'
  | 'buyerEmail'
  | 'immersioStudentId'
  | 'amountCents'
  | 'feeCents'
  | 'currency'
  | 'checkoutExpiresAt'
  | 'language'
> & { now: Date };

export async function insertStudentPass(db: Executor, values: NewStudentPass): Promise<number> {
  const { now, ...row } = values;
  const [inserted] = await db
    .insert(studentPasses)
    .values({ ...row, status: 'pending', createdAt: now, updatedAt: now })
    .returning({ id: studentPasses.id });
  return inserted!.id;
}

export async function setPassCheckout(
  db: Executor,
  tenantId: number,
  id: number,
  checkout: { id: string; url: string },
): Promise<void> {
  await db
    .update(studentPasses)
    .set({ stripeCheckoutSessionId: checkout.id, checkoutUrl: checkout.url })
    .where(and(eq(studentPasses.tenantId, tenantId), eq(studentPasses.id, id)));
}

/** A pass still waiting for its payment whose checkout failed or ended: never paid. */
export async function markPassUnpaid(
  db: Executor,
  by: { tenantId: number; id: number } | { checkoutSessionId: string },
  now: Date,
): Promise<number | undefined> {
  const where =
    'checkoutSessionId' in by
      ? eq(studentPasses.stripeCheckoutSessionId, by.checkoutSessionId)
      : and(eq(studentPasses.tenantId, by.tenantId), eq(studentPasses.id, by.id));
  const [row] = await db
    .update(studentPasses)
    .set({ status: 'unpaid', updatedAt: now })
    .where(and(where, eq(studentPasses.status, 'pending')))
    .returning({ tenantId: studentPasses.tenantId });
  return row?.tenantId;
}

export async function lockPassByCheckout(db: Executor, checkoutSessionId: string) {
  const [row] = await db
    .select()
    .from(studentPasses)
    .where(eq(studentPasses.stripeCheckoutSessionId, checkoutSessionId))
    .for('update');
  return row;
}

/** A student's pass by its public uid, whatever the tenant: the manage link carries only uid and token. */
export async function findStudentPassByUid(db: Executor, uid: string) {
  const [row] = await db.select().from(studentPasses).where(eq(studentPasses.uid, uid));
  return row;
}

export async function findStudentPass(db: Executor, tenantId: number, id: number) {
  const [row] = await db
    .select()
    .from(studentPasses)
    .where(and(eq(studentPasses.tenantId, tenantId), eq(studentPasses.id, id)));
  return row;
}

export interface PassPayment {
  amountCents: number;
  feeCents: number;
  currency: string;
  stripePaymentId: string | null;
  stripeCustomerId: string | null;
  stripeAccountId: string | null;
}

/**
 * The payment arrived: the pass gets its credits and its expiry (counted from now) and the
 * ledger its `purchase` row, in one statement. Only a pass not yet active changes, so a
 * redelivered event does nothing; undefined then.
 */
export async function activateStudentPass(
  db: Executor,
  q: { tenantId: number; id: number; expiresAt: Date; payment: PassPayment; now: Date },
): Promise<{ creditsRemaining: number; expiresAt: Date } | undefined> {
  const p = q.payment;
  const [row] = await queryRows<RawRow<{ creditsRemaining: number; expiresAt: Date }>>(
    db,
    sql`with paid as (
          update student_passes set status = 'active', credits_remaining = classes,
            expires_at = ${q.expiresAt}, paid_at = ${q.now}, amount_cents = ${p.amountCents},
            fee_cents = ${p.feeCents}, currency = ${p.currency}, stripe_payment_id = ${p.stripePaymentId},
            stripe_customer_id = ${p.stripeCustomerId}, stripe_account_id = ${p.stripeAccountId},
            updated_at = ${q.now}
          where tenant_id = ${q.tenantId} and id = ${q.id} and status <> 'active' and paid_at is null
          returning id, credits_remaining, expires_at
        ), entry as (
          insert into pass_credit_entries (tenant_id, student_pass_id, kind, delta, balance_after, created_at)
          select ${q.tenantId}, paid.id, 'purchase', paid.credits_remaining, paid.credits_remaining, ${q.now}
          from paid
          returning id
        )
        select paid.credits_remaining as "creditsRemaining", paid.expires_at as "expiresAt" from paid, entry`,
  );
  return row && { creditsRemaining: row.creditsRemaining, expiresAt: toDate(row.expiresAt) };
}

/**
 * Staff change a pass's credits by `delta` (a grant or a correction) with their reason: the
 * balance may not go below zero, and only a paid pass changes. One statement with its ledger row;
 * undefined when refused.
 */
export async function adjustStudentPassCredits(
  db: Executor,
  q: { tenantId: number; id: number; delta: number; reason: string; actorUserId: number; now: Date },
): Promise<{ creditsRemaining: number; entryId: number } | undefined> {
  const [row] = await queryRows<{ creditsRemaining: number; entryId: number }>(
    db,
    sql`with changed as (
          update student_passes set credits_remaining = credits_remaining + ${q.delta}, updated_at = ${q.now}
          where tenant_id = ${q.tenantId} and id = ${q.id} and status = 'active'
            and credits_remaining + ${q.delta} >= 0
          returning id, credits_remaining
        ), entry as (
          insert into pass_credit_entries (tenant_id, student_pass_id, kind, delta, balance_after, reason,
            actor_user_id, created_at)
          select ${q.tenantId}, changed.id, 'adjustment', ${q.delta}, changed.credits_remaining, ${q.reason},
            ${q.actorUserId}, ${q.now}
          from changed
          returning id
        )
        select changed.credits_remaining as "creditsRemaining", entry.id as "entryId" from changed, entry`,
  );
  return row;
}

export interface PassEntry {
  id: number;
  kind: 'purchase' | 'booking' | 'booking_return' | 'adjustment';
  delta: number;
  balanceAfter: number;
  reason: string | null;
  createdAt: Date;
  booking: { uid: string; title: string; startTime: Date; status: string } | null;
  actorName: string | null;
}

/** The pass's ledger, newest first, with the booking each credit went to and who adjusted it. */
export async function passEntries(
  db: Executor,
  tenantId: number,
  studentPassId: number,
): Promise<PassEntry[]> {
  const rows = await queryRows<
    RawRow<Omit<PassEntry, 'booking'>> & {
      bookingUid: string | null;
      bookingTitle: string | null;
      bookingStart: Date | string | null;
      bookingStatus: string | null;
    }
  >(
    db,
    sql`select e.id, e.kind, e.delta, e.balance_after as "balanceAfter", e.reason, e.created_at as "createdAt",
               b.uid as "bookingUid", b.title as "bookingTitle", b.start_time as "bookingStart",
               b.status::text as "bookingStatus", u.name as "actorName"
        from pass_credit_entries e
        left join bookings b on b.id = e.booking_id and b.tenant_id = e.tenant_id
        left join users u on u.id = e.actor_user_id
        where e.tenant_id = ${tenantId} and e.student_pass_id = ${studentPassId}
        order by e.id desc
        limit 500`,
  );
  return rows.map(({ bookingUid, bookingTitle, bookingStart, bookingStatus, ...e }) => ({
    ...e,
    createdAt: toDate(e.createdAt),
    booking:
      bookingUid === null
        ? null
        : { uid: bookingUid, title: bookingTitle!, startTime: toDate(bookingStart!), status: bookingStatus! },
  }));
}

/** How staff filter the passes students bought. */
export interface StudentPassFilter {
  passId?: number | undefined;
  /** Part of the buyer's name or e-mail. */
  search?: string | undefined;
  /** usable: paid, credits left, not expired; used_up: no credits left; expired; pending; unpaid. */
  state?: 'usable' | 'used_up' | 'expired' | 'pending' | 'unpaid' | undefined;
}

export type StudentPassListRow = Omit<StudentPassRow, 'checkoutUrl' | 'stripeCheckoutSessionId'>;

/** The tenant's sold passes, newest first, a page after the cursor (created_at, id). */
export async function listStudentPasses(
  db: Executor,
  tenantId: number,
  q: StudentPassFilter & { now: Date; limit: number; after?: { createdAt: Date; id: number } | undefined },
): Promise<StudentPassListRow[]> {
  const { checkoutUrl: _url, stripeCheckoutSessionId: _session, ...columns } = getTableColumns(studentPasses);
  const t = studentPasses;
  const state = {
    usable: sql`${t.status} = 'active' and ${t.creditsRemaining} > 0 and ${t.expiresAt} > ${q.now}`,
    used_up: sql`${t.status} = 'active' and ${t.creditsRemaining} = 0`,
    expired: sql`${t.status} = 'active' and ${t.expiresAt} <= ${q.now}`,
    pending: sql`${t.status} = 'pending'`,
    unpaid: sql`${t.status} = 'unpaid'`,
  };
  const like = q.search ? `%${q.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
  const rows = await db
    .select(columns)
    .from(t)
    .where(
      and(
        eq(t.tenantId, tenantId),
        q.passId === undefined ? undefined : eq(t.passId, q.passId),
        like === undefined ? undefined : sql`(${t.buyerEmail} ilike ${like} or ${t.buyerName} ilike ${like})`,
        q.state ? state[q.state] : undefined,
        q.after ? sql`(${t.createdAt}, ${t.id}) < (${q.after.createdAt}, ${q.after.id})` : undefined,
      ),
    )
    .orderBy(sql`${t.createdAt} desc, ${t.id} desc`)
    .limit(q.limit);
  return rows.map((row) => ({ ...row, expiresAt: toDateOrNull(row.expiresAt) }));
}

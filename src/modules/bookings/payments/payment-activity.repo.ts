import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../../db/client.ts';
import { type RawRow, toDate } from '../../../db/rows.ts';

/** pass: a class pass sold (issue 16), whose payment lives on its `student_passes` row. */
export type ActivityKind = 'payment' | 'refund' | 'pass';

/** Where a page of the activity ends: the next page starts after this item. */
export interface ActivityCursor {
  at: Date;
  kind: ActivityKind;
  id: number;
}

export interface ActivityItem {
  kind: ActivityKind;
  id: number;
  at: Date;
  status: 'pending' | 'succeeded' | 'failed';
  amountCents: number;
  /** The platform's fee kept from a payment or pass sale; 0 for a refund. */
  feeCents: number;
  /** Of a payment: how much of it has been refunded so far. */
  refundedCents: number;
  currency: string;
  /** Of a refund: why it was made (student_cancelled, staff_cancelled, …). */
  reason: string | null;
  /** Of a refund that failed or is being retried: Stripe's last answer. */
  failureMessage: string | null;
  /** The booking's uid; of a pass sale, the student pass's (`pass_…`). */
  bookingUid: string;
  /** The booking's class, or the pass's name. */
  title: string;
  /** The attendee, or the pass's buyer. */
  attendeeName: string;
  attendeeEmail: string;
}

// Newest first over payments, refunds and the passes paid for (at their payment time: a pass
// not paid is no sale); (at, kind, id) orders ties, and the cursor resumes after it. Each branch
// is cut to the page size first, so a page reads at most 3 × limit rows.
export async function listPaymentActivity(
  db: Executor,
  tenantId: number,
  page: { limit: number; after?: ActivityCursor | undefined },
): Promise<ActivityItem[]> {
  const after = page.after;
  const before = (alias: string, kind: ActivityKind, column = 'created_at') =>
    after
      ? sql`and (${sql.raw(`${alias}.${column}`)}, ${kind}::text, ${sql.raw(alias)}.id) < (${after.at}, ${after.kind}::text, ${after.id})`
      : sql``;
  const rows = await queryRows<RawRow<ActivityItem>>(
    db,
    sql`select * from (
          (select 'payment' as kind, p.id, p.created_at as "at", p.status::text as status,
                  p.amount_cents as "amountCents", p.fee_cents as "feeCents",
                  p.refunded_cents as "refundedCents", p.currency, null::text as reason,
                  null::text as "failureMessage", b.uid as "bookingUid", b.title,
                  b.attendee_name as "attendeeName", b.attendee_email as "attendeeEmail"
           from payments p
           join bookings b on b.id = p.booking_id and b.tenant_id = p.tenant_id
           where p.tenant_id = ${tenantId} ${before('p', 'payment')}
           order by p.created_at desc, p.id desc limit ${page.limit})
          union all
          (select 'refund', r.id, r.created_at, r.status::text, r.amount_cents, 0, 0, r.currency, r.reason,
                  r.failure_message, b.uid, b.title, b.attendee_name, b.attendee_email
           from refunds r
           join bookings b on b.id = r.booking_id and b.tenant_id = r.tenant_id
           where r.tenant_id = ${tenantId} ${before('r', 'refund')}
           order by r.created_at desc, r.id desc limit ${page.limit})
          union all
          (select 'pass', sp.id, sp.paid_at, 'succeeded', sp.amount_cents, sp.fee_cents, 0, sp.currency,
                  null, null, sp.uid, sp.name, sp.buyer_name, sp.buyer_email
           from student_passes sp
           where sp.tenant_id = ${tenantId} and sp.status = 'active' and sp.paid_at is not null
             ${before('sp', 'pass', 'paid_at')}
           order by sp.paid_at desc, sp.id desc limit ${page.limit})
        ) activity
        order by "at" desc, kind desc, id desc
        limit ${page.limit}`,
  );
  return rows.map((row) => ({ ...row, at: toDate(row.at) }));
}

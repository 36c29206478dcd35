import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../../db/client.ts';
import { type RawRow, toDate } from '../../../db/rows.ts';

export type ActivityKind = 'payment' | 'refund';

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
  /** The platform's fee kept from a payment; 0 for a refund. */
  feeCents: number;
  /** Of a payment: how much of it has been refunded so far. */
  refundedCents: number;
  currency: string;
  /** Of a refund: why it was made (student_cancelled, staff_cancelled, …). */
  reason: string | null;
  /** Of a refund that failed or is being retried: Stripe's last answer. */
  failureMessage: string | null;
  bookingUid: string;
  title: string;
  attendeeName: string;
  attendeeEmail: string;
}

// Newest first over both tables; (at, kind, id) orders ties, and the cursor resumes after it.
// Each branch is cut to the page size first, so a page reads at most 2 × limit rows.
export async function listPaymentActivity(
  db: Executor,
  tenantId: number,
  page: { limit: number; after?: ActivityCursor | undefined },
): Promise<ActivityItem[]> {
  const after = page.after;
  const before = (alias: string, kind: ActivityKind) =>
    after
      ? sql`and (${sql.raw(alias)}.created_at, ${kind}::text, ${sql.raw(alias)}.id) < (${after.at}, ${after.kind}::text, ${after.id})`
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
        ) activity
        order by "at" desc, kind desc, id desc
        limit ${page.limit}`,
  );
  return rows.map((row) => ({ ...row, at: toDate(row.at) }));
}

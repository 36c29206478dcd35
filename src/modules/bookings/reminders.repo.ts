import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.ts';

// Reminder e-mails (issue 17): the workshop's offsets now, and the claim that makes each
// (booking, offset, start) one e-mail however many instances or retries deliver its job.

/** The workshop's current offsets; a reminder whose offset was removed since is not sent. */
export async function reminderOffsets(db: Executor, tenantId: number, workshopId: number): Promise<number[]> {
  const [row] = await queryRows<{ offsets: number[] }>(
    db,
    sql`select reminder_minutes_before as offsets from workshops
        where tenant_id = ${tenantId} and id = ${workshopId}`,
  );
  return row?.offsets ?? [];
}

/**
 * Claims one reminder inside the sending transaction: true for the first claimer. A concurrent
 * claimer waits on the primary key until that transaction ends, then sees the row (no send) or,
 * if the send failed and rolled back, takes it over.
 */
export async function claimReminder(
  tx: Executor,
  claim: { tenantId: number; bookingId: number; offsetMinutes: number; startTime: Date; now: Date },
): Promise<boolean> {
  const rows = await queryRows<{ booking_id: number }>(
    tx,
    sql`insert into booking_reminders (booking_id, offset_minutes, start_time, sent_at)
        select id, ${claim.offsetMinutes}, ${claim.startTime}, ${claim.now} from bookings
        where tenant_id = ${claim.tenantId} and id = ${claim.bookingId}
        on conflict do nothing
        returning booking_id`,
  );
  return rows.length > 0;
}

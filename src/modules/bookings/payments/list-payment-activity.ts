import type { Database } from '../../../db/client.ts';
import { type ActivityCursor, type ActivityItem, listPaymentActivity } from './payment-activity.repo.ts';

/**
 * The payments screen's recent payments and refunds of the school, newest first, a page at a
 * time: `nextCursor` resumes after the last item (keyset, so new payments never shift a page).
 */
export async function listRecentPayments(
  deps: { db: Database },
  input: { tenantId: number; limit: number; cursor?: ActivityCursor | undefined },
): Promise<{ items: ActivityItem[]; nextCursor: ActivityCursor | null }> {
  const rows = await listPaymentActivity(deps.db, input.tenantId, {
    limit: input.limit + 1,
    after: input.cursor,
  });
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > input.limit && last ? { at: last.at, kind: last.kind, id: last.id } : null,
  };
}

import type Stripe from 'stripe';
import { validationError } from '../../../lib/errors.ts';
import type { PaymentsContext } from './payments-deps.ts';
import { stripeAccountObject, toSnapshot } from './stripe-account-snapshot.ts';
import { applyAccountSnapshot } from './stripe-accounts.repo.ts';
import { goLiveWhenReady } from './stripe-connect-deps.ts';

/**
 * `account.updated` (a Connect webhook: `event.account` names the account): every school row for
 * the account takes its state unless a newer event was applied already; the account the platform
 * onboarded goes live once it can take charges. Returns what it did, for the log.
 */
export async function applyAccountUpdated(
  deps: Pick<PaymentsContext, 'db' | 'gateway' | 'bus' | 'now'>,
  event: Stripe.Event,
): Promise<string> {
  const parsed = stripeAccountObject.safeParse((event as { data?: { object?: unknown } }).data?.object);
  if (!parsed.success) {
    throw validationError(parsed.error.issues.map((i) => ({ ...i, path: ['data', 'object', ...i.path] })));
  }
  const named = (event as { account?: unknown }).account;
  if (named !== undefined && named !== null && named !== parsed.data.id) {
    throw validationError([{ path: ['account'], message: 'does not name the account in data.object' }]);
  }
  const created = typeof event.created === 'number' && Number.isFinite(event.created) ? event.created : 0;
  const snapshot = toSnapshot(parsed.data, new Date(created * 1000));
  const now = deps.now();
  const { rows, wentLive } = await deps.db.transaction(async (tx) => {
    const changed = await applyAccountSnapshot(tx, snapshot, now);
    const live: number[] = [];
    for (const row of changed) {
      if (await goLiveWhenReady(tx, row, deps.gateway, now)) live.push(row.tenantId);
    }
    return { rows: changed.length, wentLive: live };
  });
  for (const tenantId of wentLive) await deps.bus.publish({ type: 'tenant', tenantId });
  if (rows === 0) return 'ignored: no school has this account, or a newer state is stored';
  return wentLive.length > 0 ? 'account state stored; the account is live' : 'account state stored';
}

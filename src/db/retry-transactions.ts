import { transientConflict } from './errors.ts';

/** Attempts in all for a transaction PostgreSQL aborted to break a deadlock. */
export const TRANSACTION_ATTEMPTS = 3;

/**
 * Makes `db.transaction` run its callback again when PostgreSQL aborted it to break a deadlock or
 * a serialization conflict, as PostgreSQL's documentation advises. Two writers can meet in
 * opposite orders (a cancellation locks its booking, then the session's seat count; cancelling a
 * session locks the session, then its bookings), and the one chosen as the victim would
 * otherwise answer 500 for a request that is fine. The callbacks only touch the database (what
 * happens after a commit goes through the outbox), so a rolled-back attempt leaves nothing behind.
 */
// Structural, so that client.ts (which applies it) and this file do not import each other.
type Transactional = { transaction: (...args: never[]) => Promise<unknown> };

export function retryTransientTransactions<D extends Transactional>(
  db: D,
  random: () => number = Math.random,
): D {
  const once = db.transaction.bind(db) as unknown as (...args: unknown[]) => Promise<unknown>;
  const transaction = async (...args: unknown[]) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await once(...args);
      } catch (error) {
        if (attempt >= TRANSACTION_ATTEMPTS || !transientConflict(error)) throw error;
        // A few milliseconds, jittered, so that the two sides do not meet again in step.
        await new Promise((resolve) => setTimeout(resolve, 2 + random() * 8 * attempt));
      }
    }
  };
  db.transaction = transaction as unknown as D['transaction'];
  return db;
}

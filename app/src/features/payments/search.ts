import { optionalEnum } from '../../lib/search.ts';

export interface PaymentsSearch {
  /** Set by Stripe's Account Link on the way back: `return` (done or paused) or `refresh` (link spent). */
  stripe?: 'return' | 'refresh' | undefined;
}

export function paymentsSearch(raw: Record<string, unknown>): PaymentsSearch {
  return { stripe: optionalEnum(raw, 'stripe', ['return', 'refresh'] as const) };
}

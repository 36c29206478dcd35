import type { Logger } from '../../lib/logger.ts';

/**
 * Outgoing webhook events (WORKSHOP_CREATED, and the booking events later) are written to the
 * outbox in the transaction that causes them. Sending them to a tenant's Immersio webhook URL
 * arrives with the integration issue; until then no tenant has a receiver configured, so the
 * event is recorded as handled and logged at debug level. The payloads stay in the outbox table.
 */
export function webhookHandler(logger: Logger) {
  return async (payload: unknown, ctx: { id: number; tenantId: number | null }) => {
    const event = (payload as { event?: string } | null)?.event;
    logger.debug(
      { outboxId: ctx.id, tenantId: ctx.tenantId, event },
      'webhook event has no receiver configured',
    );
  };
}

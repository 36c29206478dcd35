import { z } from 'zod';

/**
 * Outgoing webhook events (spec section 3) are outbox messages of this kind, written in the
 * transaction that causes them by whichever domain does (workshops, bookings, payments) and
 * delivered by the Immersio integration. The kind lives here, below all of them.
 */
export const WEBHOOK_KIND = 'webhook';

/** An event's schema: `{event, timestamp, data}` with the event's own `data`. */
export function webhookEventSchema<const E extends string, D extends z.ZodType>(event: E, data: D) {
  return z.object({ event: z.literal(event), timestamp: z.iso.datetime(), data });
}

/**
 * What delivery needs of any stored event: it signs and sends `data` as stored, so only the
 * envelope is checked here (each event was checked against its own schema when written).
 */
export const webhookEnvelopeSchema = z
  .object({ event: z.string(), timestamp: z.string().optional(), data: z.unknown().optional() })
  .loose();
export type WebhookEnvelope = z.output<typeof webhookEnvelopeSchema>;

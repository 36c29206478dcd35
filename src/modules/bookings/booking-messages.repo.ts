import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';

/**
 * An outbox message written with the booking. When the booking's id is not known yet (it is
 * inserted by the same statement), `idPath` says where in the payload to put it, as a Postgres
 * path literal such as `{data,booking,id}`.
 */
export interface BookingMessage {
  kind: string;
  payload: unknown;
  idPath?: string;
}

/** The messages as one jsonb parameter, which the statement expands with `jsonb_to_recordset`. */
export function messagesJson(messages: BookingMessage[]): string {
  return JSON.stringify(
    messages.map((m) => ({ kind: m.kind, payload: m.payload, id_path: m.idPath ?? null })),
  );
}

/** Outbox messages for a booking whose id is known, in one insert. */
export async function writeMessages(
  db: Executor,
  tenantId: number,
  bookingId: number,
  messages: BookingMessage[],
) {
  if (messages.length === 0) return;
  await db.execute(
    sql`insert into outbox (kind, tenant_id, payload)
        select m.kind, ${tenantId},
               case when m.id_path is null then m.payload
                    else jsonb_set(m.payload, m.id_path::text[], to_jsonb(${bookingId}::int)) end
        from jsonb_to_recordset(${messagesJson(messages)}::jsonb) as m(kind text, payload jsonb, id_path text)`,
  );
}

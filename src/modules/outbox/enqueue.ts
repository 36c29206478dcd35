import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Executor } from '../../db/client.ts';
import { outbox } from '../../db/schema/outbox.ts';

export interface NewOutboxMessage {
  kind: string;
  tenantId?: number | null;
  payload: unknown;
  /** Not before this time; defaults to the database's now(). */
  runAt?: Date;
}

export interface EnqueueOptions {
  tenantId?: number | null;
  /** Not before this time; defaults to the database's now(). */
  runAt?: Date;
}

/**
 * Writes a message to be delivered by the outbox worker. Pass the transaction that makes the
 * change causing the side effect: the message exists exactly when that change commits.
 */
export async function enqueue(executor: Executor, message: NewOutboxMessage): Promise<number> {
  const [row] = await executor
    .insert(outbox)
    .values({
      kind: message.kind,
      tenantId: message.tenantId ?? null,
      // Drizzle sends null as SQL NULL, which the not-null column refuses; store JSON null.
      payload: message.payload ?? sql`'null'::jsonb`,
      ...(message.runAt ? { nextAttemptAt: message.runAt } : {}),
    })
    .returning({ id: outbox.id });
  return row!.id;
}

/**
 * `enqueue` for a typed job (`defineJob`): the job gives the kind, and its schema the payload's
 * type. The payload is written as given; the worker parses it when it delivers the message.
 */
export function enqueueJob<S extends z.ZodType>(
  executor: Executor,
  job: { readonly kind: string; readonly payload: S },
  payload: z.input<S>,
  options: EnqueueOptions = {},
): Promise<number> {
  return enqueue(executor, { kind: job.kind, payload, ...options });
}

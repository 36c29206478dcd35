import { sql } from 'drizzle-orm';
import { type Database, type Executor, queryRows } from '../../db/client.ts';

export type OutboxStatus = 'pending' | 'delivered' | 'dead';

export interface OutboxMessage {
  id: number;
  tenantId: number | null;
  kind: string;
  payload: unknown;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: Date;
  lockedUntil: Date | null;
  lockedBy: string | null;
  lastError: string | null;
  createdAt: Date;
  deliveredAt: Date | null;
}

// Enough to diagnose a failure without letting one chatty error bloat the table.
const MAX_ERROR_LENGTH = 2000;

const COLUMN_NAMES = [
  'id',
  'tenant_id',
  'kind',
  'payload',
  'status',
  'attempts',
  'next_attempt_at',
  'locked_until',
  'locked_by',
  'last_error',
  'created_at',
  'delivered_at',
];
const COLUMNS = sql.raw(COLUMN_NAMES.join(', '));
// After `from due`, a bare `id` would be ambiguous.
const QUALIFIED_COLUMNS = sql.raw(COLUMN_NAMES.map((c) => `outbox.${c}`).join(', '));

interface RawRow {
  id: number | string | bigint;
  tenant_id: number | null;
  kind: string;
  payload: unknown;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: Date | string;
  locked_until: Date | string | null;
  locked_by: string | null;
  last_error: string | null;
  created_at: Date | string;
  delivered_at: Date | string | null;
}

// pg answers int8 as a string and PGlite as a bigint; ids stay far below 2^53.
function toMessage(r: RawRow): OutboxMessage {
  const date = (v: Date | string | null) => (v === null ? null : new Date(v));
  return {
    id: Number(r.id),
    tenantId: r.tenant_id,
    kind: r.kind,
    payload: r.payload,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: new Date(r.next_attempt_at),
    lockedUntil: date(r.locked_until),
    lockedBy: r.locked_by,
    lastError: r.last_error,
    createdAt: new Date(r.created_at),
    deliveredAt: date(r.delivered_at),
  };
}

const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;

/**
 * Leases up to `limit` due messages to `workerId` in one statement. SKIP LOCKED lets concurrent
 * claimers pass over each other's rows instead of waiting, and the lease (locked_until) is what
 * hands a row back when its claimer dies. The CTE is MATERIALIZED so the locking LIMIT subquery
 * runs exactly once whatever plan the outer UPDATE gets.
 */
export async function claimDue(
  db: Database,
  options: { workerId: string; limit: number; leaseMs: number; now: Date },
): Promise<OutboxMessage[]> {
  const { workerId, limit, leaseMs, now } = options;
  const rows = await queryRows<RawRow>(
    db,
    sql`with due as materialized (
          select id from outbox
          where status = 'pending'
            and next_attempt_at <= ${ts(now)}
            and (locked_until is null or locked_until < ${ts(now)})
          order by next_attempt_at, id
          limit ${limit}
          for update skip locked
        )
        update outbox set locked_until = ${ts(new Date(now.getTime() + leaseMs))}, locked_by = ${workerId}
        from due where outbox.id = due.id
        returning ${QUALIFIED_COLUMNS}`,
  );
  return rows.map(toMessage).sort((a, b) => a.id - b.id);
}

/** Records a successful delivery; false when the lease was lost to another worker. */
export async function markDelivered(db: Database, id: number, workerId: string, now = new Date()) {
  const rows = await queryRows<{ id: unknown }>(
    db,
    sql`update outbox
        set status = 'delivered', attempts = attempts + 1, delivered_at = ${ts(now)},
            locked_until = null, locked_by = null, last_error = null
        where id = ${id} and locked_by = ${workerId} and status = 'pending'
        returning id`,
  );
  return rows.length > 0;
}

/**
 * `markDelivered` for many messages of one worker in one statement (one commit): the ids whose
 * lease was still this worker's come back; the others were lost to another worker.
 */
export async function markDeliveredMany(
  db: Database,
  ids: number[],
  workerId: string,
  now = new Date(),
): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await queryRows<{ id: number | string | bigint }>(
    db,
    sql`update outbox
        set status = 'delivered', attempts = attempts + 1, delivered_at = ${ts(now)},
            locked_until = null, locked_by = null, last_error = null
        where id in (${sql.join(
          ids.map((id) => sql`${id}`),
          sql`, `,
        )}) and locked_by = ${workerId} and status = 'pending'
        returning id`,
  );
  return new Set(rows.map((r) => Number(r.id)));
}

/**
 * Records a failed attempt: retried at `nextAttemptAt`, or dead when that is null. False when
 * the lease was lost, so a worker that overran its lease cannot overwrite the new owner's result.
 */
export async function markFailed(
  db: Database,
  id: number,
  workerId: string,
  result: { error: string; nextAttemptAt: Date | null },
) {
  const error = result.error.slice(0, MAX_ERROR_LENGTH);
  const next = result.nextAttemptAt;
  const rows = await queryRows<{ id: unknown }>(
    db,
    sql`update outbox
        set status = ${next ? 'pending' : 'dead'}::outbox_status, attempts = attempts + 1,
            next_attempt_at = ${next ? ts(next) : sql`next_attempt_at`},
            locked_until = null, locked_by = null, last_error = ${error}
        where id = ${id} and locked_by = ${workerId} and status = 'pending'
        returning id`,
  );
  return rows.length > 0;
}

export async function getMessage(db: Executor, id: number): Promise<OutboxMessage | undefined> {
  const [row] = await queryRows<RawRow>(db, sql`select ${COLUMNS} from outbox where id = ${id}`);
  return row && toMessage(row);
}

export async function pendingCount(db: Executor): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from outbox where status = 'pending'`,
  );
  return row?.n ?? 0;
}

export interface OutboxStats {
  pending: number;
  /** Pending and due now but not leased: a growing number means the worker is behind or down. */
  due: number;
  /** Leased to a worker right now. */
  inFlight: number;
  dead: number;
  oldestDueAt: Date | null;
}

/** Cheap enough for a readiness probe: it never touches delivered rows. */
export async function stats(db: Executor, now = new Date()): Promise<OutboxStats> {
  const [row] = await queryRows<{
    pending: number;
    due: number;
    in_flight: number;
    dead: number;
    oldest_due_at: Date | string | null;
  }>(
    db,
    sql`select
          (count(*) filter (where status = 'pending'))::int as pending,
          (count(*) filter (where status = 'pending' and next_attempt_at <= ${ts(now)}
            and (locked_until is null or locked_until < ${ts(now)})))::int as due,
          (count(*) filter (where status = 'pending' and locked_until >= ${ts(now)}))::int as in_flight,
          (count(*) filter (where status = 'dead'))::int as dead,
          min(next_attempt_at) filter (where status = 'pending' and next_attempt_at <= ${ts(now)}) as oldest_due_at
        from outbox
        -- delivered rows are history and can be many; the status index skips them
        where status in ('pending', 'dead')`,
  );
  return {
    pending: row?.pending ?? 0,
    due: row?.due ?? 0,
    inFlight: row?.in_flight ?? 0,
    dead: row?.dead ?? 0,
    oldestDueAt: row?.oldest_due_at ? new Date(row.oldest_due_at) : null,
  };
}

/**
 * Delivered rows are only history (and the delivery log admins read); deletes those delivered
 * before `before`, with their recorded webhook attempts, at most `limit` per call so no statement
 * holds its locks for long. Dead rows stay for an operator to look at.
 */
export async function deleteDelivered(db: Executor, before: Date, limit = 5_000): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`with gone as (
          delete from outbox where id in (
            select id from outbox where status = 'delivered' and delivered_at < ${ts(before)}
            order by id limit ${limit}
          ) returning id
        ), attempts as (
          delete from webhook_deliveries where outbox_id in (select id from gone) returning 1
        )
        select count(*)::int as n from gone`,
  );
  return row?.n ?? 0;
}

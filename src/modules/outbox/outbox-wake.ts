import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { DatabaseHandle } from '../../db/client.ts';
import type { Logger } from '../../lib/logger.ts';
import type { WakeSource } from './outbox.worker.ts';

/**
 * The channel the `outbox_notify_wake` trigger (migration 0006) notifies after every statement that inserted rows (migrations 0006, 0010)
 * that inserts into the outbox. PostgreSQL delivers a notification only when its transaction
 * commits, so a worker woken by it always finds the new rows.
 */
export const OUTBOX_WAKE_CHANNEL = 'outbox_wake';

/** How the listening connection shows in pg_stat_activity. */
export const WAKE_APPLICATION_NAME = 'outbox-wake';

export interface PgWakeOptions {
  /** Connection settings for the dedicated listening connection (e.g. the pool's). */
  connection: pg.ClientConfig;
  logger: Logger;
  /** First reconnect delay after the connection is lost; doubles up to `maxRetryMs`. */
  minRetryMs?: number;
  maxRetryMs?: number;
}

/**
 * LISTEN on one dedicated connection (a pooled one would be handed to queries and lose the
 * subscription). When the connection drops it reconnects with backoff and, once listening again,
 * wakes the worker once: whatever was committed while nobody listened is picked up at once
 * instead of at the next poll.
 */
export function pgWakeSource(options: PgWakeOptions): WakeSource {
  const { logger } = options;
  const minRetryMs = options.minRetryMs ?? 100;
  const maxRetryMs = options.maxRetryMs ?? 5000;
  let client: pg.Client | undefined;
  let stopped = true;
  let retryMs = minRetryMs;
  let retryTimer: NodeJS.Timeout | undefined;
  let onWake: () => void = () => {};

  function lost(c: pg.Client, error?: unknown) {
    if (client !== c) return;
    client = undefined;
    c.end().catch(() => {});
    if (stopped) return;
    logger.warn({ err: error, retryMs }, 'outbox: wake listener lost its connection, reconnecting');
    retryTimer = setTimeout(connect, retryMs);
    retryTimer.unref();
    retryMs = Math.min(retryMs * 2, maxRetryMs);
  }

  async function connect() {
    retryTimer = undefined;
    if (stopped) return;
    const c = new pg.Client({
      ...options.connection,
      keepAlive: true,
      application_name: WAKE_APPLICATION_NAME,
    });
    client = c;
    c.on('notification', (message) => {
      if (message.channel === OUTBOX_WAKE_CHANNEL) onWake();
    });
    c.on('error', (error) => lost(c, error));
    c.on('end', () => lost(c));
    try {
      await c.connect();
      await c.query(`LISTEN ${OUTBOX_WAKE_CHANNEL}`);
    } catch (error) {
      lost(c, error);
      return;
    }
    if (client !== c) return;
    retryMs = minRetryMs;
    onWake();
  }

  return {
    start(wake) {
      if (!stopped) return;
      stopped = false;
      onWake = wake;
      void connect();
    },
    async stop() {
      stopped = true;
      clearTimeout(retryTimer);
      retryTimer = undefined;
      const c = client;
      client = undefined;
      await c?.end().catch(() => {});
    },
  };
}

/** PGlite's in-process notifications: the same trigger, no connection to keep. */
export function pgliteWakeSource(pglite: PGlite, logger: Logger): WakeSource {
  let unsubscribe: (() => Promise<void>) | undefined;
  let starting: Promise<void> | undefined;
  return {
    start(wake) {
      starting ??= pglite
        .listen(OUTBOX_WAKE_CHANNEL, () => wake())
        .then((unlisten) => {
          unsubscribe = unlisten;
        })
        .catch((error: unknown) => logger.warn({ err: error }, 'outbox: could not LISTEN on PGlite'));
    },
    async stop() {
      await starting;
      starting = undefined;
      const u = unsubscribe;
      unsubscribe = undefined;
      // A closed database has nothing left to unsubscribe from.
      await u?.().catch(() => {});
    },
  };
}

/** The wake source for an opened database: LISTEN/NOTIFY on PostgreSQL, in-process on PGlite. */
export function wakeSourceFor(database: DatabaseHandle, logger: Logger): WakeSource | undefined {
  if (database.pool) return pgWakeSource({ connection: database.pool.options, logger });
  if (database.pglite) return pgliteWakeSource(database.pglite, logger);
  return undefined;
}

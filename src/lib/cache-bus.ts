import { Redis } from 'ioredis';
import type { Logger } from './logger.ts';

export type CacheEvent =
  | { type: 'session'; token: string }
  | { type: 'user'; userId: number }
  | { type: 'tenant'; tenantId: number }
  /** A workshop, session or seat count changed: what the public catalogue shows. */
  | { type: 'catalog'; tenantId: number }
  /** Only seat counts changed (a booking taken or given back): the catalogue's availability. */
  | { type: 'seats'; tenantId: number };

export interface CacheBus {
  /** Applies the event here and, with Redis, on every other instance. */
  publish(event: CacheEvent): Promise<void>;
  subscribe(handler: (event: CacheEvent) => void): void;
  close(): Promise<void>;
}

/** In-process only: one instance, nothing to tell. */
export function createLocalCacheBus(): CacheBus {
  const handlers: Array<(event: CacheEvent) => void> = [];
  return {
    async publish(event) {
      for (const handler of handlers) handler(event);
    },
    subscribe(handler) {
      handlers.push(handler);
    },
    async close() {},
  };
}

/**
 * Redis pub/sub so that a sign-out or a tenant change on one instance drops the cached copy
 * on all of them. The local handlers run synchronously too, so the writer's own instance never
 * serves stale data even for the few milliseconds a round trip takes.
 */
export function createRedisCacheBus(redisUrl: string, prefix: string, logger: Logger): CacheBus {
  const CHANNEL = `${prefix}cache-invalidate`;
  const handlers: Array<(event: CacheEvent) => void> = [];
  const instanceId = `${process.pid}-${Math.random().toString(36).slice(2)}`;
  const pub = new Redis(redisUrl, { lazyConnect: false, maxRetriesPerRequest: 2 });
  const sub = new Redis(redisUrl, { lazyConnect: false });
  const dispatch = (event: CacheEvent) => {
    for (const handler of handlers) handler(event);
  };
  pub.on('error', (error) => logger.warn({ err: error }, 'cache bus publisher error'));
  sub.on('error', (error) => logger.warn({ err: error }, 'cache bus subscriber error'));
  void sub.subscribe(CHANNEL).catch((error) => logger.error({ err: error }, 'cache bus subscribe failed'));
  sub.on('message', (_channel, message) => {
    try {
      const { origin, event } = JSON.parse(message) as { origin: string; event: CacheEvent };
      if (origin !== instanceId) dispatch(event);
    } catch (error) {
      logger.warn({ err: error }, 'ignoring malformed cache bus message');
    }
  });
  return {
    async publish(event) {
      dispatch(event);
      try {
        await pub.publish(CHANNEL, JSON.stringify({ origin: instanceId, event }));
      } catch (error) {
        // Entries expire on their own (short TTLs), so a lost message only delays the change.
        logger.warn({ err: error }, 'cache bus publish failed');
      }
    },
    subscribe(handler) {
      handlers.push(handler);
    },
    async close() {
      sub.disconnect();
      pub.disconnect();
    },
  };
}

import { Redis } from 'ioredis';
import type { Logger } from './logger.ts';

export type CacheEvent =
  | { type: 'session'; token: string }
  | { type: 'user'; userId: number }
  | { type: 'tenant'; tenantId: number }
  /** A workshop, session or seat count changed: what the public catalogue shows. */
  | { type: 'catalog'; tenantId: number }
  /** Only seat counts changed (a booking taken or given back): the catalogue's availability. */
  | { type: 'seats'; tenantId: number }
  /** An API key was revoked: no instance may honour it from its cache any more. */
  | { type: 'apiKey'; keyId: number }
  /**
   * Everything may be stale: the bus lost its connection (invalidations published meanwhile never
   * arrived here), or came back from that. Only ever dispatched locally.
   */
  | { type: 'all' };

export interface CacheBus {
  /** Applies the event here and, with Redis, on every other instance. */
  publish(event: CacheEvent): Promise<void>;
  subscribe(handler: (event: CacheEvent) => void): void;
  /**
   * Whether an invalidation published anywhere reaches this instance now. While it doesn't,
   * caches whose staleness matters (sessions: a sign-out elsewhere) must not be used.
   */
  delivering(): boolean;
  /** `redis` when the bus runs over Redis: `up` or `down`, for readiness and logs. */
  state(): 'local' | 'up' | 'down';
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
    delivering: () => true,
    state: () => 'local',
    async close() {},
  };
}

/**
 * Redis pub/sub so that a sign-out or a tenant change on one instance drops the cached copy
 * on all of them. The local handlers run synchronously too, so the writer's own instance never
 * serves stale data even for the few milliseconds a round trip takes.
 *
 * While either connection is down the bus says so (`delivering()` is false) and every cache is
 * dropped, once when it goes down and once when it is back, since whatever was published in
 * between never arrived. Events this instance could not publish are kept (bounded) and sent on
 * reconnection, so the other instances hear of them too.
 */
export function createRedisCacheBus(redisUrl: string, prefix: string, logger: Logger): CacheBus {
  const CHANNEL = `${prefix}cache-invalidate`;
  const handlers: Array<(event: CacheEvent) => void> = [];
  const instanceId = `${process.pid}-${Math.random().toString(36).slice(2)}`;
  // No offline queue: while Redis is away a publish fails at once instead of waiting.
  const pub = new Redis(redisUrl, { lazyConnect: false, maxRetriesPerRequest: 1, enableOfflineQueue: false });
  // Subscribed on every 'ready' below, so that the bus knows when it hears the channel again.
  const sub = new Redis(redisUrl, { lazyConnect: false, autoResubscribe: false });
  const unsent: CacheEvent[] = [];
  let subscribed = false;
  let wasDelivering = false;
  const dispatch = (event: CacheEvent) => {
    for (const handler of handlers) handler(event);
  };
  const delivering = () => subscribed && sub.status === 'ready' && pub.status === 'ready';
  const noteChange = () => {
    const now = delivering();
    if (now === wasDelivering) return;
    wasDelivering = now;
    dispatch({ type: 'all' });
    if (now) {
      logger.info('cache bus connected: caches dropped and in use again');
      void flush();
    } else {
      logger.warn('cache bus disconnected: session cache off and caches dropped until Redis is back');
    }
  };
  const send = (event: CacheEvent) => pub.publish(CHANNEL, JSON.stringify({ origin: instanceId, event }));
  const flush = async () => {
    while (unsent.length > 0 && delivering()) {
      const event = unsent[0]!;
      try {
        await send(event);
        unsent.shift();
      } catch {
        return;
      }
    }
  };
  pub.on('error', (error) => logger.debug({ err: error }, 'cache bus publisher error'));
  sub.on('error', (error) => logger.debug({ err: error }, 'cache bus subscriber error'));
  pub.on('close', noteChange);
  pub.on('ready', noteChange);
  sub.on('close', () => {
    subscribed = false;
    noteChange();
  });
  sub.on('ready', () => {
    sub.subscribe(CHANNEL).then(
      () => {
        subscribed = true;
        noteChange();
      },
      (error: unknown) => logger.error({ err: error }, 'cache bus subscribe failed'),
    );
  });
  sub.on('message', (_channel, message) => {
    try {
      const { origin, event } = JSON.parse(message) as { origin: string; event: CacheEvent };
      if (origin !== instanceId && event.type !== 'all') dispatch(event);
    } catch (error) {
      logger.warn({ err: error }, 'ignoring malformed cache bus message');
    }
  });
  return {
    async publish(event) {
      dispatch(event);
      try {
        if (!delivering()) throw new Error('cache bus is not connected');
        await send(event);
      } catch (error) {
        // Sent when the bus is back; meanwhile no instance caches sessions, and other entries
        // expire on their own (short TTLs), so a delay here is bounded either way.
        if (unsent.length < 10_000) unsent.push(event);
        logger.debug({ err: error }, 'cache bus publish deferred');
      }
    },
    subscribe(handler) {
      handlers.push(handler);
    },
    delivering,
    state: () => (delivering() ? 'up' : 'down'),
    async close() {
      sub.disconnect();
      pub.disconnect();
    },
  };
}

import type { ChaosSchool } from './school.ts';

// The load: virtual students booking random sessions and cancelling some of their bookings at
// once, each request sent to the instances in turn. Every answer is recorded with its time, so
// the checks can tell a 503 during the database's outage from a 500 that should never be.

export interface Outcome {
  at: number;
  /** When the answer (or the failure) came: a request in flight across an outage may fail. */
  done: number;
  kind: 'book' | 'cancel';
  instance: string;
  /** HTTP status, or 0 when the connection failed (an instance killed mid-request). */
  status: number;
  code?: string;
  uid?: string;
}

export interface Burst {
  outcomes: Outcome[];
  /** Booking uids answered 201, and those whose cancellation was answered 200. */
  created: Set<string>;
  cancelled: Set<string>;
  stop(): Promise<void>;
}

const TIMEOUT_MS = 15_000;

export function startBurst(options: { school: ChaosSchool; instances: string[]; clients: number }): Burst {
  const { school, instances } = options;
  const outcomes: Outcome[] = [];
  const created = new Set<string>();
  const cancelled = new Set<string>();
  let stopped = false;
  let turn = 0;
  let serial = 0;
  const next = () => instances[turn++ % instances.length]!;

  async function send(kind: Outcome['kind'], url: string, body: unknown, instance: string) {
    const at = Date.now();
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      const json = (await response.json().catch(() => ({}))) as Record<string, unknown>;
      const outcome: Outcome = { at, done: Date.now(), kind, instance, status: response.status };
      if (typeof json.code === 'string') outcome.code = json.code;
      outcomes.push(outcome);
      return { outcome, json };
    } catch {
      const outcome: Outcome = { at, done: Date.now(), kind, instance, status: 0 };
      outcomes.push(outcome);
      return { outcome, json: {} as Record<string, unknown> };
    }
  }

  async function student(client: number) {
    while (!stopped) {
      const session = school.sessions[Math.floor(Math.random() * school.sessions.length)]!;
      const instance = next();
      const n = ++serial;
      const { outcome, json } = await send(
        'book',
        `${instance}/api/v1/public/bookings`,
        {
          tenantSlug: school.slug,
          workshopSlug: session.workshopSlug,
          startTime: session.startTime,
          attendee: {
            name: `Student ${client}-${n}`,
            email: `s${client}-${n}@chaos.test`,
            timeZone: 'Europe/Berlin',
          },
        },
        instance,
      );
      if (outcome.status === 0 || outcome.status >= 500) await pause(100);
      if (outcome.status !== 201) continue;
      const booking = json.booking as { uid: string };
      outcome.uid = booking.uid;
      created.add(booking.uid);
      if (Math.random() >= 0.4) continue;
      const token = new URL(String(json.manageUrl)).searchParams.get('token');
      const other = next();
      const cancel = await send(
        'cancel',
        `${other}/api/v1/public/bookings/${booking.uid}/cancel`,
        { token, reason: 'chaos' },
        other,
      );
      cancel.outcome.uid = booking.uid;
      if (cancel.outcome.status === 200) cancelled.add(booking.uid);
    }
  }

  const running = Array.from({ length: options.clients }, (_, i) => student(i + 1));
  return {
    outcomes,
    created,
    cancelled,
    async stop() {
      stopped = true;
      await Promise.all(running);
    },
  };
}

function pause(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { TestApp } from '../support/app.ts';
import { createTenant, useTestApp } from '../support/app.ts';
import { book, bookingRequest, createWorkshop, manageParts, postJson, waitFor } from '../support/bookings.ts';

const TOKEN = 'metrics-token-0123456789';
const app = useTestApp({ env: { METRICS_TOKEN: TOKEN } });

async function scrape(target: TestApp): Promise<string> {
  const response = await fetch(`${target.baseUrl}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return response.text();
}

/** The value of one sample: `name` with exactly these labels (in any order); 0 when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels)
    .map(([k, v]) => `${k}="${v}"`)
    .sort()
    .join(',');
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const got = (match[2] ?? '')
      .split(/,(?=[a-zA-Z_]+=")/)
      .filter(Boolean)
      .sort()
      .join(',');
    if (got === wanted) return Number(match[3]);
  }
  return 0;
}

const FAMILIES = [
  'http_request_duration_seconds',
  'bookings_created_total',
  'bookings_cancelled_total',
  'bookings_refused_total',
  'booking_seats_held',
  'outbox_messages',
  'outbox_oldest_due_age_seconds',
  'webhook_deliveries_total',
  'emails_sent_total',
  'emails_failed_total',
  'db_pool_connections',
  'nodejs_eventloop_lag_seconds',
];

describe('GET /metrics', () => {
  it('serves every metric family to a loopback client, without a token', async () => {
    const text = await scrape(app);
    for (const family of FAMILIES) expect(text).toContain(`# TYPE ${family} `);
    const pool = sample(text, 'db_pool_connections', { state: 'total' });
    expect(pool).toBeGreaterThanOrEqual(app.database.kind === 'pglite' ? 1 : 0);
    expect(sample(text, 'db_pool_connections', { state: 'max' })).toBeGreaterThanOrEqual(1);
  });

  it('times requests by route pattern and status, unknown URLs under one label', async () => {
    await fetch(`${app.baseUrl}/api/health`);
    const missing = await fetch(`${app.baseUrl}/api/v1/public/bookings/booking_nope?token=x`);
    expect(missing.status).toBeGreaterThanOrEqual(400);
    await fetch(`${app.baseUrl}/api/v1/no-such-route-${Date.now()}`);
    const text = await scrape(app);
    const count = (route: string, status: string) =>
      sample(text, 'http_request_duration_seconds_count', { method: 'GET', route, status_code: status });
    expect(count('/api/health', '200')).toBeGreaterThanOrEqual(1);
    expect(count('/api/v1/public/bookings/:uid', String(missing.status))).toBeGreaterThanOrEqual(1);
    expect(count('unmatched', '404')).toBeGreaterThanOrEqual(1);
    expect(text).not.toContain('booking_nope');
    expect(text).not.toContain('no-such-route');
  });

  it('counts bookings created, cancelled and refused by reason; e-mails and webhooks by outcome', async () => {
    const before = await scrape(app);
    const t = await createTenant(app);
    const w = await createWorkshop(t, { seats: 1 });
    const made = await book(app, bookingRequest(t, w, 'first@example.test'));
    expect(made.status).toBe(201);
    const full = await book(app, bookingRequest(t, w, 'second@example.test'));
    expect(full.body.code).toBe('NO_SEATS_AVAILABLE');
    const listed = await createWorkshop(t, { whitelistEnabled: true, whitelistEmails: ['in@example.test'] });
    const denied = await book(app, bookingRequest(t, listed, 'out@example.test'));
    expect(denied.body.code).toBe('WHITELIST_DENIED');
    const { uid, token } = manageParts(made.body.manageUrl);
    expect((await postJson(app, `/api/v1/public/bookings/${uid}/cancel`, { token })).status).toBe(200);

    const after = await scrape(app);
    const delta = (name: string, labels: Record<string, string> = {}) =>
      sample(after, name, labels) - sample(before, name, labels);
    expect(delta('bookings_created_total')).toBe(1);
    expect(delta('bookings_refused_total', { reason: 'NO_SEATS_AVAILABLE' })).toBe(1);
    expect(delta('bookings_refused_total', { reason: 'WHITELIST_DENIED' })).toBe(1);
    expect(delta('bookings_cancelled_total', { by: 'student' })).toBe(1);

    // The worker sends the confirmation e-mails and finds no webhook endpoint for this school.
    await waitFor(async () => {
      const now = await scrape(app);
      const sent = sample(now, 'emails_sent_total') - sample(before, 'emails_sent_total');
      const skipped =
        sample(now, 'webhook_deliveries_total', { outcome: 'skipped' }) -
        sample(before, 'webhook_deliveries_total', { outcome: 'skipped' });
      return sent >= 2 && skipped >= 2 ? true : undefined;
    });
  });

  it('answers non-loopback clients 401 without the right bearer token, 200 with it', async () => {
    const server = app.running.app;
    const remote = { method: 'GET' as const, url: '/metrics', remoteAddress: '203.0.113.9' };
    const none = await server.inject(remote);
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toBe('Bearer realm="metrics"');
    expect(none.json()).toEqual({ error: 'Authentication required', code: 'UNAUTHORIZED' });
    const wrong = await server.inject({ ...remote, headers: { authorization: `Bearer ${TOKEN}x` } });
    expect(wrong.statusCode).toBe(401);
    // X-Forwarded-For never makes a remote client local.
    const forged = await server.inject({ ...remote, headers: { 'x-forwarded-for': '127.0.0.1' } });
    expect(forged.statusCode).toBe(401);
    const right = await server.inject({ ...remote, headers: { authorization: `Bearer ${TOKEN}` } });
    expect(right.statusCode).toBe(200);
    expect(right.body).toContain('# TYPE bookings_created_total counter');
    const local = await server.inject({ method: 'GET', url: '/metrics', remoteAddress: '::1' });
    expect(local.statusCode).toBe(200);
  });
});

describe('GET /metrics without METRICS_TOKEN, worker stopped', () => {
  const idle = useTestApp({ worker: false });

  it('is 404 to non-loopback clients, as if absent', async () => {
    const remote = await idle.running.app.inject({
      method: 'GET',
      url: '/metrics',
      remoteAddress: '10.1.2.3',
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(remote.statusCode).toBe(404);
    expect(remote.json()).toEqual({ error: 'Resource not found', code: 'NOT_FOUND' });
  });

  it('reflects a pending outbox row in the backlog and the age of the oldest due row', async () => {
    const before = await scrape(idle);
    expect(sample(before, 'outbox_oldest_due_age_seconds')).toBe(0);
    const dueAt = new Date(idle.clock.now().getTime() - 90_000).toISOString();
    await idle.database.db.execute(
      sql`insert into outbox (kind, payload, next_attempt_at) values ('email', '{}'::jsonb, ${dueAt}::timestamptz)`,
    );
    const after = await scrape(idle);
    expect(sample(after, 'outbox_messages', { state: 'pending' })).toBe(
      sample(before, 'outbox_messages', { state: 'pending' }) + 1,
    );
    expect(sample(after, 'outbox_messages', { state: 'due' })).toBe(
      sample(before, 'outbox_messages', { state: 'due' }) + 1,
    );
    expect(sample(after, 'outbox_oldest_due_age_seconds')).toBeGreaterThanOrEqual(90);
    expect(sample(after, 'booking_seats_held')).toBe(0);
  });
});

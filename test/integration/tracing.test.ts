import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../support/db.ts';
import { startReceiver, type WebhookReceiver } from '../support/webhook-receiver.ts';

// OpenTelemetry (issue 19, part 3): the real process, started by main.ts with
// OTEL_EXPORTER_OTLP_ENDPOINT pointing at a local collector that records what it is sent.

const MAIN = path.resolve(import.meta.dirname, '../../src/main.ts');

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes: Array<{ key: string; value: { stringValue?: string; intValue?: string | number } }>;
}
interface OtlpExport {
  resourceSpans: Array<{
    resource: { attributes: Array<{ key: string; value: { stringValue?: string } }> };
    scopeSpans: Array<{ spans: OtlpSpan[] }>;
  }>;
}

const attribute = (span: OtlpSpan, key: string) => {
  const value = span.attributes.find((a) => a.key === key)?.value;
  return value?.stringValue ?? (value?.intValue === undefined ? undefined : Number(value.intValue));
};

let collector: WebhookReceiver;
let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
let dataDir: string;
let child: ChildProcess | undefined;

beforeAll(async () => {
  collector = await startReceiver();
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'ibs-tracing-'));
  if (process.env.DATABASE_URL) database = await createTestDatabase();
});
afterAll(async () => {
  if (child?.exitCode === null) child.kill('SIGKILL');
  await collector?.close();
  await database?.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** Starts the service; resolves with its address once it logs that it is up. */
async function startService(env: Record<string, string>): Promise<{ address: string; log: () => string }> {
  const { DATABASE_URL: _db, REDIS_URL: _redis, ...inherited } = process.env;
  child = spawn(process.execPath, [MAIN], {
    env: {
      ...inherited,
      NODE_ENV: 'development',
      DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      SEED_DEMO: 'true',
      ...(database?.url ? { DATABASE_URL: database.url } : {}),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr!.on('data', (chunk) => {
    output += chunk;
  });
  for (;;) {
    const match = /"address":"(http:\/\/[^"]+)"/.exec(output);
    if (match) return { address: match[1]!, log: () => output };
    if (child.exitCode !== null) throw new Error(`the service exited early:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('tracing', () => {
  it('sends a span per request, its hooks and its queries, to the collector, on the caller’s trace', async () => {
    const endpoint = `${new URL(collector.url).origin}/otel`;
    const { address, log } = await startService({
      OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
      OTEL_SERVICE_NAME: 'booking-under-test',
    });
    expect(log()).toContain(`"tracing":"${endpoint}"`);
    const traceId = '0af7651916cd43dd8448eb211c80319c';
    const callerSpan = 'b7ad6b7169203331';
    const landing = await fetch(`${address}/api/v1/public/landing/no-such-school?email=ana@example.test`, {
      headers: { traceparent: `00-${traceId}-${callerSpan}-01` },
    });
    expect(landing.status).toBe(404);
    expect((await fetch(`${address}/api/health`)).status).toBe(200);
    // A free booking of the demo school: its confirmation e-mail is an outbox delivery.
    const school = (await (await fetch(`${address}/api/v1/public/landing/language-academy`)).json()) as {
      workshops: Array<{ slug: string; price: number; workshopType: string; nextOccurrence: string | null }>;
    };
    const free = school.workshops.find(
      (w) => w.price === 0 && w.workshopType !== 'tutoring' && w.nextOccurrence,
    );
    const booked = await fetch(`${address}/api/v1/public/bookings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        tenantSlug: 'language-academy',
        workshopSlug: free!.slug,
        startTime: free!.nextOccurrence,
        attendee: { name: 'Ana Traza', email: 'ana.traza@example.test', timeZone: 'Europe/Madrid' },
      }),
    });
    expect(booked.status, await booked.clone().text()).toBe(201);
    // Delivered once the e-mail is in DATA_DIR/mail (no SMTP_URL here).
    while ((await readdir(path.join(dataDir, 'mail')).catch(() => [])).length === 0) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // SIGTERM flushes what the batch processor still holds.
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    child!.kill('SIGTERM');
    await exited;

    const exports = collector.received
      .filter((request) => request.path === '/otel/v1/traces')
      .map((request) => JSON.parse(request.body) as OtlpExport);
    expect(exports.length, log()).toBeGreaterThan(0);
    const resources = exports.flatMap((e) => e.resourceSpans);
    expect(resources[0]!.resource.attributes.find((a) => a.key === 'service.name')?.value.stringValue).toBe(
      'booking-under-test',
    );
    const spans = resources.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans));

    const request = spans.find((span) => span.name === 'GET /api/v1/public/landing/:slug');
    expect(request, spans.map((span) => span.name).join(', ')).toBeDefined();
    expect(request!.traceId).toBe(traceId);
    expect(request!.parentSpanId).toBe(callerSpan);
    expect(attribute(request!, 'http.route')).toBe('/api/v1/public/landing/:slug');
    expect(attribute(request!, 'http.response.status_code')).toBe(404);
    // The query string (an e-mail address here) is not recorded.
    expect(attribute(request!, 'url.path')).toBe('/api/v1/public/landing/no-such-school');
    expect(JSON.stringify(spans)).not.toContain('ana@example.test');

    const inTrace = spans.filter((span) => span.traceId === traceId);
    expect(inTrace.some((span) => span.parentSpanId === request!.spanId)).toBe(true);
    if (database) {
      // PostgreSQL through `pg` (PGlite has no driver to instrument): the tenant lookup.
      const query = inTrace.find((span) => span.name.startsWith('pg.query'));
      expect(query, inTrace.map((span) => span.name).join(', ')).toBeDefined();
      expect(attribute(query!, 'db.system.name') ?? attribute(query!, 'db.system')).toBe('postgresql');
      // The worker's polling is not traced on its own: every query span has a parent.
      expect(spans.filter((span) => span.name.startsWith('pg') && !span.parentSpanId)).toEqual([]);
    }
    const delivery = spans.find((span) => span.name === 'outbox booking-email');
    expect(delivery, spans.map((span) => span.name).join(', ')).toBeDefined();
    expect(attribute(delivery!, 'outbox.attempt')).toBe(1);
    // Probes are left out.
    expect(spans.some((span) => attribute(span, 'http.route') === '/api/health')).toBe(false);
  });

  it('samples by OTEL_TRACES_SAMPLER_ARG, and always follows a caller that sampled its trace', async () => {
    const endpoint = `${new URL(collector.url).origin}/sampled`;
    const { address } = await startService({
      OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
      OTEL_TRACES_SAMPLER_ARG: '0',
    });
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    await fetch(`${address}/api/v1/public/landing/no-such-school`);
    await fetch(`${address}/api/v1/public/landing/no-such-school`, {
      headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
    });
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    child!.kill('SIGTERM');
    await exited;
    const spans = collector.received
      .filter((request) => request.path === '/sampled/v1/traces')
      .flatMap((request) => (JSON.parse(request.body) as OtlpExport).resourceSpans)
      .flatMap((r) => r.scopeSpans.flatMap((s) => s.spans));
    const requests = spans.filter((span) => span.name === 'GET /api/v1/public/landing/:slug');
    expect(requests.map((span) => span.traceId)).toEqual([traceId]);
  });

  it('loads none of it without the variable', async () => {
    const { address, log } = await startService({ OTEL_EXPORTER_OTLP_ENDPOINT: '' });
    expect(log()).toContain('"tracing":false');
    const before = collector.received.length;
    expect((await fetch(`${address}/api/v1/public/landing/no-such-school`)).status).toBe(404);
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    child!.kill('SIGTERM');
    await exited;
    expect(collector.received.length).toBe(before);
  });
});

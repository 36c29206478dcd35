import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import superjson from 'superjson';
import { queryRows } from '../../src/db/client.ts';
import { COOKIE_PREFIX, SESSION_COOKIE } from '../../src/modules/auth/auth.ts';
import { png } from '../fixtures/images.ts';
import { addSignedInMember, createTenant, type TenantFixture, type TestApp, unique } from '../support/app.ts';
import { book, bookingRequest, createWorkshop, DAY, manageParts } from '../support/bookings.ts';
import type { ArbitraryOptions } from './zod-arbitrary.ts';

/**
 * Who calls: nobody; someone with a forged or malformed credential (and odd headers); a MEMBER
 * (teacher) of tenant A; an ADMIN of tenant A.
 */
export interface Caller {
  name: 'anonymous' | 'forged' | 'member' | 'admin';
  token?: string;
}

const SESSION = `${COOKIE_PREFIX}.${SESSION_COOKIE}`;
const FORGED: Array<Record<string, string>> = [
  { authorization: `Bearer ${'x'.repeat(4000)}` },
  { authorization: 'Bearer a.b.c' },
  { authorization: 'Bearer \u00ff\u00fe\u00a0' },
  { authorization: 'Basic Zm9vOmJhcg==', cookie: `${SESSION}=${'y'.repeat(3000)}.sig` },
  { cookie: `${SESSION}=%ZZ%00; ${SESSION}=a` },
  { authorization: 'Bearer ', cookie: `=;;==; ${SESSION}` },
  // Not a credential, but read on every page and cached answer: negotiation and revalidation.
  {
    'accept-encoding': 'br;q=NaN, gzip;q=1e999, identity;q=0, *;q=-1',
    'if-none-match': `*, W/"x", "${'z'.repeat(2000)}`,
  },
];

let forgedTurn = 0;

/** The caller's credential; a forged caller takes the malformed ones in turn, across all targets. */
export function authHeaders(caller: Caller): Record<string, string> {
  if (caller.name === 'forged') return FORGED[forgedTurn++ % FORGED.length]!;
  return caller.token ? { authorization: `Bearer ${caller.token}` } : {};
}

/** Real values from the fixture, mixed into generated inputs so some calls reach real rows. */
export interface Pools {
  strings: string[];
  numbers: number[];
}

/** Values for fields whose rule lives in a refinement, so generated inputs pass it often. */
const HINTS = {
  currency: ['USD', 'EUR', 'JPY', 'BHD', 'usd'],
  timeZone: ['Europe/Berlin', 'America/New_York', 'Asia/Kathmandu', 'UTC', 'Pacific/Chatham'],
};

export interface Fixture {
  callers: Caller[];
  pools: Pools;
  /** What the arbitraries get: the pools and the hints. */
  arbitrary: ArbitraryOptions;
  tenantA: TenantFixture;
  orgId: string;
  checkoutSessionIds: string[];
  tenantSlugs: string[];
  /** Each workshop's public address parts and session start times, which only work together. */
  offers: Array<{ tenant: string; teacher: string; workshop: string; starts: string[] }>;
  inviteTokens: string[];
  /** Sign-ins that work. */
  accounts: Array<{ email: string; password: string }>;
  teacherSlugs: string[];
  workshopSlugs: string[];
  bookingUids: string[];
  manageTokens: string[];
}

/**
 * Two schools: A with an ADMIN, a MEMBER who teaches one of its workshops, Stripe, an Immersio
 * organisation and bookings (free and paid); B with a workshop and a booking, so cross-tenant ids
 * are in the pools too.
 */
export async function createFixture(app: TestApp): Promise<Fixture> {
  const a = await createTenant(app);
  const b = await createTenant(app);
  const admin = await addSignedInMember(app, a.tenantId, 'ADMIN');
  const member = await addSignedInMember(app, a.tenantId, 'MEMBER');
  await a.owner.client.immersio.tenant.updateStripeCredentials.mutate({
    stripeAccountId: `acct_${randomBytes(8).toString('hex')}`,
    stripePublishableKey: 'pk_test_emulator0123',
  });
  const orgId = unique('org');
  await app.database.db.execute(
    sql`insert into immersio_integrations (tenant_id, immersio_org_id) values (${a.tenantId}, ${orgId})`,
  );

  const startTime = new Date(Math.ceil((Date.now() + 5 * DAY) / 3_600_000) * 3_600_000);
  const workshops = [
    {
      t: a,
      w: await createWorkshop(a, {
        startTime,
        teacherId: member.id,
        recurrence: { frequency: 'weekly', count: 3 },
      }),
    },
    { t: a, w: await createWorkshop(a, { startTime, price: 2500, title: 'Paid Portuguese' }) },
    { t: b, w: await createWorkshop(b, { startTime }) },
  ];
  const bookingUids: string[] = [];
  const manageTokens: string[] = [];
  for (const { t, w } of workshops) {
    for (let i = 0; i < 3; i++) {
      const booked = await book(app, bookingRequest(t, w, `${unique('student')}@example.test`));
      if (booked.status !== 201) throw new Error(`fixture booking failed: ${JSON.stringify(booked.body)}`);
      const { uid, token } = manageParts(booked.body.manageUrl as string);
      bookingUids.push(uid);
      manageTokens.push(token);
    }
  }
  const bookings = await queryRows<{ id: number; tenantId: number; checkout: string | null }>(
    app.database.db,
    sql`select id, tenant_id as "tenantId", stripe_checkout_session_id as checkout from bookings`,
  );
  const checkoutSessionIds = bookings.flatMap((row) => (row.checkout ? [row.checkout] : []));
  const sessionsA = workshops.filter(({ t }) => t === a).flatMap(({ w }) => w.sessions);
  const starts = workshops.flatMap(({ w }) => w.sessions.map((s) => s.startTime));
  const image = await png();
  // Open invitations of school B: accepting one creates a user from the fuzzed name and password.
  const inviteTokens: string[] = [];
  for (let i = 0; i < 4; i++) {
    const { inviteLink } = await b.owner.client.immersio.tenant.inviteTeacher.mutate({
      email: `${unique('invitee')}@example.test`,
      name: 'Invited Teacher',
    });
    inviteTokens.push(inviteLink.split('/').pop()!);
  }

  const users = [a.owner.id, b.owner.id, admin.id, member.id];
  const strings = [a.slug, b.slug, a.owner.email, admin.email, member.email, orgId, ...checkoutSessionIds];
  strings.push(...inviteTokens, ...bookingUids, ...manageTokens, ...workshops.map(({ w }) => w.slug));
  const numbers = [a.tenantId, b.tenantId, ...users, ...bookings.map((row) => row.id)];
  numbers.push(...workshops.flatMap(({ w }) => [w.id, w.eventTypeId, ...w.sessions.map((s) => s.id)]));
  // Tenant A's own rows by field name, so the MEMBER and ADMIN often name something they may touch.
  const hints: Record<string, readonly unknown[]> = {
    ...HINTS,
    teacherId: [member.id, admin.id, a.owner.id],
    workshopId: workshops.filter(({ t }) => t === a).map(({ w }) => w.id),
    sessionId: sessionsA.map((s) => s.id),
    bookingId: bookings.filter((row) => row.tenantId === a.tenantId).map((row) => row.id),
    startTime: [...starts, ...starts.map((d) => d.toISOString())],
    tenantSlug: [a.slug, b.slug],
    workshopSlug: workshops.map(({ w }) => w.slug),
    file: [
      `data:image/png;base64,${image.toString('base64')}`,
      { name: 'a.png', data: image.toString('base64') },
    ],
  };

  return {
    callers: [
      { name: 'anonymous' },
      { name: 'forged' },
      { name: 'member', token: member.token },
      { name: 'admin', token: admin.token },
    ],
    pools: { strings, numbers },
    arbitrary: { pool: { strings, numbers }, hints },
    tenantA: a,
    orgId,
    checkoutSessionIds,
    tenantSlugs: [a.slug, b.slug],
    inviteTokens,
    accounts: [a.owner, member, admin].map(({ email, password }) => ({ email, password })),
    offers: workshops.map(({ t, w }) => ({
      tenant: t.slug,
      teacher: new URL(w.bookingUrl).pathname.split('/')[2]!,
      workshop: w.slug,
      starts: w.sessions.map((session) => session.startTime.toISOString()),
    })),
    // The public page of a workshop is /{tenant}/{teacher}/{workshop}.
    teacherSlugs: workshops.map(({ w }) => new URL(w.bookingUrl).pathname.split('/')[2]!),
    workshopSlugs: workshops.map(({ w }) => w.slug),
    bookingUids,
    manageTokens,
  };
}

export interface Sent {
  status: number;
  body: string;
  requestId: string | null;
  ms: number;
}

/** One HTTP request; a hang counts as a failure too (status 0), so the run stays bounded. */
export async function send(url: string, init: RequestInit): Promise<Sent> {
  const start = performance.now();
  try {
    const response = await fetch(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(15_000) });
    const body = await response.text();
    const requestId = response.headers.get('x-request-id');
    return { status: response.status, body, requestId, ms: performance.now() - start };
  } catch (error) {
    const body = `no answer: ${(error as Error).message}`;
    return { status: 0, body, requestId: null, ms: performance.now() - start };
  }
}

/**
 * An input for the report, cut short: plain JSON, or superjson's form when the value holds what
 * JSON cannot (Dates, NaN, BigInt, undefined), as the tRPC client would send it.
 */
export function show(value: unknown, max = 300): string {
  let text: string;
  try {
    const wire = superjson.serialize(value);
    text = typeof value === 'string' ? value : JSON.stringify(wire.meta ? wire : wire.json);
  } catch {
    text = String(value);
  }
  text = text.replace(/x{40,}/g, (run) => `x{${run.length}}`).replace(/a{40,}/g, (run) => `a{${run.length}}`);
  return text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text;
}

interface Failure {
  target: string;
  callers: Set<string>;
  input: string;
  count: number;
}

interface Group {
  status: number;
  cause: string;
  body: string;
  byTarget: Map<string, Failure>;
}

/**
 * Every 5xx (and hang) seen, grouped by the server's logged cause (or, when nothing was logged,
 * by the answer), with each target's shortest input, so one bug reads as one entry.
 */
export class Failures {
  readonly #groups = new Map<string, Group>();
  readonly #causeOf: (requestId: string | null) => string;
  cases = 0;

  /** One line per target: answers by status, time spent, and the first answer of each 4xx. */
  statsReport(): string {
    return [...this.stats]
      .map(([target, { statuses, ms, sample }]) => {
        const counts = [...statuses].map(([status, n]) => `${status}×${n}`).join(' ');
        const samples = [...sample]
          .filter(([status]) => status >= 400)
          .map(([status, body]) => `\n    ${status}: ${body}`);
        return `${target}: ${counts} (${(ms / 1000).toFixed(1)} s)${samples.join('')}`;
      })
      .join('\n');
  }
  /** Answers by target: statuses, time, a sample 4xx; to see how deep inputs get (FUZZ_STATS=1). */
  readonly stats = new Map<
    string,
    { statuses: Map<number, number>; ms: number; sample: Map<number, string> }
  >();

  constructor(causeOf: (requestId: string | null) => string) {
    this.#causeOf = causeOf;
  }

  check(target: string, caller: string, input: unknown, sent: Sent): void {
    this.cases += 1;
    const stats = this.stats.get(target) ?? { statuses: new Map(), ms: 0, sample: new Map() };
    stats.statuses.set(sent.status, (stats.statuses.get(sent.status) ?? 0) + 1);
    stats.ms += sent.ms;
    if (!stats.sample.has(sent.status)) stats.sample.set(sent.status, sent.body.slice(0, 160));
    this.stats.set(target, stats);
    if (sent.status !== 0 && sent.status < 500) return;
    const cause = this.#causeOf(sent.requestId);
    const body = sent.body.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<id>');
    const key = `${sent.status}|${cause.startsWith('(') ? body : cause}`;
    let group = this.#groups.get(key);
    if (!group) {
      group = {
        status: sent.status,
        cause,
        body: body.length > 300 ? `${body.slice(0, 300)}…` : body,
        byTarget: new Map(),
      };
      this.#groups.set(key, group);
    }
    const shown = show(input);
    const known = group.byTarget.get(target);
    if (!known) {
      group.byTarget.set(target, { target, callers: new Set([caller]), input: shown, count: 1 });
      return;
    }
    known.count += 1;
    known.callers.add(caller);
    if (shown.length < known.input.length) known.input = shown;
  }

  report(): string {
    if (this.#groups.size === 0) return '';
    const lines = [`${this.#groups.size} distinct 5xx causes in ${this.cases} cases:`];
    for (const group of this.#groups.values()) {
      lines.push('', `■ ${group.status || 'no answer'}: ${group.cause}`, `  response: ${group.body}`);
      for (const f of [...group.byTarget.values()].sort((x, y) => x.target.localeCompare(y.target))) {
        lines.push(`  - ${f.target} [${[...f.callers].join(', ')}] ${f.count}×`, `      input: ${f.input}`);
      }
    }
    return lines.join('\n');
  }
}

/** Runs tasks with a few in flight: PGlite serves one query at a time, HTTP and parsing overlap. */
export async function inParallel<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await task(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** A seed per target, so adding a procedure or route leaves every other one's inputs unchanged. */
export function seedFor(base: number, target: string): number {
  let hash = base;
  for (let i = 0; i < target.length; i++) hash = (Math.imul(hash, 31) + target.charCodeAt(i)) | 0;
  return hash;
}

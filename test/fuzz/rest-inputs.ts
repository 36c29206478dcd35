import fc from 'fast-check';
import { z } from 'zod';
import {
  requestPasswordResetInput,
  resetPasswordInput,
} from '../../src/modules/auth/password-reset.schema.ts';
import { bookingFiltersInput } from '../../src/modules/bookings/procedures/list-bookings.schema.ts';
import {
  bookingTokenQuery,
  bookingUidParams,
  cancelBookingBody,
  createBookingBody,
  timeZone,
} from '../../src/modules/bookings/public-bookings.schemas.ts';
import { RETURN_PATH } from '../../src/modules/immersio/sso-state.ts';
import { updateSettingsInput } from '../../src/modules/landing/procedures/update-settings.schema.ts';
import {
  publicLandingParams,
  publicWorkshopParams,
  publicWorkshopQuery,
} from '../../src/modules/public/public.schemas.ts';
import { authHeaders, type Caller, type Fixture, seedFor } from './harness.ts';
import { hostileText } from './hostile.ts';
import { fuzzArbitrary } from './zod-arbitrary.ts';

/**
 * What each REST route reads, as zod schemas to generate from: the app's own where it exports
 * them, else a copy of the route's (a drifted copy only makes the inputs less often valid).
 * Routes not listed still get hostile path params, query strings and bodies.
 */
interface RouteInputs {
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** Values that only work together (a booking's uid with its own token), laid over a third of the cases. */
  real?: fc.Arbitrary<Partial<Record<'params' | 'query' | 'body', Record<string, unknown>>>>;
}

function routeInputs(fx: Fixture): Record<string, RouteInputs> {
  const inviteToken = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/) });
  const invite = z.object({ name: z.string().trim().min(1).max(200), password: z.string().min(8).max(256) });
  const realUid = z.object({ uid: z.union([z.enum(fx.bookingUids), bookingUidParams.shape.uid]) });
  const realToken = z.object({ token: z.enum(fx.manageTokens) });
  const real = fc.nat(fx.bookingUids.length - 1).map((i) => ({
    params: { uid: fx.bookingUids[i] },
    query: { token: fx.manageTokens[i] },
    body: { token: fx.manageTokens[i] },
  }));
  const offer = fc
    .constantFrom(...fx.offers)
    .chain((o) => fc.constantFrom(...o.starts).map((start) => ({ ...o, start })));
  const bookable = offer.map((o) => ({
    params: { a: o.tenant, b: o.teacher, c: o.workshop, slug: o.workshop },
    query: { tenantSlug: o.tenant },
    body: { tenantSlug: o.tenant, workshopSlug: o.workshop, startTime: o.start },
  }));
  const invited = fc.constantFrom(...fx.inviteTokens).map((token) => ({ params: { token } }));
  const signIn = fc
    .constantFrom(...fx.accounts)
    .map(({ email, password }) => ({ body: { email, password } }));
  const managed = { params: realUid, query: z.union([realToken, bookingTokenQuery]), real };
  const site = z.object({
    a: z.enum(fx.tenantSlugs),
    b: z.enum(fx.teacherSlugs),
    c: z.enum(fx.workshopSlugs),
  });
  const bookingForm = z.object({
    startTime: z.iso.datetime(),
    name: z.string().min(1).max(200),
    email: z.email(),
    timeZone,
  });
  const ssoStart = z.object({ tenantSlug: z.enum(fx.tenantSlugs), redirectUrl: z.url().optional() });
  return {
    'POST /api/auth/sign-in/email': {
      body: z.object({ email: z.email(), password: z.string().max(300) }),
      real: signIn,
    },
    'POST /api/auth/request-password-reset': { body: requestPasswordResetInput },
    'POST /api/auth/reset-password': { body: resetPasswordInput },
    'GET /api/v1/invites/:token': { params: inviteToken, real: invited },
    'POST /api/v1/invites/:token/accept': { params: inviteToken, body: invite, real: invited },
    'GET /invite/:token': { params: inviteToken, real: invited },
    'POST /invite/:token': { params: inviteToken, body: invite, real: invited },
    'POST /api/v1/oauth/immersio/callback': {
      body: z.object({ token: z.string().min(1), redirectUrl: z.url() }),
    },
    'GET /api/v1/oauth/immersio/start': { query: ssoStart },
    [`GET ${RETURN_PATH}`]: {
      query: z.object({ token: z.string().optional(), state: z.string().optional() }),
    },
    'GET /api/v1/public/landing/:slug': {
      params: z.union([publicLandingParams, z.object({ slug: z.enum(fx.tenantSlugs) })]),
    },
    'GET /api/v1/public/workshops/:slug': {
      params: z.union([publicWorkshopParams, z.object({ slug: z.enum(fx.workshopSlugs) })]),
      query: z.union([publicWorkshopQuery, z.object({ tenantSlug: z.enum(fx.tenantSlugs) })]),
      real: bookable,
    },
    'POST /api/v1/public/bookings': {
      body: z.union([createBookingBody, createBookingBody.omit({ immersioStudentId: true })]),
      real: bookable,
    },
    'GET /api/v1/public/bookings/:uid': managed,
    'POST /api/v1/public/bookings/:uid/cancel': {
      params: realUid,
      body: cancelBookingBody.extend(realToken.shape),
      real,
    },
    'GET /bookings/:uid': managed,
    'GET /bookings/:uid/calendar.ics': managed,
    'POST /bookings/:uid/cancel': { params: realUid, body: cancelBookingBody.extend(realToken.shape), real },
    'GET /api/v1/staff/bookings.csv': { query: bookingFiltersInput },
    'POST /api/v1/staff/landing/preview': { body: updateSettingsInput },
    'GET /:a': { params: site },
    'GET /:a/:b': { params: site },
    'GET /:a/:b/:c': { params: site, query: z.object({ tz: timeZone.optional() }), real: bookable },
    'POST /:a/:b': { params: site, body: bookingForm },
    'POST /:a/:b/:c': { params: site, body: bookingForm, real: bookable },
  };
}

export interface RestCase {
  caller: string;
  url: string;
  init: RequestInit;
  input: unknown;
}

const BODY_KINDS = ['json', 'form', 'text', 'none', 'garbage', 'octets'] as const;

/**
 * Requests for one route: path params, query and body from the route's schemas (or hostile text),
 * each sent as JSON, a form, text, nothing, broken JSON or bytes, by every caller.
 */
export function restCases(
  route: { method: string; url: string },
  fx: Fixture,
  base: string,
  runs: (caller: Caller) => number,
  seed: number,
): RestCase[] {
  const inputs = routeInputs(fx)[`${route.method} ${route.url}`] ?? {};
  const names = [...route.url.matchAll(/:([A-Za-z0-9_]+)|\*/g)].map((m) => m[1] ?? '*');
  const param = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...fx.pools.strings) },
    { weight: 3, arbitrary: hostileText },
    { weight: 2, arbitrary: fc.string({ maxLength: 30 }) },
    {
      weight: 1,
      arbitrary: fc.constantFrom('a/b/../c', '%2e%2e/%2e%2e', '', '.', '..', 'viewer.me,viewer.me'),
    },
  );
  const paramsArb = inputs.params
    ? fuzzArbitrary(inputs.params, fx.arbitrary)
    : fc.record(Object.fromEntries(names.map((n) => [n, param])));
  const looseQuery = fc.dictionary(
    fc.constantFrom(
      'token',
      'tenantSlug',
      'w',
      'from',
      'to',
      'status',
      'workshopId',
      'state',
      'tz',
      'input',
      'batch',
    ),
    fc.oneof(param, fc.array(param, { minLength: 2, maxLength: 3 })),
    { maxKeys: 3 },
  );
  const queryArb = fc.oneof(
    ...(inputs.query ? [{ weight: 6, arbitrary: fuzzArbitrary(inputs.query, fx.arbitrary) }] : []),
    { weight: 1, arbitrary: looseQuery },
    { weight: 1, arbitrary: fc.constant(null) },
  );
  const bodyArb = inputs.body ? fuzzArbitrary(inputs.body, fx.arbitrary) : fc.jsonValue({ maxDepth: 2 });
  // Pages take forms, the API takes JSON; every other encoding is tried too, less often.
  const preferred = route.url.startsWith('/api/') ? 'json' : 'form';
  const kind = fc.oneof(
    { weight: 5, arbitrary: fc.constant(preferred) },
    { weight: 5, arbitrary: fc.constantFrom(...BODY_KINDS) },
  );
  const generated = fc.record({ params: paramsArb, query: queryArb, body: bodyArb, kind, raw: fc.boolean() });
  const arb = inputs.real
    ? fc.oneof(
        { weight: 2, arbitrary: generated },
        {
          weight: 1,
          arbitrary: fc.tuple(generated, inputs.real).map(([c, r]) => ({ ...c, ...overlay(c, r) })),
        },
      )
    : generated;
  const hasBody = route.method !== 'GET' && route.method !== 'HEAD';
  return fx.callers.flatMap((caller) =>
    fc
      .sample(arb, {
        seed: seedFor(seed, `${route.method} ${route.url} ${caller.name}`),
        numRuns: runs(caller),
      })
      .map((c) => {
        const path = route.url.replace(/:([A-Za-z0-9_]+)|\*/g, (_m, name: string | undefined) =>
          segment((c.params as Record<string, unknown> | null)?.[name ?? '*'], c.raw),
        );
        const query = queryString(c.query, c.raw);
        const body = hasBody ? encodeBody(c.kind, c.body) : undefined;
        return {
          caller: caller.name,
          url: `${base}${path}${query}`,
          init: { method: route.method, ...body, headers: { ...body?.headers, ...authHeaders(caller) } },
          input: { path: `${path}${query}`, ...(hasBody ? { body: c.body, as: c.kind } : {}) },
        };
      }),
  );
}

function overlay(
  generated: { params: unknown; query: unknown; body: unknown },
  real: Partial<Record<'params' | 'query' | 'body', Record<string, unknown>>>,
) {
  const merge = (value: unknown, over: Record<string, unknown> | undefined) =>
    over && typeof value === 'object' && value !== null && !Array.isArray(value)
      ? { ...value, ...over }
      : (over ?? value);
  return {
    params: merge(generated.params, real.params),
    query: merge(generated.query, real.query),
    body: merge(generated.body, real.body),
  };
}

function text(value: unknown): string {
  if (value === undefined) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (typeof value === 'object' && value !== null) return toJson(value);
  return String(value);
}

/**
 * Percent-encodes, except lone surrogates, which encodeURIComponent refuses: they go as their
 * WTF-8 bytes, as a sloppy client would send them. `raw` leaves '%', '/', '?' as they are, so
 * broken escapes and extra segments reach the server.
 */
function segment(value: unknown, raw: boolean): string {
  const s = text(value);
  if (raw) return s.replace(/[\ud800-\udfff]/g, wtf8).replace(/#/g, '%23');
  return s
    .replace(/[\ud800-\udbff][\udc00-\udfff]|[^\ud800-\udfff]/g, (c) => encodeURIComponent(c))
    .replace(/[\ud800-\udfff]/g, wtf8);
}

function wtf8(unit: string): string {
  const c = unit.charCodeAt(0);
  return [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)]
    .map((b) => `%${b.toString(16).toUpperCase()}`)
    .join('');
}

function queryString(query: unknown, raw: boolean): string {
  if (query === null || query === undefined) return '';
  if (typeof query !== 'object' || Array.isArray(query)) return `?${segment(query, raw)}`;
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    for (const v of Array.isArray(value) ? value : [value])
      parts.push(`${segment(key, raw)}=${segment(v, raw)}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

/** JSON that survives what JSON.stringify refuses (BigInt) and says what it drops (Map, Set). */
export function toJson(value: unknown): string {
  return (
    JSON.stringify(value, (_key, v) => {
      if (typeof v === 'bigint') return v.toString();
      if (v instanceof Map) return Object.fromEntries(v);
      if (v instanceof Set) return [...v];
      return v;
    }) ?? 'null'
  );
}

function encodeBody(
  kind: (typeof BODY_KINDS)[number],
  value: unknown,
): { body?: BodyInit; headers: Record<string, string> } {
  switch (kind) {
    case 'json':
      return { body: toJson(value), headers: { 'content-type': 'application/json' } };
    case 'form': {
      const fields = typeof value === 'object' && value !== null ? Object.entries(value) : [['value', value]];
      const form = fields.map(([k, v]) => `${segment(k, false)}=${segment(v, false)}`).join('&');
      return { body: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } };
    }
    case 'text':
      return { body: toJson(value), headers: { 'content-type': 'text/plain' } };
    case 'none':
      return { headers: {} };
    case 'garbage':
      return { body: `${toJson(value).slice(0, -1)},,`, headers: { 'content-type': 'application/json' } };
    case 'octets':
      return {
        body: new Uint8Array([0xff, 0xfe, 0x00, 0xed, 0xa0, 0x80, 0x7b]),
        headers: { 'content-type': 'application/octet-stream' },
      };
  }
}

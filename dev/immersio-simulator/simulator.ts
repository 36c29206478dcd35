/**
 * A local, in-memory stand-in for Immersio as the booking service consumes it
 * (docs/immersio-api.md): the REST API (organisation, courses, a course's students) behind
 * per-organisation API keys, signed webhooks, and the SSO side (sign-in page, JWKS, signed JWTs).
 *
 * `node:http` for the server, `jose` for the tokens, nothing else. Start it inside a test with
 * `startImmersioSimulator()`, or standalone with `npm run dev:immersio` (main.ts).
 */
import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type CryptoKey,
  exportJWK,
  exportSPKI,
  generateKeyPair,
  type JWK,
  SignJWT,
  UnsecuredJWT,
} from 'jose';

// ---------------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------------

export type CourseStatus = 'active' | 'archived';
export type SsoRole = 'admin' | 'teacher' | 'student';

export type ImmersioWebhookEvent =
  | 'course.created'
  | 'course.updated'
  | 'course.deleted'
  | 'student.enrolled'
  | 'student.unenrolled'
  | 'student.updated';

export const IMMERSIO_WEBHOOK_EVENTS: readonly ImmersioWebhookEvent[] = [
  'course.created',
  'course.updated',
  'course.deleted',
  'student.enrolled',
  'student.unenrolled',
  'student.updated',
];

/** The operations `failNext` can target by name (or give a request path such as `/v1/courses`). */
export type SimOperation = 'organization' | 'courses' | 'students' | 'jwks' | 'authorize';

export interface SimOrg {
  id: string;
  name: string;
  apiKeys: Set<string>;
  courses: Map<string, SimCourse>;
  /** The organisation's student directory (a student may be enrolled in several courses). */
  students: Map<string, SimStudent>;
  /** Staff who can sign in with SSO (students sign in as themselves, see `ssoUsers`). */
  users: Map<string, SimUser>;
}

export interface SimCourse {
  id: string;
  orgId: string;
  name: string;
  description: string | null;
  status: CourseStatus;
  createdAt: Date;
  /** Moves when name, description or status change (not on enrolment). */
  updatedAt: Date;
  /** By student id. */
  enrollments: Map<string, SimEnrollment>;
}

export interface SimEnrollment {
  studentId: string;
  enrolledAt: Date;
  /** Monotonic across the simulator: the students list is ordered by it. */
  seq: number;
}

export interface SimStudent {
  id: string;
  orgId: string;
  email: string;
  name: string;
}

export interface SimUser {
  sub: string;
  orgId: string;
  email: string;
  name: string;
  role: SsoRole;
  studentId?: string;
}

export interface CourseInput {
  id?: string;
  name: string;
  description?: string | null;
  status?: CourseStatus;
  createdAt?: Date | string;
  updatedAt?: Date | string;
}

export interface CoursePatch {
  name?: string;
  description?: string | null;
  status?: CourseStatus;
  /** Defaults to now. */
  updatedAt?: Date | string;
}

export interface StudentInput {
  id?: string;
  email: string;
  name: string;
  enrolledAt?: Date | string;
}

export interface UserInput {
  sub?: string;
  email: string;
  name: string;
  role: SsoRole;
  studentId?: string;
}

export interface MutationOptions {
  /** Send the corresponding webhook when a target is configured (default true). */
  webhook?: boolean;
}

export interface WebhookTarget {
  url: string;
  secret: string;
}

export interface SendWebhookTarget extends WebhookTarget {
  orgId: string;
}

export interface WebhookPayload {
  event: string;
  data: unknown;
  /** ISO time of the event. */
  timestamp: string;
  webhookId: string;
}

export interface SendWebhookOptions {
  /** Default `wh_<random>`; pass an earlier one to replay. */
  webhookId?: string;
  /** Signing time: unix seconds or a Date (default now). The body's ISO `timestamp` follows it. */
  timestamp?: number | Date;
  /** Replaces the computed `X-Webhook-Signature` header value. */
  signature?: string;
  /** Applied to the raw body after signing (to send a tampered body with the original signature). */
  tamperBody?: (rawBody: string) => string;
  /** Headers to leave out. */
  omitHeaders?: Array<'signature' | 'timestamp' | 'org'>;
  /** Default 10 000 ms. */
  timeoutMs?: number;
}

export interface WebhookResult {
  webhookId: string;
  status: number;
  /** The receiver's answer, parsed as JSON when it is JSON, else the text. */
  body: unknown;
  headers: Record<string, string>;
  payload: WebhookPayload;
  /** Exactly the bytes that were sent. */
  rawBody: string;
  /** The headers that were sent. */
  requestHeaders: Record<string, string>;
}

/** A webhook emitted automatically by a mutation. */
export interface WebhookDelivery {
  webhookId: string;
  event: ImmersioWebhookEvent;
  orgId: string;
  url: string;
  payload: WebhookPayload;
  /** The receiver's status; null when the request itself failed. */
  status: number | null;
  ok: boolean;
  error?: string;
  responseBody?: unknown;
  at: Date;
}

/** A canned answer for the next matching request(s); see `failNext`. */
export interface InjectedFailure {
  /** HTTP status to answer with. Without it (and without `destroy`) the request is only delayed. */
  status?: number;
  /** `Retry-After` header: seconds or an HTTP date. */
  retryAfter?: number | string;
  /** Error code in the body (defaults from the status). */
  code?: string;
  message?: string;
  /** Replaces the whole body: a string is sent as is, anything else as JSON. */
  body?: unknown;
  /** Wait this long before answering (or before handling normally when there is no status). */
  delayMs?: number;
  /** Drop the connection without an answer (a network error for the client). */
  destroy?: boolean;
  /** How many matching requests get it (default 1). */
  times?: number;
}

export interface RecordedRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  query: Record<string, string>;
  operation: SimOperation | 'control' | null;
  /** The organisation the API key belongs to; null when missing, invalid or not an API route. */
  orgId: string | null;
  /** Response status; 0 while in flight or when the connection was dropped. */
  status: number;
  /** Answered by `failNext`. */
  injected: boolean;
  at: Date;
}

export type SsoAlg = 'RS256' | 'ES256' | 'HS256';

export interface SsoClaims {
  sub: string;
  email: string;
  name: string;
  orgId: string;
  role: SsoRole;
  /** Students only. */
  studentId?: string;
  [claim: string]: unknown;
}

export interface IssueSsoTokenOptions {
  /** Default: HS256 when an SSO secret is set, else RS256. `none` gives an unsigned token. */
  alg?: SsoAlg | 'none';
  /** HS256 key (default: the configured SSO secret). */
  secret?: string | Uint8Array;
  /** RS256/ES256 key instead of the published one (e.g. a key the JWKS does not have). */
  privateKey?: CryptoKey;
  /** Header `kid` (default: the published key's); null leaves it out. */
  kid?: string | null;
  issuer?: string;
  audience?: string | string[];
  /** Default now. */
  issuedAt?: Date | number;
  /** Default 300 (5 minutes). */
  expiresInSeconds?: number;
  notBefore?: Date | number;
  jti?: string;
  /** Registered or custom claims to leave out, e.g. `['exp']`. */
  omit?: string[];
}

export interface ImmersioSimulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** The simulator's own URL as others see it; default `http://<host>:<port>`. */
  publicUrl?: string;
  /** SSO token `iss`; default the simulator's URL. */
  issuer?: string;
  /** SSO token `aud`, also the only accepted `client_id` on the sign-in page. Default `immersio-booking`. */
  audience?: string;
  /** When set, tokens from the sign-in page are HS256 with this secret instead of RS256. */
  ssoSecret?: string;
  /** When set, the sign-in page only redirects to URIs starting with one of these. */
  redirectUriPrefixes?: string[];
  /** Clock for `updatedAt`, `enrolledAt`, webhook timestamps and token times. */
  now?: () => Date;
  /** Where mutations send their webhooks (all organisations); see `setWebhookTarget`. */
  webhookTarget?: WebhookTarget;
  /** Default 10 000 ms. */
  webhookTimeoutMs?: number;
  /** The unauthenticated `/_simulator/*` control API (default true). */
  controlApi?: boolean;
  onRequest?: (request: RecordedRequest) => void;
  onWebhook?: (delivery: WebhookDelivery) => void;
}

export interface ImmersioSimulator {
  /** Base URL (no trailing slash): the `IMMERSIO_API_URL` to use. */
  url: string;
  port: number;
  /** `<url>/.well-known/jwks.json` */
  jwksUrl: string;
  /** `<url>/oauth/authorize` */
  authorizeUrl: string;
  issuer: string;
  audience: string;
  /** PEM (SPKI) of the current RS256 signing key's public half. */
  readonly ssoPublicKeyPem: string;
  orgs: ReadonlyMap<string, SimOrg>;
  requests: RecordedRequest[];
  deliveries: WebhookDelivery[];
  close(): Promise<void>;

  /** Mutations throw `SimulatorError` (status 404 for an unknown org/course, 409 for a taken id or key). */
  addOrg(org: { id: string; name: string; apiKey: string }): SimOrg;
  addApiKey(orgId: string, apiKey: string): void;
  revokeApiKey(apiKey: string): void;
  /** Sends `course.created` (as every mutation sends its event) when a webhook target is set. */
  addCourse(orgId: string, course: CourseInput, options?: MutationOptions): SimCourse;
  /** Moves `updatedAt` (to `patch.updatedAt` or now). */
  updateCourse(orgId: string, courseId: string, patch: CoursePatch, options?: MutationOptions): SimCourse;
  /** Drops the course and its enrolments (one `course.deleted`, no `student.unenrolled`). */
  deleteCourse(orgId: string, courseId: string, options?: MutationOptions): void;
  /**
   * Adds the student to the organisation's directory (or, for a known id, overwrites its email and
   * name silently) and enrols them. Already enrolled: nothing happens, no event.
   */
  enroll(orgId: string, courseId: string, student: StudentInput, options?: MutationOptions): SimStudent;
  unenroll(orgId: string, courseId: string, studentId: string, options?: MutationOptions): void;
  updateStudent(
    orgId: string,
    studentId: string,
    patch: { email?: string; name?: string },
    options?: MutationOptions,
  ): SimStudent;
  addUser(orgId: string, user: UserInput): SimUser;
  /** Everyone who can sign in on the sign-in page: staff plus the organisation's students. */
  ssoUsers(orgId?: string): SimUser[];

  /**
   * The next `failure.times` (default 1) requests to `target` (an operation or an exact path) get
   * the injected answer instead of (or, with only `delayMs`, before) the normal one. Default: 500.
   */
  failNext(target: SimOperation | `/${string}`, failure?: InjectedFailure): void;
  /** Drops injected failures that have not fired yet. */
  clearFailures(): void;

  /**
   * Where mutations send webhooks: for one organisation (overrides the global one), or (no orgId)
   * for all. null removes that target.
   */
  setWebhookTarget(target: WebhookTarget | null, orgId?: string): void;
  /** Resolves when every webhook queued by mutations so far has been answered (or failed). */
  webhooksSettled(): Promise<void>;
  sendWebhook(
    target: SendWebhookTarget,
    event: string,
    data: unknown,
    options?: SendWebhookOptions,
  ): Promise<WebhookResult>;

  issueSsoToken(claims: SsoClaims, options?: IssueSsoTokenOptions): Promise<string>;
  /** HS256 for the sign-in page from now on (null: back to RS256). */
  setSsoSecret(secret: string | null): void;
  /** A new signing key for `alg`; the old one stays in the JWKS unless `keepOld` is false. */
  rotateSsoKey(alg?: 'RS256' | 'ES256', options?: { keepOld?: boolean }): Promise<string>;
}

/** `sha256=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>`, the `X-Webhook-Signature` value. */
export function signImmersioWebhook(secret: string, timestamp: number | string, rawBody: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`;
}

export class SimulatorError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

// ---------------------------------------------------------------------------------------------
// Implementation
// ---------------------------------------------------------------------------------------------

const MAX_PAGE = 100;
const DEFAULT_PAGE = 50;
const SSO_TOKEN_TTL_S = 300;

const CODES_BY_STATUS: Record<number, string> = {
  400: 'VALIDATION_ERROR',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  429: 'RATE_LIMITED',
  500: 'INTERNAL_ERROR',
  502: 'BAD_GATEWAY',
  503: 'SERVICE_UNAVAILABLE',
  504: 'GATEWAY_TIMEOUT',
};

const PAGE_CSS = `body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f4f1fb;color:#1d2330}
main{max-width:30rem;margin:3rem auto;padding:2rem;background:#fff;border-radius:12px;box-shadow:0 1px 4px #0002}
h1{font-size:1.3rem;margin-top:0}fieldset{border:1px solid #d6d0e6;border-radius:8px;margin:1rem 0}
label{display:block;padding:.3rem 0}.muted{color:#5a6270;font-size:.9rem}
button{margin:1rem .5rem 0 0;padding:.6rem 1.2rem;border:0;border-radius:8px;background:#5b3cc4;color:#fff;font:inherit;cursor:pointer}
button.secondary{background:#e3deef;color:#1d2330}.error{color:#a4001d;background:#fdecef;padding:.6rem;border-radius:8px}`;
const PAGE_CSS_HASH = `'sha256-${createHash('sha256').update(PAGE_CSS).digest('base64')}'`;

interface SigningKey {
  kid: string;
  alg: 'RS256' | 'ES256';
  privateKey: CryptoKey;
  jwk: JWK;
  pem: string;
}

interface PendingFailure {
  target: string;
  failure: InjectedFailure;
  remaining: number;
}

const escapeHtml = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

const toDate = (value: Date | string | undefined, fallback: Date): Date => {
  if (value === undefined) return fallback;
  const date = value instanceof Date ? new Date(value.getTime()) : new Date(value);
  if (Number.isNaN(date.getTime()))
    throw new SimulatorError(400, 'VALIDATION_ERROR', `invalid date: ${value}`);
  return date;
};

const unixSeconds = (value: Date | number) =>
  typeof value === 'number' ? value : Math.floor(value.getTime() / 1000);

function headersOf(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, key) => {
    out[key] = value;
  });
  return out;
}

/** `fetch failed` says little: undici keeps the reason (ECONNREFUSED, …) in `cause`. */
function describeError(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause;
  const message = error instanceof Error ? error.message : String(error);
  return cause && typeof cause.code === 'string' ? `${message} (${cause.code})` : message;
}

const randomId = (prefix: string) => `${prefix}_${randomBytes(8).toString('hex')}`;

const encodeCursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function decodeCursor(raw: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

async function newSigningKey(alg: 'RS256' | 'ES256'): Promise<SigningKey> {
  const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
  const kid = `${alg.toLowerCase()}-${randomBytes(6).toString('hex')}`;
  const jwk = { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' };
  return { kid, alg, privateKey, jwk, pem: await exportSPKI(publicKey) };
}

function readBody(req: http.IncomingMessage, limit = 64 * 1024): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new SimulatorError(413, 'PAYLOAD_TOO_LARGE', 'request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startImmersioSimulator(
  options: ImmersioSimulatorOptions = {},
): Promise<ImmersioSimulator> {
  const now = options.now ?? (() => new Date());
  const host = options.host ?? '127.0.0.1';
  const audience = options.audience ?? 'immersio-booking';
  const webhookTimeoutMs = options.webhookTimeoutMs ?? 10_000;
  const controlApi = options.controlApi ?? true;

  const orgs = new Map<string, SimOrg>();
  const orgByKey = new Map<string, SimOrg>();
  const courseOwner = new Map<string, string>();
  const requests: RecordedRequest[] = [];
  const deliveries: WebhookDelivery[] = [];
  let failures: PendingFailure[] = [];
  let enrollmentSeq = 0;
  let ssoSecret: string | null = options.ssoSecret ?? null;
  let globalTarget: WebhookTarget | null = options.webhookTarget ?? null;
  const orgTargets = new Map<string, WebhookTarget>();
  let webhookQueue: Promise<void> = Promise.resolve();
  const pendingDelays = new Set<() => void>();
  let closed = false;

  const activeKeys: Record<'RS256' | 'ES256', SigningKey> = {
    RS256: await newSigningKey('RS256'),
    ES256: await newSigningKey('ES256'),
  };
  let publishedKeys: SigningKey[] = [activeKeys.RS256, activeKeys.ES256];

  // --- state helpers ---------------------------------------------------------------------------

  const orgOf = (orgId: string): SimOrg => {
    const org = orgs.get(orgId);
    if (!org) throw new SimulatorError(404, 'NOT_FOUND', `unknown organisation ${orgId}`);
    return org;
  };
  const courseOf = (org: SimOrg, courseId: string): SimCourse => {
    const course = org.courses.get(courseId);
    if (!course) throw new SimulatorError(404, 'NOT_FOUND', `unknown course ${courseId} in ${org.id}`);
    return course;
  };
  const assertStatus = (status: unknown): CourseStatus => {
    if (status !== 'active' && status !== 'archived')
      throw new SimulatorError(400, 'VALIDATION_ERROR', `status must be active or archived`);
    return status;
  };

  const courseJson = (course: SimCourse) => ({
    id: course.id,
    name: course.name,
    description: course.description,
    status: course.status,
    studentCount: course.enrollments.size,
    updatedAt: course.updatedAt.toISOString(),
  });
  const courseEventData = (course: SimCourse) => ({
    orgId: course.orgId,
    courseId: course.id,
    name: course.name,
    description: course.description,
    status: course.status,
    studentCount: course.enrollments.size,
    updatedAt: course.updatedAt.toISOString(),
  });

  // --- webhooks --------------------------------------------------------------------------------

  async function sendWebhook(
    target: SendWebhookTarget,
    event: string,
    data: unknown,
    sendOptions: SendWebhookOptions = {},
  ): Promise<WebhookResult> {
    const webhookId = sendOptions.webhookId ?? randomId('wh');
    const at = sendOptions.timestamp ?? now();
    const seconds = unixSeconds(at);
    const payload: WebhookPayload = {
      event,
      data,
      timestamp: (typeof at === 'number' ? new Date(at * 1000) : at).toISOString(),
      webhookId,
    };
    const signedBody = JSON.stringify(payload);
    const signature = sendOptions.signature ?? signImmersioWebhook(target.secret, seconds, signedBody);
    const rawBody = sendOptions.tamperBody ? sendOptions.tamperBody(signedBody) : signedBody;
    const omit = new Set(sendOptions.omitHeaders ?? []);
    const requestHeaders: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': 'Immersio-Webhooks/1.0 (simulator)',
      'x-webhook-id': webhookId,
    };
    if (!omit.has('signature')) requestHeaders['x-webhook-signature'] = signature;
    if (!omit.has('timestamp')) requestHeaders['x-webhook-timestamp'] = String(seconds);
    if (!omit.has('org')) requestHeaders['x-immersio-org-id'] = target.orgId;
    const response = await fetch(target.url, {
      method: 'POST',
      headers: requestHeaders,
      body: rawBody,
      redirect: 'manual',
      signal: AbortSignal.timeout(sendOptions.timeoutMs ?? webhookTimeoutMs),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return {
      webhookId,
      status: response.status,
      body,
      headers: headersOf(response.headers),
      payload,
      rawBody,
      requestHeaders,
    };
  }

  function emit(orgId: string, event: ImmersioWebhookEvent, data: unknown, mutation?: MutationOptions) {
    if (mutation?.webhook === false) return;
    const target = orgTargets.get(orgId) ?? globalTarget;
    if (!target) return;
    const webhookId = randomId('wh');
    webhookQueue = webhookQueue.then(async () => {
      if (closed) return;
      const at = new Date();
      let delivery: WebhookDelivery;
      try {
        const result = await sendWebhook({ ...target, orgId }, event, data, { webhookId });
        delivery = {
          webhookId,
          event,
          orgId,
          url: target.url,
          payload: result.payload,
          status: result.status,
          ok: result.status >= 200 && result.status < 300,
          responseBody: result.body,
          at,
        };
      } catch (error) {
        delivery = {
          webhookId,
          event,
          orgId,
          url: target.url,
          payload: { event, data, timestamp: at.toISOString(), webhookId },
          status: null,
          ok: false,
          error: describeError(error),
          at,
        };
      }
      deliveries.push(delivery);
      options.onWebhook?.(delivery);
    });
  }

  // --- mutations -------------------------------------------------------------------------------

  function addOrg(input: { id: string; name: string; apiKey: string }): SimOrg {
    if (orgs.has(input.id)) throw new SimulatorError(409, 'CONFLICT', `organisation ${input.id} exists`);
    if (orgByKey.has(input.apiKey)) throw new SimulatorError(409, 'CONFLICT', 'API key already in use');
    const org: SimOrg = {
      id: input.id,
      name: input.name,
      apiKeys: new Set([input.apiKey]),
      courses: new Map(),
      students: new Map(),
      users: new Map(),
    };
    orgs.set(org.id, org);
    orgByKey.set(input.apiKey, org);
    return org;
  }

  function addApiKey(orgId: string, apiKey: string) {
    const org = orgOf(orgId);
    if (orgByKey.has(apiKey)) throw new SimulatorError(409, 'CONFLICT', 'API key already in use');
    org.apiKeys.add(apiKey);
    orgByKey.set(apiKey, org);
  }

  function revokeApiKey(apiKey: string) {
    orgByKey.get(apiKey)?.apiKeys.delete(apiKey);
    orgByKey.delete(apiKey);
  }

  function addCourse(orgId: string, input: CourseInput, mutation?: MutationOptions): SimCourse {
    const org = orgOf(orgId);
    const id = input.id ?? randomId('course');
    if (courseOwner.has(id)) throw new SimulatorError(409, 'CONFLICT', `course ${id} exists`);
    if (typeof input.name !== 'string' || input.name === '')
      throw new SimulatorError(400, 'VALIDATION_ERROR', 'name is required');
    const createdAt = toDate(input.createdAt, now());
    const course: SimCourse = {
      id,
      orgId,
      name: input.name,
      description: input.description ?? null,
      status: assertStatus(input.status ?? 'active'),
      createdAt,
      updatedAt: toDate(input.updatedAt, createdAt),
      enrollments: new Map(),
    };
    org.courses.set(id, course);
    courseOwner.set(id, orgId);
    emit(orgId, 'course.created', courseEventData(course), mutation);
    return course;
  }

  function updateCourse(
    orgId: string,
    courseId: string,
    patch: CoursePatch,
    mutation?: MutationOptions,
  ): SimCourse {
    const course = courseOf(orgOf(orgId), courseId);
    if (patch.name !== undefined) course.name = patch.name;
    if (patch.description !== undefined) course.description = patch.description;
    if (patch.status !== undefined) course.status = assertStatus(patch.status);
    course.updatedAt = toDate(patch.updatedAt, now());
    emit(orgId, 'course.updated', courseEventData(course), mutation);
    return course;
  }

  function deleteCourse(orgId: string, courseId: string, mutation?: MutationOptions) {
    const org = orgOf(orgId);
    courseOf(org, courseId);
    org.courses.delete(courseId);
    courseOwner.delete(courseId);
    emit(orgId, 'course.deleted', { orgId, courseId, deletedAt: now().toISOString() }, mutation);
  }

  function enroll(
    orgId: string,
    courseId: string,
    input: StudentInput,
    mutation?: MutationOptions,
  ): SimStudent {
    const org = orgOf(orgId);
    const course = courseOf(org, courseId);
    if (!input.email || !input.name)
      throw new SimulatorError(400, 'VALIDATION_ERROR', 'email and name are required');
    const id = input.id ?? randomId('student');
    let student = org.students.get(id);
    if (student) {
      student.email = input.email;
      student.name = input.name;
    } else {
      student = { id, orgId, email: input.email, name: input.name };
      org.students.set(id, student);
    }
    if (course.enrollments.has(id)) return student;
    const enrolledAt = toDate(input.enrolledAt, now());
    course.enrollments.set(id, { studentId: id, enrolledAt, seq: ++enrollmentSeq });
    emit(
      orgId,
      'student.enrolled',
      {
        courseId,
        studentId: id,
        email: student.email,
        name: student.name,
        enrolledAt: enrolledAt.toISOString(),
      },
      mutation,
    );
    return student;
  }

  function unenroll(orgId: string, courseId: string, studentId: string, mutation?: MutationOptions) {
    const org = orgOf(orgId);
    const course = courseOf(org, courseId);
    if (!course.enrollments.delete(studentId))
      throw new SimulatorError(404, 'NOT_FOUND', `student ${studentId} is not enrolled in ${courseId}`);
    const student = org.students.get(studentId)!;
    emit(
      orgId,
      'student.unenrolled',
      { courseId, studentId, email: student.email, unenrolledAt: now().toISOString() },
      mutation,
    );
  }

  function updateStudent(
    orgId: string,
    studentId: string,
    patch: { email?: string; name?: string },
    mutation?: MutationOptions,
  ): SimStudent {
    const student = orgOf(orgId).students.get(studentId);
    if (!student) throw new SimulatorError(404, 'NOT_FOUND', `unknown student ${studentId}`);
    if (patch.email !== undefined) student.email = patch.email;
    if (patch.name !== undefined) student.name = patch.name;
    emit(orgId, 'student.updated', { studentId, email: student.email, name: student.name }, mutation);
    return student;
  }

  function addUser(orgId: string, input: UserInput): SimUser {
    const org = orgOf(orgId);
    const user: SimUser = {
      sub: input.sub ?? randomId('user'),
      orgId,
      email: input.email,
      name: input.name,
      role: input.role,
      ...(input.studentId ? { studentId: input.studentId } : {}),
    };
    org.users.set(user.sub, user);
    return user;
  }

  function ssoUsers(orgId?: string): SimUser[] {
    const list = orgId ? [orgOf(orgId)] : [...orgs.values()];
    return list.flatMap((org) => {
      const staff = [...org.users.values()];
      const studentIds = new Set(staff.map((u) => u.studentId).filter(Boolean));
      const students = [...org.students.values()]
        .filter((s) => !studentIds.has(s.id))
        .map(
          (s): SimUser => ({
            sub: `user_${s.id}`,
            orgId: org.id,
            email: s.email,
            name: s.name,
            role: 'student',
            studentId: s.id,
          }),
        );
      return [...staff, ...students];
    });
  }

  // --- SSO -------------------------------------------------------------------------------------

  let issuer = options.issuer ?? '';

  async function issueSsoToken(claims: SsoClaims, opts: IssueSsoTokenOptions = {}): Promise<string> {
    const alg = opts.alg ?? (ssoSecret ? 'HS256' : 'RS256');
    const iat = unixSeconds(opts.issuedAt ?? now());
    const payload: Record<string, unknown> = {
      iss: opts.issuer ?? issuer,
      aud: opts.audience ?? audience,
      ...claims,
      jti: opts.jti ?? randomUUID(),
      iat,
      exp: iat + (opts.expiresInSeconds ?? SSO_TOKEN_TTL_S),
    };
    if (opts.notBefore !== undefined) payload.nbf = unixSeconds(opts.notBefore);
    if (payload.studentId === undefined) delete payload.studentId;
    for (const claim of opts.omit ?? []) delete payload[claim];
    if (alg === 'none') return new UnsecuredJWT(payload).encode();
    if (alg === 'HS256') {
      const secret = opts.secret ?? ssoSecret;
      if (!secret) throw new Error('HS256 needs a secret: setSsoSecret() or options.secret');
      const key = typeof secret === 'string' ? new TextEncoder().encode(secret) : secret;
      return new SignJWT(payload).setProtectedHeader({ alg, typ: 'JWT' }).sign(key);
    }
    const active = activeKeys[alg];
    const kid = opts.kid === undefined ? active.kid : opts.kid;
    return new SignJWT(payload)
      .setProtectedHeader({ alg, typ: 'JWT', ...(kid === null ? {} : { kid }) })
      .sign(opts.privateKey ?? active.privateKey);
  }

  async function rotateSsoKey(alg: 'RS256' | 'ES256' = 'RS256', rotation: { keepOld?: boolean } = {}) {
    const key = await newSigningKey(alg);
    const old = activeKeys[alg];
    activeKeys[alg] = key;
    publishedKeys = [key, ...publishedKeys.filter((k) => rotation.keepOld !== false || k !== old)];
    return key.kid;
  }

  interface AuthorizeParams {
    clientId: string;
    redirectUri: URL;
    rawRedirectUri: string;
    state: string;
    tenant: string;
    orgFilter: string;
  }

  function authorizeParams(params: URLSearchParams): AuthorizeParams | string {
    const clientId = params.get('client_id') ?? '';
    if (clientId !== audience) return 'unknown client_id';
    const rawRedirect = params.get('redirect_uri') ?? '';
    let redirectUri: URL;
    try {
      redirectUri = new URL(rawRedirect);
    } catch {
      return 'redirect_uri must be an absolute URL';
    }
    if (redirectUri.protocol !== 'https:' && redirectUri.protocol !== 'http:')
      return 'redirect_uri must be http(s)';
    if (redirectUri.hash) return 'redirect_uri must not have a fragment';
    if (options.redirectUriPrefixes && !options.redirectUriPrefixes.some((p) => rawRedirect.startsWith(p)))
      return 'redirect_uri is not registered for this client';
    const state = params.get('state') ?? '';
    if (state === '' || state.length > 2048) return 'state is required (at most 2048 characters)';
    return {
      clientId,
      redirectUri,
      rawRedirectUri: rawRedirect,
      state,
      tenant: params.get('tenant') ?? '',
      orgFilter: params.get('org_id') ?? '',
    };
  }

  const userKey = (user: SimUser) =>
    Buffer.from(JSON.stringify([user.orgId, user.sub])).toString('base64url');

  function pageHeaders(formOrigin?: string) {
    return {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': `default-src 'none'; style-src ${PAGE_CSS_HASH}; form-action 'self'${
        formOrigin ? ` ${formOrigin}` : ''
      }; base-uri 'none'; frame-ancestors 'none'`,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    };
  }

  const page = (title: string, body: string) =>
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(
      title,
    )}</title><style>${PAGE_CSS}</style></head><body><main>${body}</main></body></html>`;

  function signInPage(params: AuthorizeParams): string {
    const users = ssoUsers().filter((u) => !params.orgFilter || u.orgId === params.orgFilter);
    const hidden = (name: string, value: string) =>
      `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`;
    const groups = [...orgs.values()]
      .map((org) => {
        const members = users.filter((u) => u.orgId === org.id);
        if (members.length === 0) return '';
        const options = members
          .map(
            (u) =>
              `<label><input type="radio" name="user" value="${escapeHtml(userKey(u))}"${
                u === users[0] ? ' checked' : ''
              }> ${escapeHtml(u.name)} &lt;${escapeHtml(u.email)}&gt; <span class="muted">${escapeHtml(u.role)}</span></label>`,
          )
          .join('');
        return `<fieldset><legend>${escapeHtml(org.name)} <span class="muted">(${escapeHtml(org.id)})</span></legend>${options}</fieldset>`;
      })
      .join('');
    const to = params.tenant ? ` to continue to <strong>${escapeHtml(params.tenant)}</strong>` : '';
    return page(
      'Sign in with Immersio',
      `<h1>Sign in with Immersio</h1><p class="muted">Simulator: pick a user${to}.</p>` +
        `<form method="post" action="/oauth/authorize">` +
        hidden('client_id', params.clientId) +
        hidden('redirect_uri', params.rawRedirectUri) +
        hidden('state', params.state) +
        hidden('tenant', params.tenant) +
        (groups || '<p class="error">No users yet.</p>') +
        `<button type="submit" name="action" value="approve">Sign in</button>` +
        `<button type="submit" name="action" value="deny" class="secondary">Cancel</button></form>`,
    );
  }

  // --- HTTP ------------------------------------------------------------------------------------

  function operationOf(path: string): RecordedRequest['operation'] {
    if (path === '/v1/organization') return 'organization';
    if (path === '/v1/courses') return 'courses';
    if (/^\/v1\/courses\/[^/]+\/students$/.test(path)) return 'students';
    if (path === '/.well-known/jwks.json') return 'jwks';
    if (path === '/oauth/authorize') return 'authorize';
    if (path.startsWith('/_simulator/')) return 'control';
    return null;
  }

  function takeFailure(operation: RecordedRequest['operation'], path: string): InjectedFailure | null {
    const index = failures.findIndex((f) => f.target === operation || f.target === path);
    if (index < 0) return null;
    const pending = failures[index]!;
    pending.remaining -= 1;
    if (pending.remaining <= 0) failures.splice(index, 1);
    return pending.failure;
  }

  function delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        pendingDelays.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      pendingDelays.add(done);
    });
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse, record: RecordedRequest) {
    const method = record.method;
    const url = new URL(req.url ?? '/', 'http://simulator.invalid');
    const path = url.pathname;
    const operation = record.operation;

    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      record.status = status;
      if (res.destroyed || res.headersSent) return;
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(text);
      options.onRequest?.(record);
    };
    const sendError = (status: number, code: string, message: string, headers?: Record<string, string>) =>
      send(status, { error: { code, message } }, headers);

    const injected = takeFailure(operation, path);
    if (injected) {
      if (injected.delayMs) await delay(injected.delayMs);
      if (closed || res.destroyed) return;
      if (injected.destroy) {
        record.injected = true;
        req.socket.destroy();
        options.onRequest?.(record);
        return;
      }
      if (injected.status !== undefined) {
        record.injected = true;
        const headers: Record<string, string> = {};
        if (injected.retryAfter !== undefined) headers['retry-after'] = String(injected.retryAfter);
        if (injected.body !== undefined) return send(injected.status, injected.body, headers);
        const code = injected.code ?? CODES_BY_STATUS[injected.status] ?? `HTTP_${injected.status}`;
        return sendError(injected.status, code, injected.message ?? `Injected ${injected.status}`, headers);
      }
    }

    if (path.startsWith('/v1/')) {
      const auth = req.headers.authorization ?? '';
      const match = /^Bearer\s+(\S+)$/i.exec(auth);
      const org = match ? orgByKey.get(match[1]!) : undefined;
      if (!org) {
        return sendError(401, 'UNAUTHORIZED', match ? 'Invalid API key' : 'Missing API key', {
          'www-authenticate': 'Bearer realm="immersio"',
        });
      }
      record.orgId = org.id;
      if (method !== 'GET')
        return sendError(405, 'METHOD_NOT_ALLOWED', `${method} is not allowed`, { allow: 'GET' });
      if (operation === 'organization')
        return send(200, { id: org.id, name: org.name, courseCount: org.courses.size });
      const limitRaw = url.searchParams.get('limit');
      let limit = DEFAULT_PAGE;
      if (limitRaw !== null) {
        if (!/^\d+$/.test(limitRaw) || Number(limitRaw) < 1 || Number(limitRaw) > MAX_PAGE)
          return sendError(400, 'VALIDATION_ERROR', `limit must be an integer from 1 to ${MAX_PAGE}`);
        limit = Number(limitRaw);
      }
      const cursorRaw = url.searchParams.get('cursor');
      const cursor = cursorRaw ? decodeCursor(cursorRaw) : null;
      if (operation === 'courses') {
        const sinceRaw = url.searchParams.get('updatedSince');
        let since = Number.NEGATIVE_INFINITY;
        if (sinceRaw !== null) {
          since = Date.parse(sinceRaw);
          if (!/^\d{4}-\d{2}-\d{2}T/.test(sinceRaw) || Number.isNaN(since))
            return sendError(400, 'VALIDATION_ERROR', 'updatedSince must be an ISO 8601 date-time');
        }
        if (
          cursorRaw &&
          (cursor?.k !== 'courses' || typeof cursor.u !== 'number' || typeof cursor.i !== 'string')
        )
          return sendError(400, 'INVALID_CURSOR', 'cursor is not valid');
        const after = cursor as { u: number; i: string } | null;
        const list = [...org.courses.values()]
          .filter((c) => c.updatedAt.getTime() >= since)
          .sort(
            (a, b) =>
              a.updatedAt.getTime() - b.updatedAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
          )
          .filter(
            (c) =>
              !after ||
              c.updatedAt.getTime() > after.u ||
              (c.updatedAt.getTime() === after.u && c.id > after.i),
          );
        const pageItems = list.slice(0, limit);
        const last = pageItems.at(-1);
        const nextCursor =
          list.length > limit && last
            ? encodeCursor({ k: 'courses', u: last.updatedAt.getTime(), i: last.id })
            : null;
        return send(200, { data: pageItems.map(courseJson), nextCursor });
      }
      if (operation === 'students') {
        const courseId = decodeURIComponent(path.split('/')[3]!);
        const course = org.courses.get(courseId);
        if (!course) return sendError(404, 'NOT_FOUND', 'Course not found');
        if (cursorRaw && (cursor?.k !== 'students' || cursor.c !== courseId || typeof cursor.q !== 'number'))
          return sendError(400, 'INVALID_CURSOR', 'cursor is not valid');
        const afterSeq = cursor ? (cursor.q as number) : 0;
        const list = [...course.enrollments.values()]
          .filter((e) => e.seq > afterSeq)
          .sort((a, b) => a.seq - b.seq);
        const pageItems = list.slice(0, limit);
        const last = pageItems.at(-1);
        const nextCursor =
          list.length > limit && last ? encodeCursor({ k: 'students', c: courseId, q: last.seq }) : null;
        return send(200, {
          data: pageItems.map((e) => {
            const student = org.students.get(e.studentId)!;
            return {
              id: student.id,
              email: student.email,
              name: student.name,
              enrolledAt: e.enrolledAt.toISOString(),
            };
          }),
          nextCursor,
        });
      }
      return sendError(404, 'NOT_FOUND', 'No such endpoint');
    }

    if (operation === 'jwks') {
      return send(200, { keys: publishedKeys.map((k) => k.jwk) }, { 'cache-control': 'public, max-age=300' });
    }

    if (operation === 'authorize') {
      if (method !== 'GET' && method !== 'POST') return sendError(405, 'METHOD_NOT_ALLOWED', 'GET or POST');
      const params = method === 'GET' ? url.searchParams : new URLSearchParams(await readBody(req));
      const parsed = authorizeParams(params);
      if (typeof parsed === 'string') {
        return send(
          400,
          page(
            'Sign-in request rejected',
            `<h1>Sign-in request rejected</h1><p class="error">${escapeHtml(parsed)}</p>`,
          ),
          pageHeaders(),
        );
      }
      if (method === 'GET') return send(200, signInPage(parsed), pageHeaders(parsed.redirectUri.origin));
      const target = new URL(parsed.redirectUri);
      if (params.get('action') === 'deny') {
        target.searchParams.set('error', 'access_denied');
        target.searchParams.set('state', parsed.state);
        return send(303, '', { location: target.toString(), 'cache-control': 'no-store' });
      }
      let chosen: SimUser | undefined;
      try {
        const [orgId, sub] = JSON.parse(
          Buffer.from(params.get('user') ?? '', 'base64url').toString('utf8'),
        ) as [string, string];
        chosen = ssoUsers().find((u) => u.orgId === orgId && u.sub === sub);
      } catch {
        chosen = undefined;
      }
      if (!chosen) {
        return send(
          400,
          page('Sign-in failed', `<h1>Sign-in failed</h1><p class="error">Pick a user.</p>`),
          pageHeaders(),
        );
      }
      const token = await issueSsoToken({
        sub: chosen.sub,
        email: chosen.email,
        name: chosen.name,
        orgId: chosen.orgId,
        role: chosen.role,
        ...(chosen.studentId ? { studentId: chosen.studentId } : {}),
      });
      target.searchParams.set('token', token);
      target.searchParams.set('state', parsed.state);
      return send(303, '', { location: target.toString(), 'cache-control': 'no-store' });
    }

    if (operation === 'control' && controlApi) return handleControl(method, path, req, send);

    return sendError(404, 'NOT_FOUND', 'No such endpoint');
  }

  async function handleControl(
    method: string,
    path: string,
    req: http.IncomingMessage,
    send: (status: number, body: unknown) => void,
  ) {
    const raw = method === 'GET' || method === 'DELETE' ? '' : await readBody(req);
    let body: Record<string, unknown> = {};
    if (raw) {
      try {
        body = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        throw new SimulatorError(400, 'VALIDATION_ERROR', 'body must be JSON');
      }
    }
    const parts = path.split('/').slice(2).map(decodeURIComponent);
    const done = async (status: number, result: unknown) => {
      const before = deliveries.length;
      await webhooksSettled();
      send(status, { result, webhooks: deliveries.slice(before) });
    };
    const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
    // orgs/:org/courses[/:course[/students[/:student]]], orgs/:org/students/:student, fail
    if (parts[0] === 'fail' && method === 'POST') {
      failNext(String(body.target) as SimOperation, body as InjectedFailure);
      return send(200, { ok: true });
    }
    if (parts[0] !== 'orgs' || !parts[1])
      throw new SimulatorError(404, 'NOT_FOUND', 'No such control endpoint');
    const orgId = parts[1];
    if (parts[2] === 'courses' && parts.length === 3 && method === 'POST')
      return done(201, courseJson(addCourse(orgId, body as unknown as CourseInput)));
    if (parts[2] === 'courses' && parts.length === 4 && method === 'PATCH')
      return done(200, courseJson(updateCourse(orgId, parts[3]!, body as CoursePatch)));
    if (parts[2] === 'courses' && parts.length === 4 && method === 'DELETE') {
      deleteCourse(orgId, parts[3]!);
      return done(200, { deleted: parts[3] });
    }
    if (parts[2] === 'courses' && parts[4] === 'students' && parts.length === 5 && method === 'POST')
      return done(201, enroll(orgId, parts[3]!, body as unknown as StudentInput));
    if (parts[2] === 'courses' && parts[4] === 'students' && parts.length === 6 && method === 'DELETE') {
      unenroll(orgId, parts[3]!, parts[5]!);
      return done(200, { unenrolled: parts[5] });
    }
    if (parts[2] === 'students' && parts.length === 4 && method === 'PATCH')
      return done(200, updateStudent(orgId, parts[3]!, { email: str(body.email), name: str(body.name) }));
    throw new SimulatorError(404, 'NOT_FOUND', 'No such control endpoint');
  }

  function failNext(target: SimOperation | `/${string}`, failure: InjectedFailure = { status: 500 }) {
    failures.push({ target, failure, remaining: failure.times ?? 1 });
  }

  function webhooksSettled(): Promise<void> {
    let current = webhookQueue;
    // Deliveries may queue more work while we wait; settle until the queue stops moving.
    const loop = async (): Promise<void> => {
      await current;
      if (current !== webhookQueue) {
        current = webhookQueue;
        return loop();
      }
    };
    return loop();
  }

  const server = http.createServer((req, res) => {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://simulator.invalid');
    const record: RecordedRequest = {
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      operation: operationOf(url.pathname),
      orgId: null,
      status: 0,
      injected: false,
      at: new Date(),
    };
    requests.push(record);
    handle(req, res, record).catch((error: unknown) => {
      const status = error instanceof SimulatorError ? error.status : 500;
      const code = error instanceof SimulatorError ? error.code : 'INTERNAL_ERROR';
      const message = error instanceof Error ? error.message : 'internal error';
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code, message } }));
      }
      record.status = status;
      options.onRequest?.(record);
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = (options.publicUrl ?? `http://${host.includes(':') ? `[${host}]` : host}:${port}`).replace(
    /\/+$/,
    '',
  );
  if (!issuer) issuer = url;

  return {
    url,
    port,
    jwksUrl: `${url}/.well-known/jwks.json`,
    authorizeUrl: `${url}/oauth/authorize`,
    issuer,
    audience,
    get ssoPublicKeyPem() {
      return activeKeys.RS256.pem;
    },
    orgs,
    requests,
    deliveries,
    async close() {
      if (closed) return;
      closed = true;
      for (const resolve of [...pendingDelays]) resolve();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    addOrg,
    addApiKey,
    revokeApiKey,
    addCourse,
    updateCourse,
    deleteCourse,
    enroll,
    unenroll,
    updateStudent,
    addUser,
    ssoUsers,
    failNext,
    clearFailures() {
      failures = [];
    },
    setWebhookTarget(target, orgId) {
      if (orgId === undefined) globalTarget = target;
      else if (target) orgTargets.set(orgId, target);
      else orgTargets.delete(orgId);
    },
    webhooksSettled,
    sendWebhook,
    issueSsoToken,
    setSsoSecret(secret) {
      ssoSecret = secret;
    },
    rotateSsoKey,
  };
}

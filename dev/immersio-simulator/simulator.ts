/**
 * A local, in-memory stand-in for Immersio as the booking service consumes it
 * (docs/immersio-api.md): the REST API (organisation, courses, a course's students) behind
 * per-organisation API keys, signed webhooks, and the SSO side (sign-in page, JWKS, signed JWTs).
 *
 * `node:http` for the server, `jose` for the tokens, nothing else. Start it inside a test with
 * `startImmersioSimulator()`, or standalone with `npm run dev:immersio` (main.ts).
 */
import type { AddressInfo } from 'node:net';
import { createFailureInjector, type InjectedFailure } from './failure-injection.ts';
import { type RecordedRequest, type SimOperation, startHttpServer } from './http-server.ts';
import { createOrgStore } from './org-store.ts';
import type {
  CourseInput,
  CoursePatch,
  MutationOptions,
  SimCourse,
  SimOrg,
  SimStudent,
  SimUser,
  StudentInput,
  UserInput,
} from './org-types.ts';
import { createSsoTokens, type IssueSsoTokenOptions, type SsoClaims } from './sso-tokens.ts';
import {
  createWebhookSender,
  type SendWebhookOptions,
  type SendWebhookTarget,
  type WebhookDelivery,
  type WebhookResult,
  type WebhookTarget,
} from './webhooks.ts';

export type { InjectedFailure } from './failure-injection.ts';
export type { RecordedRequest, SimOperation } from './http-server.ts';
export type {
  CourseInput,
  CoursePatch,
  CourseStatus,
  MutationOptions,
  SimCourse,
  SimEnrollment,
  SimOrg,
  SimStudent,
  SimUser,
  SsoRole,
  StudentInput,
  UserInput,
} from './org-types.ts';
export { SimulatorError } from './simulator-error.ts';
export type { IssueSsoTokenOptions, SsoAlg, SsoClaims } from './sso-tokens.ts';
export {
  IMMERSIO_WEBHOOK_EVENTS,
  type ImmersioWebhookEvent,
  type SendWebhookOptions,
  type SendWebhookTarget,
  signImmersioWebhook,
  type WebhookDelivery,
  type WebhookPayload,
  type WebhookResult,
  type WebhookTarget,
} from './webhooks.ts';

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

export async function startImmersioSimulator(
  options: ImmersioSimulatorOptions = {},
): Promise<ImmersioSimulator> {
  const now = options.now ?? (() => new Date());
  const host = options.host ?? '127.0.0.1';
  const audience = options.audience ?? 'immersio-booking';
  const requests: RecordedRequest[] = [];
  let closed = false;
  // Known only once the server listens (it defaults to the simulator's URL); tokens read it then.
  let issuer = options.issuer ?? '';

  const webhooks = createWebhookSender({
    now,
    timeoutMs: options.webhookTimeoutMs ?? 10_000,
    target: options.webhookTarget ?? null,
    isClosed: () => closed,
    options,
  });
  const store = createOrgStore(now, webhooks.emit);
  const sso = await createSsoTokens({
    now,
    audience,
    issuer: () => issuer,
    ssoSecret: options.ssoSecret ?? null,
  });
  const failures = createFailureInjector();

  const server = await startHttpServer(
    {
      audience,
      controlApi: options.controlApi ?? true,
      store,
      sso,
      webhooks,
      failures,
      requests,
      isClosed: () => closed,
      options,
    },
    options.port ?? 0,
    host,
  );
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
      return sso.rs256PublicKeyPem();
    },
    orgs: store.orgs,
    requests,
    deliveries: webhooks.deliveries,
    async close() {
      if (closed) return;
      closed = true;
      failures.releaseDelays();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    addOrg: store.addOrg,
    addApiKey: store.addApiKey,
    revokeApiKey: store.revokeApiKey,
    addCourse: store.addCourse,
    updateCourse: store.updateCourse,
    deleteCourse: store.deleteCourse,
    enroll: store.enroll,
    unenroll: store.unenroll,
    updateStudent: store.updateStudent,
    addUser: store.addUser,
    ssoUsers: store.ssoUsers,
    failNext: failures.failNext,
    clearFailures: failures.clearFailures,
    setWebhookTarget: webhooks.setWebhookTarget,
    webhooksSettled: webhooks.webhooksSettled,
    sendWebhook: webhooks.sendWebhook,
    issueSsoToken: sso.issueSsoToken,
    setSsoSecret: sso.setSsoSecret,
    rotateSsoKey: sso.rotateSsoKey,
  };
}

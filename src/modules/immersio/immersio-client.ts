/**
 * Immersio's REST API as the booking service consumes it (docs/immersio-api.md): organisation,
 * courses (incremental, cursor-paged) and a course's students. Every attempt has its own timeout;
 * 5xx, 429 and network failures are retried with exponential backoff and jitter (429 and 503
 * honour `Retry-After`); other 4xx are not. Every answer is validated with zod.
 *
 * The API key is held in a closure: it is never part of an error, a message or the client object.
 */
import { z } from 'zod';

// ---------------------------------------------------------------------------------------------
// Wire schemas
// ---------------------------------------------------------------------------------------------

const isoDate = z.iso.datetime({ offset: true }).transform((value) => new Date(value));

export const immersioOrganizationSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  courseCount: z.number().int().nonnegative(),
});

export const immersioCourseSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  description: z.string().nullable(),
  status: z.enum(['active', 'archived']),
  studentCount: z.number().int().nonnegative(),
  updatedAt: isoDate,
});

export const immersioStudentSchema = z.object({
  id: z.string().min(1),
  email: z.string(),
  name: z.string(),
  enrolledAt: isoDate,
});

const pageSchema = <T extends z.ZodType>(item: T) =>
  z.object({ data: z.array(item), nextCursor: z.string().min(1).nullable() });

export const immersioCoursePageSchema = pageSchema(immersioCourseSchema);
export const immersioStudentPageSchema = pageSchema(immersioStudentSchema);

const errorBodySchema = z.object({
  error: z.object({ code: z.string().optional(), message: z.string().optional() }),
});

export type ImmersioOrganization = z.output<typeof immersioOrganizationSchema>;
export type ImmersioCourse = z.output<typeof immersioCourseSchema>;
export type ImmersioStudent = z.output<typeof immersioStudentSchema>;
export interface ImmersioPage<T> {
  data: T[];
  nextCursor: string | null;
}

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

/**
 * Codes: Immersio's own (`UNAUTHORIZED`, `NOT_FOUND`, `VALIDATION_ERROR`, `INVALID_CURSOR`,
 * `RATE_LIMITED`, …, or `HTTP_<status>` when the body names none) and the client's:
 * `TIMEOUT`, `NETWORK_ERROR`, `INVALID_RESPONSE` (not JSON, or not the documented shape),
 * `ABORTED` (the caller's signal).
 */
export class ImmersioApiError extends Error {
  override readonly name = 'ImmersioApiError';
  /** HTTP status of the last attempt; null when no response arrived (timeout, network, abort). */
  readonly status: number | null;
  readonly code: string;
  /** Whether the failure was transient (5xx, 429, timeout, network): retrying later may work. */
  readonly retryable: boolean;
  /** Requests made, retries included. */
  readonly attempts: number;
  /** e.g. `GET /v1/courses` (no query string). */
  readonly operation: string;

  constructor(init: {
    message: string;
    status: number | null;
    code: string;
    retryable: boolean;
    attempts: number;
    operation: string;
    cause?: unknown;
  }) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.status = init.status;
    this.code = init.code;
    this.retryable = init.retryable;
    this.attempts = init.attempts;
    this.operation = init.operation;
  }

  toJSON() {
    return {
      name: this.name,
      message: this.message,
      status: this.status,
      code: this.code,
      retryable: this.retryable,
      attempts: this.attempts,
      operation: this.operation,
    };
  }
}

// ---------------------------------------------------------------------------------------------
// Client
// ---------------------------------------------------------------------------------------------

export interface RetryInfo {
  operation: string;
  /** The attempt that failed (1-based). */
  attempt: number;
  /** How long the client waits before the next attempt. */
  delayMs: number;
  status: number | null;
  code: string;
}

export interface ImmersioClientOptions {
  /** `IMMERSIO_API_URL`; may carry a path prefix. */
  baseUrl: string;
  /** The tenant's API key, sent as `Authorization: Bearer <key>`. */
  apiKey: string;
  /** Per attempt, including reading the body. Default 10 000. */
  timeoutMs?: number;
  /** Retries after the first attempt. Default 3. */
  maxRetries?: number;
  /** Default `globalThis.fetch`. */
  fetch?: typeof fetch;
  /** Waits between attempts (tests pass a recorder). Default a timer that the caller's signal cuts short. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Backoff base: attempt n waits base·2^(n-1), jittered to 50–100 %. Default 200. */
  baseDelayMs?: number;
  /** Upper bound of any wait, `Retry-After` included. Default 30 000. */
  maxDelayMs?: number;
  /** Default Math.random. */
  random?: () => number;
  /** Called before each retry (for logging: it carries no key, URL query or body). */
  onRetry?: (info: RetryInfo) => void;
}

export interface RequestOptions {
  /** Aborts the call (and any wait between attempts). */
  signal?: AbortSignal;
}

export interface ListCoursesOptions extends RequestOptions {
  /** Only courses whose `updatedAt` is at or after this instant. */
  updatedSince?: Date | string;
  cursor?: string;
  /** 1..100, Immersio's default 50. */
  limit?: number;
}

export interface ListStudentsOptions extends RequestOptions {
  cursor?: string;
  limit?: number;
}

export interface ImmersioClient {
  getOrganization(options?: RequestOptions): Promise<ImmersioOrganization>;
  listCourses(options?: ListCoursesOptions): Promise<ImmersioPage<ImmersioCourse>>;
  listCourseStudents(courseId: string, options?: ListStudentsOptions): Promise<ImmersioPage<ImmersioStudent>>;
  /** Every course (changed since `updatedSince`), page after page. */
  allCourses(options?: Omit<ListCoursesOptions, 'cursor'>): AsyncGenerator<ImmersioCourse, void, undefined>;
  /** Every student enrolled in the course, page after page. */
  allCourseStudents(
    courseId: string,
    options?: Omit<ListStudentsOptions, 'cursor'>,
  ): AsyncGenerator<ImmersioStudent, void, undefined>;
}

const defaultSleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/** `Retry-After` as milliseconds: delta-seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, nowMs = Date.now()): number | null {
  if (value === null) return null;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - nowMs);
}

function checkLimit(limit: number | undefined) {
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > 100))
    throw new RangeError('limit must be an integer from 1 to 100');
}

export function createImmersioClient(options: ImmersioClientOptions): ImmersioClient {
  const {
    apiKey,
    timeoutMs = 10_000,
    maxRetries = 3,
    baseDelayMs = 200,
    maxDelayMs = 30_000,
    random = Math.random,
    sleep = defaultSleep,
    onRetry,
  } = options;
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const base = new URL(options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`);
  // Checked here so that fetch never builds an error message around an unusable header value.
  if (!apiKey || !/^[\x21-\x7e]+$/.test(apiKey))
    throw new TypeError('apiKey is required and must be printable ASCII without spaces');

  /** Anything the server (or a library) echoes back never carries the key. */
  const scrub = (text: string) => (apiKey.length >= 4 ? text.split(apiKey).join('[redacted]') : text);

  interface AttemptFailure {
    status: number | null;
    code: string;
    message: string;
    retryable: boolean;
    retryAfterMs: number | null;
    cause?: unknown;
  }

  async function request<T extends z.ZodType>(
    path: string,
    query: Record<string, string | undefined>,
    schema: T,
    requestOptions: RequestOptions = {},
  ): Promise<z.output<T>> {
    const url = new URL(path, base);
    for (const [key, value] of Object.entries(query))
      if (value !== undefined) url.searchParams.set(key, value);
    const operation = `GET ${url.pathname}`;
    const callerSignal = requestOptions.signal;

    const fail = (failure: AttemptFailure, attempts: number) =>
      new ImmersioApiError({
        message: scrub(`Immersio ${operation} failed: ${failure.message}`),
        status: failure.status,
        code: failure.code,
        retryable: failure.retryable,
        attempts,
        operation,
        cause: failure.cause,
      });

    for (let attempt = 1; ; attempt++) {
      if (callerSignal?.aborted) {
        throw fail(
          { status: null, code: 'ABORTED', message: 'aborted', retryable: false, retryAfterMs: null },
          attempt - 1,
        );
      }
      const outcome = await attemptOnce(url, schema, callerSignal);
      if (outcome.ok) return outcome.value;
      const failure = outcome.failure;
      if (!failure.retryable || attempt > maxRetries) throw fail(failure, attempt);
      const backoff = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
      const delayMs = Math.round(
        failure.retryAfterMs !== null
          ? Math.min(maxDelayMs, failure.retryAfterMs)
          : backoff / 2 + (random() * backoff) / 2,
      );
      onRetry?.({ operation, attempt, delayMs, status: failure.status, code: failure.code });
      try {
        await sleep(delayMs, callerSignal);
      } catch (cause) {
        throw fail(
          { status: null, code: 'ABORTED', message: 'aborted', retryable: false, retryAfterMs: null, cause },
          attempt,
        );
      }
    }
  }

  async function attemptOnce<T extends z.ZodType>(
    url: URL,
    schema: T,
    callerSignal: AbortSignal | undefined,
  ): Promise<{ ok: true; value: z.output<T> } | { ok: false; failure: AttemptFailure }> {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = callerSignal ? AbortSignal.any([timeout, callerSignal]) : timeout;
    let response: Response;
    let text: string;
    try {
      response = await doFetch(url, {
        method: 'GET',
        headers: {
          authorization: `Bearer ${apiKey}`,
          accept: 'application/json',
          'user-agent': 'immersio-booking-service',
        },
        // A redirect is answered as an error (3xx, not retried) rather than followed with the key.
        redirect: 'manual',
        signal,
      });
      text = await response.text();
    } catch (cause) {
      if (callerSignal?.aborted) {
        return {
          ok: false,
          failure: {
            status: null,
            code: 'ABORTED',
            message: 'aborted',
            retryable: false,
            retryAfterMs: null,
            cause,
          },
        };
      }
      if (timeout.aborted) {
        return {
          ok: false,
          failure: {
            status: null,
            code: 'TIMEOUT',
            message: `no answer within ${timeoutMs} ms`,
            retryable: true,
            retryAfterMs: null,
          },
        };
      }
      return {
        ok: false,
        failure: {
          status: null,
          code: 'NETWORK_ERROR',
          message: `network error (${describeNetworkError(cause)})`,
          retryable: true,
          retryAfterMs: null,
        },
      };
    }

    let json: unknown;
    let isJson = true;
    try {
      json = JSON.parse(text);
    } catch {
      isJson = false;
    }

    if (!response.ok) {
      const status = response.status;
      const parsed = isJson ? errorBodySchema.safeParse(json) : undefined;
      const remote = parsed?.success ? parsed.data.error : undefined;
      const code = status === 401 ? 'UNAUTHORIZED' : (remote?.code ?? defaultCode(status));
      const retryable = status === 429 || status >= 500;
      const detail = remote?.message ? `: ${remote.message.slice(0, 300)}` : '';
      return {
        ok: false,
        failure: {
          status,
          code,
          message: `${status} ${code}${detail}`,
          retryable,
          retryAfterMs: retryable ? parseRetryAfter(response.headers.get('retry-after')) : null,
        },
      };
    }

    if (!isJson) {
      return {
        ok: false,
        failure: {
          status: response.status,
          code: 'INVALID_RESPONSE',
          message: 'response is not JSON',
          retryable: false,
          retryAfterMs: null,
        },
      };
    }
    const result = schema.safeParse(json);
    if (!result.success) {
      const where = result.error.issues
        .slice(0, 3)
        .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
        .join('; ');
      return {
        ok: false,
        failure: {
          status: response.status,
          code: 'INVALID_RESPONSE',
          message: `unexpected response shape (${where})`,
          retryable: false,
          retryAfterMs: null,
        },
      };
    }
    return { ok: true, value: result.data };
  }

  const listCourses = (opts: ListCoursesOptions = {}) => {
    checkLimit(opts.limit);
    const since = opts.updatedSince instanceof Date ? opts.updatedSince.toISOString() : opts.updatedSince;
    return request(
      'v1/courses',
      { updatedSince: since, cursor: opts.cursor, limit: opts.limit?.toString() },
      immersioCoursePageSchema,
      opts,
    );
  };

  const listCourseStudents = (courseId: string, opts: ListStudentsOptions = {}) => {
    checkLimit(opts.limit);
    if (!courseId) throw new TypeError('courseId is required');
    return request(
      `v1/courses/${encodeURIComponent(courseId)}/students`,
      { cursor: opts.cursor, limit: opts.limit?.toString() },
      immersioStudentPageSchema,
      opts,
    );
  };

  async function* paginate<T>(
    operation: string,
    fetchPage: (cursor: string | undefined) => Promise<ImmersioPage<T>>,
  ): AsyncGenerator<T, void, undefined> {
    const seen = new Set<string>();
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await fetchPage(cursor);
      pages++;
      yield* page.data;
      if (page.nextCursor !== null && seen.has(page.nextCursor)) {
        throw new ImmersioApiError({
          message: `Immersio ${operation} failed: the same cursor came back twice (page ${pages})`,
          status: 200,
          code: 'INVALID_RESPONSE',
          retryable: false,
          attempts: 1,
          operation,
        });
      }
      if (page.nextCursor !== null) seen.add(page.nextCursor);
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
  }

  return {
    getOrganization: (opts = {}) => request('v1/organization', {}, immersioOrganizationSchema, opts),
    listCourses,
    listCourseStudents,
    allCourses: (opts = {}) =>
      paginate('GET /v1/courses', (cursor) => listCourses({ ...opts, ...(cursor ? { cursor } : {}) })),
    allCourseStudents: (courseId, opts = {}) =>
      paginate(`GET /v1/courses/${encodeURIComponent(courseId)}/students`, (cursor) =>
        listCourseStudents(courseId, { ...opts, ...(cursor ? { cursor } : {}) }),
      ),
  };
}

function defaultCode(status: number): string {
  switch (status) {
    case 400:
      return 'VALIDATION_ERROR';
    case 403:
      return 'FORBIDDEN';
    case 404:
      return 'NOT_FOUND';
    case 429:
      return 'RATE_LIMITED';
    default:
      return `HTTP_${status}`;
  }
}

/** A short, key-free description of a fetch failure (undici puts the reason in `cause`). */
function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  if (cause && typeof cause.code === 'string') return cause.code;
  if (cause && typeof cause.message === 'string') return cause.message.slice(0, 200);
  return error instanceof Error ? error.message.slice(0, 200) : 'unknown';
}

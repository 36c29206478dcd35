import { z } from 'zod';
import { ImmersioApiError } from './immersio-api-error.ts';

/**
 * The HTTP side of the Immersio client: one GET, with its own timeout per attempt; 5xx, 429 and
 * network failures are retried with exponential backoff and jitter (429 and 503 honour
 * `Retry-After`); other 4xx are not. The answer is validated with the caller's zod schema.
 *
 * The API key is held in a closure: it is never part of an error, a message or the returned object.
 */

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

/** How Immersio words an error (its `code` wins over the status's default). */
const errorBodySchema = z.object({
  error: z.object({ code: z.string().optional(), message: z.string().optional() }),
});

export type ImmersioGet = <T extends z.ZodType>(
  path: string,
  query: Record<string, string | undefined>,
  schema: T,
  requestOptions?: RequestOptions,
) => Promise<z.output<T>>;

export function createImmersioTransport(options: ImmersioClientOptions): ImmersioGet {
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

  return request;
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

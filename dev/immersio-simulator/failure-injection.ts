/** `failNext`: canned errors, delays and dropped connections for the next matching requests. */
import type { RecordedRequest, SimOperation } from './http-server.ts';

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

interface PendingFailure {
  target: string;
  failure: InjectedFailure;
  remaining: number;
}

/** The error code an injected failure without its own `code` answers with. */
export const CODES_BY_STATUS: Record<number, string> = {
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

export type FailureInjector = ReturnType<typeof createFailureInjector>;

export function createFailureInjector() {
  let failures: PendingFailure[] = [];
  const pendingDelays = new Set<() => void>();

  function failNext(target: SimOperation | `/${string}`, failure: InjectedFailure = { status: 500 }) {
    failures.push({ target, failure, remaining: failure.times ?? 1 });
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

  return {
    failNext,
    clearFailures() {
      failures = [];
    },
    takeFailure,
    delay,
    /** Ends every injected delay now, so closing the server does not wait for them. */
    releaseDelays() {
      for (const resolve of [...pendingDelays]) resolve();
    },
  };
}

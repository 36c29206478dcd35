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

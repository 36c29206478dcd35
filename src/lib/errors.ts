/**
 * The one error type services throw. Codes are the spec's table (section 4) plus a few
 * documented extensions (see docs/errors.md); each maps to one HTTP status, used by both
 * the tRPC error formatter and the REST error handler.
 */
export const ERROR_STATUS = {
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  TENANT_NOT_FOUND: 404,
  WORKSHOP_NOT_FOUND: 404,
  BOOKING_NOT_FOUND: 404,
  VALIDATION_ERROR: 400,
  WHITELIST_DENIED: 403,
  NO_SEATS_AVAILABLE: 409,
  PAYMENT_FAILED: 402,
  REFUND_NOT_ELIGIBLE: 400,
  STRIPE_NOT_CONFIGURED: 400,
  IMMERSIO_NOT_CONNECTED: 400,
  SYNC_IN_PROGRESS: 409,
  INVALID_WEBHOOK_SIGNATURE: 401,
  RATE_LIMITED: 429,
  INTERNAL_ERROR: 500,
  // Extensions beyond the spec's table, documented in docs/errors.md.
  CONFLICT: 409,
  GONE: 410,
  INVALID_TOKEN: 401,
  PAYLOAD_TOO_LARGE: 413,
  BOOKING_CLOSED: 409,
  CANCELLATION_CLOSED: 400,
  TEACHER_UNAVAILABLE: 409,
  SERVICE_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

const DEFAULT_MESSAGES: Record<ErrorCode, string> = {
  UNAUTHORIZED: 'Authentication required',
  FORBIDDEN: 'Insufficient permissions',
  NOT_FOUND: 'Resource not found',
  TENANT_NOT_FOUND: 'Tenant not found',
  WORKSHOP_NOT_FOUND: 'Workshop not found',
  BOOKING_NOT_FOUND: 'Booking not found',
  VALIDATION_ERROR: 'Invalid input data',
  WHITELIST_DENIED: 'Email not in whitelist',
  NO_SEATS_AVAILABLE: 'Workshop is fully booked',
  PAYMENT_FAILED: 'Payment processing failed',
  REFUND_NOT_ELIGIBLE: 'Outside refund window',
  STRIPE_NOT_CONFIGURED: 'Tenant has no Stripe setup',
  IMMERSIO_NOT_CONNECTED: 'Immersio not configured',
  SYNC_IN_PROGRESS: 'Sync already running',
  INVALID_WEBHOOK_SIGNATURE: 'Webhook signature mismatch',
  RATE_LIMITED: 'Too many requests',
  INTERNAL_ERROR: 'Server error',
  CONFLICT: 'Conflict with the current state',
  GONE: 'No longer available',
  INVALID_TOKEN: 'Invalid token',
  PAYLOAD_TOO_LARGE: 'Payload too large',
  BOOKING_CLOSED: 'This session is no longer open for booking',
  CANCELLATION_CLOSED: 'This booking can no longer be cancelled',
  TEACHER_UNAVAILABLE: 'The teacher is not available at this time',
  SERVICE_UNAVAILABLE: 'A service we depend on could not be reached; try again shortly',
};

export interface FieldIssue {
  path: string;
  message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly issues: FieldIssue[] | undefined;

  constructor(code: ErrorCode, message?: string, options?: { cause?: unknown; issues?: FieldIssue[] }) {
    super(message ?? DEFAULT_MESSAGES[code], { cause: options?.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.issues = options?.issues;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** Builds VALIDATION_ERROR from zod-style issues, naming every field in the message. */
export function validationError(
  issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>,
): AppError {
  const fields = issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(input)',
    message: issue.message,
  }));
  const summary = fields.map((f) => `${f.path}: ${f.message}`).join('; ');
  return new AppError('VALIDATION_ERROR', `Invalid input: ${summary}`, { issues: fields });
}

/** The REST body: `{error, code}` plus field issues for validation failures and a request id for 500s. */
export function restErrorBody(error: AppError, requestId?: string) {
  return {
    error: error.message,
    code: error.code,
    ...(error.issues ? { issues: error.issues } : {}),
    ...(error.code === 'INTERNAL_ERROR' && requestId ? { requestId } : {}),
  };
}

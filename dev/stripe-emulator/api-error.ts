import type { InjectedError } from './emulator-types.ts';

interface ErrorBody {
  type: string;
  message: string;
  code?: string;
  param?: string;
  decline_code?: string;
  doc_url?: string;
}

/** A Stripe API error response. */
export class ApiError extends Error {
  readonly status: number;
  readonly body: ErrorBody;
  readonly shouldRetry: boolean | undefined;
  /** Injected failures and validation errors are not saved under an idempotency key. */
  readonly saveIdempotently: boolean;
  constructor(
    status: number,
    body: ErrorBody,
    extra: { shouldRetry?: boolean; saveIdempotently?: boolean } = {},
  ) {
    super(body.message);
    this.status = status;
    this.body = body;
    this.shouldRetry = extra.shouldRetry;
    this.saveIdempotently = extra.saveIdempotently ?? false;
  }
}

export const invalid = (message: string, param?: string, code?: string) =>
  new ApiError(400, {
    type: 'invalid_request_error',
    message,
    ...(code ? { code, doc_url: `https://stripe.com/docs/error-codes/${code.replace(/_/g, '-')}` } : {}),
    ...(param ? { param } : {}),
  });

export const missing = (kind: string, id: string, param = 'id') =>
  new ApiError(404, {
    type: 'invalid_request_error',
    code: 'resource_missing',
    doc_url: 'https://stripe.com/docs/error-codes/resource-missing',
    message: `No such ${kind}: '${id}'`,
    param,
  });

export function injectedToApiError(error: InjectedError): ApiError {
  const status = error.status;
  const type =
    error.type ?? (status === 402 ? 'card_error' : status >= 500 ? 'api_error' : 'invalid_request_error');
  const defaults: Record<number, { code?: string; message: string; decline?: string }> = {
    402: { code: 'card_declined', message: 'Your card was declined.', decline: 'generic_decline' },
    429: {
      code: 'rate_limit',
      message:
        'Too many requests hit the API too quickly. We recommend an exponential backoff of your requests.',
    },
  };
  const fallback = defaults[status] ?? {
    message:
      status >= 500
        ? 'An unknown error occurred (injected by the Stripe emulator).'
        : 'Injected by the Stripe emulator.',
  };
  const code = error.code ?? fallback.code;
  const declineCode = error.declineCode ?? (status === 402 ? fallback.decline : undefined);
  return new ApiError(
    status,
    {
      type,
      message: error.message ?? fallback.message,
      ...(code ? { code } : {}),
      ...(declineCode ? { decline_code: declineCode } : {}),
      ...(error.param ? { param: error.param } : {}),
    },
    { shouldRetry: error.shouldRetry ?? false },
  );
}

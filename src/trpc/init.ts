import { initTRPC } from '@trpc/server';
import { ZodError } from 'zod';
import type { Container } from '../container.ts';
import { databaseFailure } from '../db/errors.ts';
import { AppError, ERROR_STATUS, type ErrorCode, validationError } from '../lib/errors.ts';
import type { Credential } from '../modules/auth/credentials.ts';
import type { Viewer } from '../modules/viewer/viewer-resolver.ts';
import { transformer } from './transformer.ts';

/** What one HTTP request brings; kept in one object so tRPC's per-middleware context copies stay small. */
export interface RequestScope {
  id: string;
  ip: string;
  credential: Credential | null;
  /** Resolved once per request, on first use: public procedures never touch the session. */
  getViewer: () => Promise<Viewer | null>;
  setHeaders: (headers: Record<string, string>) => void;
}

export interface TrpcContext {
  container: Container;
  request: RequestScope;
}

type TrpcKey =
  | 'BAD_REQUEST'
  | 'UNAUTHORIZED'
  | 'PAYMENT_REQUIRED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'PAYLOAD_TOO_LARGE'
  | 'TOO_MANY_REQUESTS'
  | 'INTERNAL_SERVER_ERROR'
  | 'SERVICE_UNAVAILABLE';

const TRPC_KEY_BY_STATUS: Record<number, TrpcKey> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  402: 'PAYMENT_REQUIRED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  410: 'NOT_FOUND',
  413: 'PAYLOAD_TOO_LARGE',
  429: 'TOO_MANY_REQUESTS',
  500: 'INTERNAL_SERVER_ERROR',
  503: 'SERVICE_UNAVAILABLE',
};

const JSONRPC_BY_KEY: Record<TrpcKey, number> = {
  BAD_REQUEST: -32600,
  UNAUTHORIZED: -32001,
  PAYMENT_REQUIRED: -32002,
  FORBIDDEN: -32003,
  NOT_FOUND: -32004,
  CONFLICT: -32009,
  PAYLOAD_TOO_LARGE: -32013,
  TOO_MANY_REQUESTS: -32029,
  INTERNAL_SERVER_ERROR: -32603,
  SERVICE_UNAVAILABLE: -32603,
};

const APP_CODE_BY_TRPC: Record<string, ErrorCode> = {
  PARSE_ERROR: 'VALIDATION_ERROR',
  BAD_REQUEST: 'VALIDATION_ERROR',
  UNAUTHORIZED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  METHOD_NOT_SUPPORTED: 'VALIDATION_ERROR',
  UNSUPPORTED_MEDIA_TYPE: 'VALIDATION_ERROR',
  UNPROCESSABLE_CONTENT: 'VALIDATION_ERROR',
  PRECONDITION_FAILED: 'VALIDATION_ERROR',
  PRECONDITION_REQUIRED: 'VALIDATION_ERROR',
  TIMEOUT: 'VALIDATION_ERROR',
  CLIENT_CLOSED_REQUEST: 'VALIDATION_ERROR',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  TOO_MANY_REQUESTS: 'RATE_LIMITED',
  CONFLICT: 'CONFLICT',
};

/** Turns whatever a procedure threw into the AppError that decides code, status and message. */
export function toAppError(error: { code: string; message: string; cause?: unknown }): AppError {
  const cause = error.cause;
  if (cause instanceof AppError) return cause;
  // Only bad input is the caller's fault; a ZodError under a 500 is an output that broke its schema.
  if (cause instanceof ZodError && error.code === 'BAD_REQUEST') return validationError(cause.issues);
  const failure = databaseFailure(cause);
  if (failure) return failure;
  const mapped = APP_CODE_BY_TRPC[error.code];
  if (mapped) return new AppError(mapped, error.message);
  return new AppError('INTERNAL_ERROR');
}

const t = initTRPC.context<TrpcContext>().create({
  transformer,
  isDev: false,
  errorFormatter({ shape, error, ctx }) {
    const appError = toAppError(error);
    const key = TRPC_KEY_BY_STATUS[appError.status] ?? 'INTERNAL_SERVER_ERROR';
    const internal = appError.code === 'INTERNAL_ERROR';
    const requestId = ctx?.request.id;
    return {
      code: JSONRPC_BY_KEY[key],
      message: internal && requestId ? `${appError.message} (request id ${requestId})` : appError.message,
      data: {
        code: key,
        httpStatus: ERROR_STATUS[appError.code],
        appCode: appError.code,
        path: shape.data.path,
        ...(appError.issues ? { issues: appError.issues } : {}),
        ...(internal && requestId ? { requestId } : {}),
      },
    };
  },
});

export const router = t.router;
/** One router from several: a domain later in the layers adds procedures to an earlier one's namespace. */
export const mergeRouters = t.mergeRouters;
export const createCallerFactory = t.createCallerFactory;

export const baseProcedure = t.procedure;

import { initTRPC } from '@trpc/server';
import superjson from 'superjson';
import { ZodError } from 'zod';
import type { Container } from '../container.ts';
import { AppError, ERROR_STATUS, type ErrorCode, validationError } from '../lib/errors.ts';
import type { Credential } from '../modules/auth/credentials.ts';
import type { Viewer } from '../modules/auth/viewer.ts';
import type { Role } from '../modules/tenants/tenants.repo.ts';

export interface TrpcContext {
  requestId: string;
  ip: string;
  container: Container;
  credential: Credential | null;
  /** Resolved once per request, on first use: public procedures never touch the session. */
  getViewer: () => Promise<Viewer | null>;
  setHeaders: (headers: Record<string, string>) => void;
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
  | 'INTERNAL_SERVER_ERROR';

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
};

const APP_CODE_BY_TRPC: Record<string, ErrorCode> = {
  PARSE_ERROR: 'VALIDATION_ERROR',
  BAD_REQUEST: 'VALIDATION_ERROR',
  UNAUTHORIZED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  METHOD_NOT_SUPPORTED: 'VALIDATION_ERROR',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  TOO_MANY_REQUESTS: 'RATE_LIMITED',
  CONFLICT: 'CONFLICT',
};

/** Turns whatever a procedure threw into the AppError that decides code, status and message. */
export function toAppError(error: { code: string; message: string; cause?: unknown }): AppError {
  const cause = error.cause;
  if (cause instanceof AppError) return cause;
  if (cause instanceof ZodError) return validationError(cause.issues);
  const mapped = APP_CODE_BY_TRPC[error.code];
  if (mapped) return new AppError(mapped, error.message);
  return new AppError('INTERNAL_ERROR');
}

const t = initTRPC.context<TrpcContext>().create({
  transformer: superjson,
  isDev: false,
  errorFormatter({ shape, error, ctx }) {
    const appError = toAppError(error);
    const key = TRPC_KEY_BY_STATUS[appError.status] ?? 'INTERNAL_SERVER_ERROR';
    const internal = appError.code === 'INTERNAL_ERROR';
    const requestId = ctx?.requestId;
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
export const createCallerFactory = t.createCallerFactory;

const rateLimited = (
  rule: 'public' | 'authenticated',
  keyOf: (ctx: TrpcContext, userId?: number) => string,
) =>
  t.middleware(async ({ ctx, next }) => {
    const userId = rule === 'authenticated' ? (await ctx.getViewer())?.userId : undefined;
    const decision = await ctx.container.rateLimiter.check(rule, keyOf(ctx, userId));
    if (!decision.allowed) {
      ctx.setHeaders(ctx.container.rateLimitHeaders(decision));
      throw new AppError('RATE_LIMITED');
    }
    return next();
  });

export const publicProcedure = t.procedure.use(rateLimited('public', (ctx) => `ip:${ctx.ip}`));

const requireViewer = t.middleware(async ({ ctx, next }) => {
  const viewer = await ctx.getViewer();
  if (!viewer) throw new AppError('UNAUTHORIZED');
  return next({ ctx: { viewer } });
});

export const authedProcedure = t.procedure
  .use(requireViewer)
  .use(rateLimited('authenticated', (_ctx, userId) => `user:${userId}`));

/** The tenant comes from the session's active membership, never from input. */
export const tenantProcedure = authedProcedure.use(({ ctx, next }) => {
  const membership = ctx.viewer.memberships.find((m) => m.tenantId === ctx.viewer.activeTenantId);
  if (!membership) throw new AppError('FORBIDDEN', 'You are not a member of any tenant');
  return next({
    ctx: { tenant: { id: membership.tenantId, slug: membership.tenantSlug, role: membership.role as Role } },
  });
});

export const tenantAdminProcedure = tenantProcedure.use(({ ctx, next }) => {
  if (ctx.tenant.role !== 'OWNER' && ctx.tenant.role !== 'ADMIN') {
    throw new AppError('FORBIDDEN', 'This action needs the OWNER or ADMIN role');
  }
  return next();
});

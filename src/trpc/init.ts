import { initTRPC } from '@trpc/server';
import { ZodError } from 'zod';
import type { Container } from '../container.ts';
import { AppError, ERROR_STATUS, type ErrorCode, validationError } from '../lib/errors.ts';
import type { Credential } from '../modules/auth/credentials.ts';
import type { Viewer } from '../modules/auth/viewer.ts';
import type { Role } from '../modules/tenants/tenants.repo.ts';
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
export const createCallerFactory = t.createCallerFactory;

/** One per-window budget check; over it, 429 RATE_LIMITED with Retry-After and RateLimit-*. */
async function takeBudget(ctx: TrpcContext, rule: 'public' | 'authenticated', key: string): Promise<void> {
  const decision = await ctx.container.rateLimiter.check(rule, key);
  if (!decision.allowed) {
    ctx.request.setHeaders(ctx.container.rateLimitHeaders(decision));
    throw new AppError('RATE_LIMITED');
  }
}

export const publicProcedure = t.procedure.use(async ({ ctx, next }) => {
  await takeBudget(ctx, 'public', `ip:${ctx.request.ip}`);
  return next();
});

async function requireViewer(ctx: TrpcContext): Promise<Viewer> {
  const viewer = await ctx.request.getViewer();
  if (!viewer) throw new AppError('UNAUTHORIZED');
  await takeBudget(ctx, 'authenticated', `user:${viewer.userId}`);
  return viewer;
}

/** The tenant comes from the session's active membership, never from input. */
function activeTenant(viewer: Viewer, adminOnly: boolean) {
  const membership = viewer.memberships.find((m) => m.tenantId === viewer.activeTenantId);
  if (!membership) throw new AppError('FORBIDDEN', 'You are not a member of any tenant');
  if (adminOnly && membership.role === 'MEMBER') {
    throw new AppError('FORBIDDEN', 'This action needs the OWNER or ADMIN role');
  }
  return { id: membership.tenantId, slug: membership.tenantSlug, role: membership.role as Role };
}

// Each builder is a single middleware: every extra tRPC middleware copies the context once more
// on the hottest path of the API.
export const authedProcedure = t.procedure.use(async ({ ctx, next }) => {
  const viewer = await requireViewer(ctx);
  return next({ ctx: { viewer } });
});

export const tenantProcedure = t.procedure.use(async ({ ctx, next }) => {
  const viewer = await requireViewer(ctx);
  return next({ ctx: { viewer, tenant: activeTenant(viewer, false) } });
});

export const tenantAdminProcedure = t.procedure.use(async ({ ctx, next }) => {
  const viewer = await requireViewer(ctx);
  return next({ ctx: { viewer, tenant: activeTenant(viewer, true) } });
});

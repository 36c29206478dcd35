import { TRPCError, type TRPCMutationProcedure, type TRPCQueryProcedure } from '@trpc/server';
import type { z } from 'zod';
import { findUnsafeInput } from '../lib/boundary.schema.ts';
import { AppError, validationError } from '../lib/errors.ts';
import type { RuleName } from '../lib/rate-limit/limiter.ts';
import type { Role } from '../modules/tenants/roles.ts';
import { budgetKeyOf, type Viewer } from '../modules/viewer/viewer-resolver.ts';
import { baseProcedure, type TrpcContext } from './init.ts';
import { safeParseSyncFirst } from './parse-sync-first.ts';

/**
 * How procedures are declared: `tenantQuery({ input, output, resolve })` and friends.
 *
 * Each one is a single tRPC resolver that checks access, parses the input and validates the
 * output with zod itself, instead of chaining `.use()`, `.input()` and `.output()`. The chain
 * costs a full copy of tRPC's call options and context per link, which on a 2-core machine was
 * the largest cost of a cached query (see bench/). Behaviour is the same as the chain's:
 * access is checked before input (401/403 win over 400), bad input is BAD_REQUEST with the
 * ZodError as cause, and a broken output is INTERNAL_SERVER_ERROR. Clients see the types that
 * `.input(I).output(O)` would have given them.
 */

export type Access = 'public' | 'authed' | 'tenant' | 'admin';

export interface TenantRef {
  id: number;
  slug: string;
  role: Role;
}

type ContextFor<A extends Access> = A extends 'public'
  ? TrpcContext
  : A extends 'authed'
    ? TrpcContext & { viewer: Viewer }
    : TrpcContext & { viewer: Viewer; tenant: TenantRef };

type InputOf<I> = I extends z.ZodType ? z.output<I> : undefined;
type ClientInput<I> = I extends z.ZodType ? z.input<I> : undefined;

interface Spec<A extends Access, I extends z.ZodType | undefined, O extends z.ZodType> {
  input?: I;
  output: O;
  /**
   * A budget this procedure takes on top of the caller's usual one (e.g. 'upload'), per user, or
   * per IP for a public procedure; taken after the access check, before the input is read.
   */
  rateLimit?: RuleName;
  /** Count `rateLimit` per tenant (e.g. sync operations) instead of per caller. */
  rateLimitPer?: 'caller' | 'tenant';
  /**
   * Whether an API key may call this. Default: yes for tenant and admin procedures, no for
   * 'authed' ones, which act for a person (their account, sessions, schools). A key is not one.
   */
  apiKeys?: boolean;
  resolve: (args: { ctx: ContextFor<A>; input: InputOf<I> }) => Promise<z.input<O>> | z.input<O>;
}

// tRPC hands every resolver `getRawInput` at run time, but only declares it for middlewares.
type TrpcResolver = Parameters<typeof baseProcedure.query>[0];

type Def<I, O extends z.ZodType> = { input: ClientInput<I>; output: z.output<O>; meta: object };

/** One per-window budget check; over it, 429 RATE_LIMITED with Retry-After and RateLimit-*. */
async function takeBudget(ctx: TrpcContext, rule: RuleName, key: string): Promise<void> {
  const decision = await ctx.container.rateLimiter.check(rule, key);
  if (!decision.allowed) {
    ctx.request.setHeaders(ctx.container.rateLimitHeaders(decision));
    throw new AppError('RATE_LIMITED');
  }
}

/** The tenant comes from the session's active membership, never from input. */
function activeTenant(viewer: Viewer, adminOnly: boolean): TenantRef {
  const membership = viewer.memberships.find((m) => m.tenantId === viewer.activeTenantId);
  if (!membership) throw new AppError('FORBIDDEN', 'You are not a member of any tenant');
  if (adminOnly && membership.role === 'MEMBER') {
    throw new AppError('FORBIDDEN', 'This action needs the OWNER or ADMIN role');
  }
  return { id: membership.tenantId, slug: membership.tenantSlug, role: membership.role };
}

async function contextFor(access: Access, ctx: TrpcContext, apiKeys: boolean): Promise<TrpcContext> {
  if (access === 'public') {
    await takeBudget(ctx, 'public', `ip:${ctx.request.ip}`);
    return ctx;
  }
  const viewer = await ctx.request.getViewer();
  if (!viewer) throw new AppError('UNAUTHORIZED');
  await takeBudget(ctx, 'authenticated', budgetKeyOf(viewer));
  if (viewer.apiKey && !apiKeys)
    throw new AppError('FORBIDDEN', 'An API key cannot call this: sign in as a person');
  if (access === 'authed') return { ...ctx, viewer } as TrpcContext;
  return { ...ctx, viewer, tenant: activeTenant(viewer, access === 'admin') } as TrpcContext;
}

/** Whom a budget is counted against: the signed-in user, else the client's IP. */
function callerKey(ctx: TrpcContext & { viewer?: Viewer }): string {
  return ctx.viewer ? budgetKeyOf(ctx.viewer) : `ip:${ctx.request.ip}`;
}

function resolver<A extends Access, I extends z.ZodType | undefined, O extends z.ZodType>(
  access: A,
  spec: Spec<A, I, O>,
) {
  return async (opts: { ctx: TrpcContext; getRawInput: () => Promise<unknown> }) => {
    const ctx = (await contextFor(access, opts.ctx, spec.apiKeys ?? access !== 'authed')) as ContextFor<A>;
    if (spec.rateLimit) {
      const tenant = (ctx as { tenant?: TenantRef }).tenant;
      const key = spec.rateLimitPer === 'tenant' && tenant ? `tenant:${tenant.id}` : callerKey(ctx);
      await takeBudget(ctx, spec.rateLimit, key);
    }
    let input: unknown;
    if (spec.input) {
      const raw = await opts.getRawInput();
      const unsafe = findUnsafeInput(raw);
      if (unsafe) throw validationError([unsafe]);
      const parsed = await safeParseSyncFirst(spec.input, raw);
      if (!parsed.success)
        throw new TRPCError({ code: 'BAD_REQUEST', message: parsed.error.message, cause: parsed.error });
      input = parsed.data;
    }
    const output = await spec.resolve({ ctx, input: input as InputOf<I> });
    const checked = await safeParseSyncFirst(spec.output, output);
    if (!checked.success) {
      throw new TRPCError({
        code: 'INTERNAL_SERVER_ERROR',
        message: 'Output validation failed',
        cause: checked.error,
      });
    }
    return checked.data as z.output<O>;
  };
}

const inputSchemas = new WeakMap<object, z.ZodType>();

/** A procedure's zod input, for tools that walk the router (the fuzzer); undefined without one. */
export function inputSchemaOf(procedure: object): z.ZodType | undefined {
  return inputSchemas.get(procedure);
}

function remember<P extends object>(procedure: P, input: z.ZodType | undefined): P {
  if (input) inputSchemas.set(procedure, input);
  return procedure;
}

function query<A extends Access>(access: A) {
  return <O extends z.ZodType, I extends z.ZodType | undefined = undefined>(
    spec: Spec<A, I, O>,
  ): TRPCQueryProcedure<Def<I, O>> =>
    remember(
      baseProcedure.query(resolver(access, spec) as unknown as TrpcResolver),
      spec.input,
    ) as unknown as TRPCQueryProcedure<Def<I, O>>;
}

function mutation<A extends Access>(access: A) {
  return <O extends z.ZodType, I extends z.ZodType | undefined = undefined>(
    spec: Spec<A, I, O>,
  ): TRPCMutationProcedure<Def<I, O>> =>
    remember(
      baseProcedure.mutation(resolver(access, spec) as unknown as TrpcResolver),
      spec.input,
    ) as unknown as TRPCMutationProcedure<Def<I, O>>;
}

export const publicQuery = query('public');
export const publicMutation = mutation('public');
export const authedQuery = query('authed');
export const authedMutation = mutation('authed');
/** Any member of the session's active tenant. */
export const tenantQuery = query('tenant');
export const tenantMutation = mutation('tenant');
/** OWNER or ADMIN of the session's active tenant; a MEMBER gets 403 FORBIDDEN. */
export const adminQuery = query('admin');
export const adminMutation = mutation('admin');

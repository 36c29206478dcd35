/**
 * tRPC v11's HTTP RPC protocol (what `httpLink` and `httpBatchLink` speak) served straight from Fastify.
 *
 * The stock `@trpc/server/adapters/fastify` plugin turns every request into a fetch `Request` and every
 * answer into a `Response`; that round trip costs most of its throughput. This handler reads what Fastify
 * has already parsed (query string, JSON body) and writes the JSON itself, but calls procedures, the error
 * formatter and the transformer exactly as `resolveResponse` does, so clients cannot tell the difference.
 * FormData inputs (multipart/form-data, what `httpLink` sends for a FormData) are served as tRPC serves
 * them when `multipartBodyLimit` is set; `application/octet-stream` inputs are not.
 * Streaming (httpBatchStreamLink) and subscriptions (SSE) are not served here.
 *
 * The request's calls and batching are in request-calls.ts, its inputs in request-inputs.ts and
 * multipart-input.ts (parsed by request-body-parser.ts), the JSON answers in response-writing.ts and
 * the errors Fastify raises itself in error-responses.ts.
 */

import {
  type AnyProcedure,
  type AnyRouter,
  getErrorShape,
  getTRPCErrorFromUnknown,
  type inferRouterContext,
  type ProcedureType,
  TRPCError,
} from '@trpc/server/unstable-core-do-not-import';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createFastifyErrorHandler } from './error-responses.ts';
import type { CallType, TrpcFastifyOptions } from './handler-options.ts';
import { FormDataInput, MultipartBody } from './multipart-input.ts';
import { installBodyParser } from './request-body-parser.ts';
import { acceptsOnlyStream, type Call, createCallPlanner, firstValue } from './request-calls.ts';
import { type CallInputs, RequestInputs } from './request-inputs.ts';
import { batchStatus, isDataStream, type Outcome, sendJson, statusOf } from './response-writing.ts';

export type { TrpcErrorEvent, TrpcFastifyOptions } from './handler-options.ts';

/** The procedure type each HTTP method may call (tRPC without `allowMethodOverride`). */
const TYPE_FOR_METHOD: Record<string, ProcedureType> = { GET: 'query', POST: 'mutation' };
const ALLOW_FOR_TYPE: Record<ProcedureType, string> = { query: 'GET', mutation: 'POST', subscription: 'GET' };

export function registerTrpc<TRouter extends AnyRouter, TContext extends inferRouterContext<TRouter>>(
  app: FastifyInstance,
  opts: TrpcFastifyOptions<TRouter, TContext>,
): void {
  // An encapsulated scope, so the JSON body parser below applies to these routes only.
  app.register(async (scope) => {
    installBodyParser(scope, opts.multipartBodyLimit);
    const handler = createHandler(opts, scope.prefix.length + opts.prefix.length + 1);
    const errorHandler = createFastifyErrorHandler(opts);
    for (const method of ['GET', 'POST'] as const) {
      scope.route({
        method,
        url: `${opts.prefix}/*`,
        // A HEAD request must not run a query: tRPC answers it with an empty 204.
        exposeHeadRoute: false,
        errorHandler,
        handler,
      });
    }
    scope.head(`${opts.prefix}/*`, (_req, reply) => reply.code(204).send());
  });
}

function createHandler<TRouter extends AnyRouter, TContext>(
  opts: TrpcFastifyOptions<TRouter, TContext>,
  pathStart: number,
) {
  const { router, createContext, onError } = opts;
  const config = router._def._config;
  const serialize = (value: unknown): unknown => config.transformer.output.serialize(value);
  const deserialize = (value: unknown): unknown => config.transformer.input.deserialize(value);
  const planCalls = createCallPlanner(router, pathStart, opts.maxBatchSize ?? 20);

  function errorOutcome(
    req: FastifyRequest,
    cause: unknown,
    call: { path: string | undefined; type: CallType; input: unknown },
    ctx: TContext | undefined,
  ): Outcome {
    const error = getTRPCErrorFromUnknown(cause);
    onError?.({ error, path: call.path, req, ctx, type: call.type, input: call.input });
    const shape = getErrorShape({ config, error, type: call.type, path: call.path, input: call.input, ctx });
    return { item: { error: serialize(shape) }, status: statusOf(shape, error) };
  }

  async function runCall(
    req: FastifyRequest,
    reply: FastifyReply,
    call: Call,
    inputs: CallInputs,
    ctx: TContext | undefined,
    ctxError: TRPCError | undefined,
  ): Promise<Outcome> {
    const procedure = call.procedure;
    const type: CallType = procedure?._def.type ?? 'unknown';
    try {
      if (!procedure) {
        throw new TRPCError({ code: 'NOT_FOUND', message: `No procedure found on path "${call.path}"` });
      }
      if (TYPE_FOR_METHOD[req.method] !== type) throw methodNotSupported(req, reply, call.path, procedure);
      if (ctxError) throw ctxError;
      const data = await procedure({
        path: call.path,
        getRawInput: () => inputs.read(call.index),
        ctx,
        type: procedure._def.type,
        signal: undefined,
        batchIndex: call.index,
      });
      if (isDataStream(data)) {
        throw new TRPCError({
          code: 'UNSUPPORTED_MEDIA_TYPE',
          message: 'Cannot use stream-like response in non-streaming request - use httpBatchStreamLink',
        });
      }
      return { item: { result: { data: serialize(data) } }, status: 200 };
    } catch (cause) {
      const input = inputs.readSoFar(call.index);
      return errorOutcome(req, cause, { path: call.path, type, input }, ctx);
    }
  }

  return async function handleTrpcRequest(req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    const query = req.query as Record<string, string | string[] | undefined>;
    // Like tRPC, a FormData is one call's input: never a batch, whatever the query says.
    const multipart = req.body instanceof MultipartBody ? req.body : undefined;
    const isBatch = !multipart && firstValue(query.batch) === '1';
    let calls: Call[];
    try {
      if (acceptsOnlyStream(req)) {
        throw new TRPCError({
          code: 'BAD_REQUEST',
          message: 'Streaming responses (httpBatchStreamLink) are not served here: use httpBatchLink',
        });
      }
      calls = await planCalls(req, isBatch);
    } catch (cause) {
      const outcome = errorOutcome(
        req,
        cause,
        { path: undefined, type: 'unknown', input: undefined },
        undefined,
      );
      return sendJson(reply, outcome.status, outcome.item);
    }

    let ctx: TContext | undefined;
    let ctxError: TRPCError | undefined;
    try {
      ctx = await createContext(req, reply);
    } catch (cause) {
      // Like tRPC, a failed context is reported by each call, after its path and method were checked.
      ctxError = getTRPCErrorFromUnknown(cause);
    }

    const source = req.method === 'GET' ? firstValue(query.input) : req.body;
    const inputs: CallInputs = multipart
      ? new FormDataInput(multipart)
      : new RequestInputs(source, isBatch ? calls.length : undefined, deserialize);
    try {
      if (!isBatch) {
        const outcome = await runCall(req, reply, calls[0]!, inputs, ctx, ctxError);
        return sendJson(reply, outcome.status, outcome.item);
      }
      const outcomes = await Promise.all(
        calls.map((call) => runCall(req, reply, call, inputs, ctx, ctxError)),
      );
      return sendJson(
        reply,
        batchStatus(outcomes),
        outcomes.map((outcome) => outcome.item),
      );
    } catch (cause) {
      // Writing the JSON failed (JSON.stringify refuses cycles and BigInts the transformer left in).
      const type = calls[0]?.procedure?._def.type ?? 'unknown';
      const outcome = errorOutcome(req, cause, { path: undefined, type, input: undefined }, ctx);
      return sendJson(reply, outcome.status, outcome.item);
    }
  };
}

function methodNotSupported(
  req: FastifyRequest,
  reply: FastifyReply,
  path: string,
  procedure: AnyProcedure,
): TRPCError {
  const type = procedure._def.type;
  if (type === 'subscription') {
    return new TRPCError({
      code: 'METHOD_NOT_SUPPORTED',
      message: `Subscriptions are not served over this endpoint (path "${path}")`,
    });
  }
  reply.header('allow', ALLOW_FOR_TYPE[type]);
  return new TRPCError({
    code: 'METHOD_NOT_SUPPORTED',
    message: `Unsupported ${req.method}-request to ${type} procedure at path "${path}"`,
  });
}

import {
  type AnyRouter,
  getErrorShape,
  getTRPCErrorFromUnknown,
  HTTP_CODE_TO_JSONRPC2,
  TRPCError,
} from '@trpc/server/unstable-core-do-not-import';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { TrpcFastifyOptions } from './handler-options.ts';
import { JSON_CONTENT_TYPE, statusOf } from './response-writing.ts';

/**
 * Errors Fastify raises before the handler runs (body too large, unsupported content type, a hook's throw)
 * are answered in tRPC's shape too, or the client could only report "unable to transform response".
 */
export function createFastifyErrorHandler<TRouter extends AnyRouter, TContext>(
  opts: TrpcFastifyOptions<TRouter, TContext>,
) {
  const config = opts.router._def._config;
  return function trpcErrorHandler(cause: FastifyError, req: FastifyRequest, reply: FastifyReply) {
    const error = toTRPCError(cause);
    opts.onError?.({ error, path: undefined, req, ctx: undefined, type: 'unknown', input: undefined });
    const shape = getErrorShape({
      config,
      error,
      type: 'unknown',
      path: undefined,
      input: undefined,
      ctx: undefined,
    });
    const body = JSON.stringify({ error: config.transformer.output.serialize(shape) });
    return reply.code(statusOf(shape, error)).header('content-type', JSON_CONTENT_TYPE).send(body);
  };
}

function toTRPCError(cause: FastifyError): TRPCError {
  if (cause instanceof TRPCError) return cause;
  const status = cause.statusCode;
  if (typeof status !== 'number' || status >= 500) return getTRPCErrorFromUnknown(cause);
  const code = HTTP_CODE_TO_JSONRPC2[status as keyof typeof HTTP_CODE_TO_JSONRPC2] ?? 'BAD_REQUEST';
  return new TRPCError({ code, message: cause.message, cause });
}

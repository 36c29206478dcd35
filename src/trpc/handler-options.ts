import type { AnyRouter, ProcedureType, TRPCError } from '@trpc/server/unstable-core-do-not-import';
import type { FastifyReply, FastifyRequest } from 'fastify';

export type CallType = ProcedureType | 'unknown';

export interface TrpcErrorEvent<TContext> {
  error: TRPCError;
  /** Undefined when the request failed as a whole (bad path, batch too large, body too large...). */
  path: string | undefined;
  req: FastifyRequest;
  /** Undefined when the error came before or from `createContext`. */
  ctx: TContext | undefined;
  type: CallType;
  /** The deserialized input, if the procedure had read it before failing (as tRPC reports it). */
  input: unknown;
}

export interface TrpcFastifyOptions<TRouter extends AnyRouter, TContext> {
  /** Where the procedures live, e.g. '/api/trpc': a query `a.b` is `GET /api/trpc/a.b`. */
  prefix: string;
  router: TRouter;
  createContext: (req: FastifyRequest, reply: FastifyReply) => TContext | Promise<TContext>;
  /** Called once per failed call (and once for a request that failed as a whole); for logging. */
  onError?: (opts: TrpcErrorEvent<TContext>) => void;
  /** Most calls one batched request may carry (default 20); more is a 400 BAD_REQUEST. */
  maxBatchSize?: number;
  /**
   * Accept multipart/form-data bodies up to this many bytes (a larger one is 413 PAYLOAD_TOO_LARGE).
   * Unset, such bodies are refused with 415 like any other non-JSON body.
   */
  multipartBodyLimit?: number;
}

import {
  getStatusCodeFromKey,
  isAsyncIterable,
  isObject,
  type TRPCError,
} from '@trpc/server/unstable-core-do-not-import';
import type { FastifyReply } from 'fastify';

// Fastify would otherwise append the charset to a bare media type on every reply.
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/** A call's answer before it is written out: the wire item and the HTTP status it asks for. */
export interface Outcome {
  item: unknown;
  status: number;
}

export function sendJson(reply: FastifyReply, status: number, body: unknown): FastifyReply {
  return reply.code(status).header('content-type', JSON_CONTENT_TYPE).send(JSON.stringify(body));
}

/** tRPC's rule: a call's status is its error shape's `data.httpStatus` if the formatter kept one. */
export function statusOf(shape: unknown, error: TRPCError): number {
  const data = isObject(shape) ? shape.data : undefined;
  if (isObject(data) && typeof data.httpStatus === 'number') return data.httpStatus;
  return getStatusCodeFromKey(error.code);
}

/** A batch answers with its calls' common status, or 207 when they differ. */
export function batchStatus(outcomes: Outcome[]): number {
  const first = outcomes[0]?.status ?? 200;
  for (const outcome of outcomes) if (outcome.status !== first) return 207;
  return first;
}

/** A result that only a streaming link could deliver (tRPC refuses these on a plain JSON response). */
export function isDataStream(value: unknown): boolean {
  if (!isObject(value)) return false;
  if (isAsyncIterable(value)) return true;
  for (const key in value) {
    const item = value[key];
    if (isAsyncIterable(item) || (isObject(item) && typeof item.then === 'function')) return true;
  }
  return false;
}

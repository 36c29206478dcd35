import {
  type AnyProcedure,
  type AnyRouter,
  getProcedureAtPath,
  type ProcedureType,
  TRPCError,
  urlPathToProcedurePath,
} from '@trpc/server/unstable-core-do-not-import';
import type { FastifyRequest } from 'fastify';

/** One procedure call of a (possibly batched) request. */
export interface Call {
  index: number;
  path: string;
  procedure: AnyProcedure | null;
}

/**
 * Splits a request's URL into calls and finds their procedures; a throw fails the whole request.
 * `pathStart` is where the procedure path begins in the URL (after the prefix and its slash).
 */
export function createCallPlanner(router: AnyRouter, pathStart: number, maxBatchSize: number) {
  const config = router._def._config;
  const procedures = router._def.procedures as Record<string, AnyProcedure | undefined>;

  function findProcedure(path: string): AnyProcedure | null | Promise<AnyProcedure | null> {
    // Lazy sub-routers are only loaded on a miss, so the common case stays synchronous.
    return procedures[path] ?? getProcedureAtPath(router, path);
  }

  return async function planCalls(req: FastifyRequest, isBatch: boolean): Promise<Call[]> {
    const url = req.url;
    const queryStart = url.indexOf('?', pathStart);
    const rawPath = queryStart === -1 ? url.slice(pathStart) : url.slice(pathStart, queryStart);
    const path = urlPathToProcedurePath(decodePath(rawPath), config.pathSeparator);
    if (!isBatch) return [{ index: 0, path, procedure: await findProcedure(path) }];

    const paths = path.split(',');
    if (paths.length > maxBatchSize) {
      throw new TRPCError({ code: 'BAD_REQUEST', message: 'Batch call exceeds maximum size' });
    }
    const calls: Call[] = [];
    for (let index = 0; index < paths.length; index++) {
      const callPath = paths[index]!;
      calls.push({ index, path: callPath, procedure: await findProcedure(callPath) });
    }
    assertOneProcedureType(calls);
    return calls;
  };
}

export function acceptsOnlyStream(req: FastifyRequest): boolean {
  const trpcAccept = req.headers['trpc-accept'];
  if (trpcAccept !== undefined) return trpcAccept === 'application/jsonl';
  return req.headers.accept?.includes('application/jsonl') === true;
}

export function firstValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** A malformed escape in the path is the client's mistake, not an INTERNAL_SERVER_ERROR. */
function decodePath(path: string): string {
  if (!path.includes('%')) return path;
  try {
    return decodeURIComponent(path);
  } catch (cause) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: `Invalid URL-encoding in path "${path}"`, cause });
  }
}

function assertOneProcedureType(calls: Call[]): void {
  let type: ProcedureType | undefined;
  for (const call of calls) {
    const callType = call.procedure?._def.type;
    if (!callType) continue;
    type ??= callType;
    if (callType !== type) {
      throw new TRPCError({
        code: 'BAD_REQUEST',
        message: `Cannot mix procedure types in call: ${type}, ${callType}`,
      });
    }
  }
}

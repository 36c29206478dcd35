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
 */

import {
  type AnyProcedure,
  type AnyRouter,
  getErrorShape,
  getProcedureAtPath,
  getStatusCodeFromKey,
  getTRPCErrorFromUnknown,
  HTTP_CODE_TO_JSONRPC2,
  type inferRouterContext,
  isAsyncIterable,
  isObject,
  type ProcedureType,
  TRPCError,
  urlPathToProcedurePath,
} from '@trpc/server/unstable-core-do-not-import';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

type CallType = ProcedureType | 'unknown';

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

/** The procedure type each HTTP method may call (tRPC without `allowMethodOverride`). */
const TYPE_FOR_METHOD: Record<string, ProcedureType> = { GET: 'query', POST: 'mutation' };
const ALLOW_FOR_TYPE: Record<ProcedureType, string> = { query: 'GET', mutation: 'POST', subscription: 'GET' };
// Fastify would otherwise append the charset to a bare media type on every reply.
const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/** One procedure call of a (possibly batched) request. */
interface Call {
  index: number;
  path: string;
  procedure: AnyProcedure | null;
}

/** A call's answer before it is written out: the wire item and the HTTP status it asks for. */
interface Outcome {
  item: unknown;
  status: number;
}

/** A multipart/form-data body, kept as bytes until the procedure reads its input. */
class MultipartBody {
  readonly bytes: Buffer;
  readonly contentType: string;
  constructor(bytes: Buffer, contentType: string) {
    this.bytes = bytes;
    this.contentType = contentType;
  }
}

/** What the request's JSON body parser hands over when the body is not JSON, so the call can fail as tRPC's would. */
class UnparsableBody {
  readonly error: Error;
  constructor(error: Error) {
    this.error = error;
  }
}

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

/**
 * Fastify's own JSON parser (size limit, prototype-poisoning checks), except that an empty body means "no
 * input" and unparsable JSON is handed to the procedure, which fails with BAD_REQUEST only if it reads its
 * input: the same outcome tRPC gives. Multipart bodies are collected whole, under their own size limit, and
 * parsed only when read. Other content types are refused with 415, as tRPC refuses them.
 */
function installBodyParser(scope: FastifyInstance, multipartBodyLimit: number | undefined): void {
  const { onProtoPoisoning, onConstructorPoisoning } = scope.initialConfig;
  const parseJson = scope.getDefaultJsonParser(
    onProtoPoisoning ?? 'error',
    onConstructorPoisoning ?? 'error',
  );
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    if (body.length === 0) return done(null, undefined);
    parseJson(req, body as string, (error, value) => done(null, error ? new UnparsableBody(error) : value));
  });
  if (multipartBodyLimit === undefined) return;
  scope.addContentTypeParser(
    'multipart/form-data',
    { parseAs: 'buffer', bodyLimit: multipartBodyLimit },
    (req, body, done) => done(null, new MultipartBody(body as Buffer, req.headers['content-type'] ?? '')),
  );
}

function createHandler<TRouter extends AnyRouter, TContext>(
  opts: TrpcFastifyOptions<TRouter, TContext>,
  pathStart: number,
) {
  const { router, createContext, onError } = opts;
  const config = router._def._config;
  const serialize = (value: unknown): unknown => config.transformer.output.serialize(value);
  const deserialize = (value: unknown): unknown => config.transformer.input.deserialize(value);
  const procedures = router._def.procedures as Record<string, AnyProcedure | undefined>;
  const maxBatchSize = opts.maxBatchSize ?? 20;

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

  /** Splits the URL into calls and finds their procedures; a throw here fails the whole request. */
  async function planCalls(req: FastifyRequest, isBatch: boolean): Promise<Call[]> {
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
  }

  function findProcedure(path: string): AnyProcedure | null | Promise<AnyProcedure | null> {
    // Lazy sub-routers are only loaded on a miss, so the common case stays synchronous.
    return procedures[path] ?? getProcedureAtPath(router, path);
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

  function send(reply: FastifyReply, status: number, body: unknown): FastifyReply {
    return reply.code(status).header('content-type', JSON_CONTENT_TYPE).send(JSON.stringify(body));
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
      return send(reply, outcome.status, outcome.item);
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
        return send(reply, outcome.status, outcome.item);
      }
      const outcomes = await Promise.all(
        calls.map((call) => runCall(req, reply, call, inputs, ctx, ctxError)),
      );
      return send(
        reply,
        batchStatus(outcomes),
        outcomes.map((outcome) => outcome.item),
      );
    } catch (cause) {
      // Writing the JSON failed (JSON.stringify refuses cycles and BigInts the transformer left in).
      const type = calls[0]?.procedure?._def.type ?? 'unknown';
      const outcome = errorOutcome(req, cause, { path: undefined, type, input: undefined }, ctx);
      return send(reply, outcome.status, outcome.item);
    }
  };
}

/**
 * Errors Fastify raises before the handler runs (body too large, unsupported content type, a hook's throw)
 * are answered in tRPC's shape too, or the client could only report "unable to transform response".
 */
function createFastifyErrorHandler<TRouter extends AnyRouter, TContext>(
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

/** How a call reads its input: parsed on the first read, so a procedure that never reads it pays nothing. */
interface CallInputs {
  read(index: number): Promise<unknown>;
  /** The input the error formatter and onError get: only what a procedure has already read. */
  readSoFar(index: number): unknown;
}

/**
 * A multipart body's FormData, handed to the procedure as it is: like tRPC, not through the transformer
 * (the procedure's input parser takes FormData), and BAD_REQUEST if the body is not valid multipart.
 */
class FormDataInput implements CallInputs {
  readonly #body: MultipartBody;
  #parsing: Promise<FormData> | undefined;
  #value: FormData | undefined;

  constructor(body: MultipartBody) {
    this.#body = body;
  }

  read(): Promise<FormData> {
    this.#parsing ??= this.#parse();
    return this.#parsing;
  }

  readSoFar(): unknown {
    return this.#value;
  }

  async #parse(): Promise<FormData> {
    try {
      // Node's own (undici's) multipart parser, the one tRPC's fetch adapter relies on too.
      const request = new Request('http://trpc.invalid/', {
        method: 'POST',
        headers: { 'content-type': this.#body.contentType },
        body: this.#body.bytes as Uint8Array<ArrayBuffer>,
      });
      this.#value = await request.formData();
      return this.#value;
    } catch (cause) {
      const message = cause instanceof Error ? cause.message : 'Invalid input';
      throw new TRPCError({ code: 'BAD_REQUEST', message, cause });
    }
  }
}

/**
 * The inputs of a request's calls, parsed and deserialized on the first read. Like tRPC, a procedure that
 * never reads its input never sees a malformed one; one that does gets BAD_REQUEST.
 */
class RequestInputs implements CallInputs {
  readonly #source: unknown;
  /** How many calls a batch has; undefined when the request is not a batch. */
  readonly #batchSize: number | undefined;
  readonly #deserialize: (value: unknown) => unknown;
  #values: Record<number, unknown> | undefined;

  /** `source` is the GET `input` string, or the POST body as Fastify parsed it. */
  constructor(source: unknown, batchSize: number | undefined, deserialize: (value: unknown) => unknown) {
    this.#source = source;
    this.#batchSize = batchSize;
    this.#deserialize = deserialize;
  }

  async read(index: number): Promise<unknown> {
    this.#values ??= this.#parse();
    return this.#values[index];
  }

  readSoFar(index: number): unknown {
    return this.#values?.[index];
  }

  #parse(): Record<number, unknown> {
    try {
      const raw = this.#rawJson();
      if (raw === undefined) return {};
      if (this.#batchSize === undefined) return { 0: this.#deserialize(raw) };
      if (!isObject(raw)) {
        throw new TRPCError({
          code: 'BAD_REQUEST',
          message: '"input" needs to be an object when doing a batch call',
        });
      }
      const values: Record<number, unknown> = {};
      for (let index = 0; index < this.#batchSize; index++) {
        const value = raw[index];
        if (value !== undefined) values[index] = this.#deserialize(value);
      }
      return values;
    } catch (cause) {
      // Nothing is cached on failure, so each read throws its own error object: the error formatter
      // middleware marks the object it formats, and batch calls must not share that mark.
      if (cause instanceof TRPCError) throw cause;
      const message = cause instanceof Error ? cause.message : 'Invalid input';
      throw new TRPCError({ code: 'BAD_REQUEST', message, cause });
    }
  }

  #rawJson(): unknown {
    const source = this.#source;
    if (source instanceof UnparsableBody) throw source.error;
    // tRPC treats an empty `input=` like a missing one.
    if (typeof source === 'string') return source === '' ? undefined : JSON.parse(source);
    return source;
  }
}

/** tRPC's rule: a call's status is its error shape's `data.httpStatus` if the formatter kept one. */
function statusOf(shape: unknown, error: TRPCError): number {
  const data = isObject(shape) ? shape.data : undefined;
  if (isObject(data) && typeof data.httpStatus === 'number') return data.httpStatus;
  return getStatusCodeFromKey(error.code);
}

/** A batch answers with its calls' common status, or 207 when they differ. */
function batchStatus(outcomes: Outcome[]): number {
  const first = outcomes[0]?.status ?? 200;
  for (const outcome of outcomes) if (outcome.status !== first) return 207;
  return first;
}

/** A result that only a streaming link could deliver (tRPC refuses these on a plain JSON response). */
function isDataStream(value: unknown): boolean {
  if (!isObject(value)) return false;
  if (isAsyncIterable(value)) return true;
  for (const key in value) {
    const item = value[key];
    if (isAsyncIterable(item) || (isObject(item) && typeof item.then === 'function')) return true;
  }
  return false;
}

function acceptsOnlyStream(req: FastifyRequest): boolean {
  const trpcAccept = req.headers['trpc-accept'];
  if (trpcAccept !== undefined) return trpcAccept === 'application/jsonl';
  return req.headers.accept?.includes('application/jsonl') === true;
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

function firstValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

import { isObject, TRPCError } from '@trpc/server/unstable-core-do-not-import';

/** How a call reads its input: parsed on the first read, so a procedure that never reads it pays nothing. */
export interface CallInputs {
  read(index: number): Promise<unknown>;
  /** The input the error formatter and onError get: only what a procedure has already read. */
  readSoFar(index: number): unknown;
}

/** What the request's JSON body parser hands over when the body is not JSON, so the call can fail as tRPC's would. */
export class UnparsableBody {
  readonly error: Error;
  constructor(error: Error) {
    this.error = error;
  }
}

/**
 * The inputs of a request's calls, parsed and deserialized on the first read. Like tRPC, a procedure that
 * never reads its input never sees a malformed one; one that does gets BAD_REQUEST.
 */
export class RequestInputs implements CallInputs {
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

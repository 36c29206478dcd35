import { TRPCError } from '@trpc/server/unstable-core-do-not-import';
import type { CallInputs } from './request-inputs.ts';

/** A multipart/form-data body, kept as bytes until the procedure reads its input. */
export class MultipartBody {
  readonly bytes: Buffer;
  readonly contentType: string;
  constructor(bytes: Buffer, contentType: string) {
    this.bytes = bytes;
    this.contentType = contentType;
  }
}

/**
 * A multipart body's FormData, handed to the procedure as it is: like tRPC, not through the transformer
 * (the procedure's input parser takes FormData), and BAD_REQUEST if the body is not valid multipart.
 */
export class FormDataInput implements CallInputs {
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

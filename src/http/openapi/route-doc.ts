import type { z } from 'zod';
import type { ErrorCode } from '../../lib/errors.ts';

export type HttpMethod = 'get' | 'post';

/** One documented REST route; the document, the docs page and the drift test all read these. */
export interface RouteDoc {
  method: HttpMethod;
  /** Fastify's path, `:param` style. */
  path: string;
  summary: string;
  tag: string;
  description?: string;
  params?: z.ZodType;
  query?: z.ZodType;
  /** JSON body; `rawBody` routes read the exact bytes instead (signed webhooks, forms). */
  body?: z.ZodType;
  rawBody?: { contentType: string; description: string };
  /** Success answers by status: a JSON schema, or a content type for non-JSON bodies. */
  responses: Record<number, { description: string; schema?: z.ZodType; contentType?: string }>;
  /** Error codes this route answers with (their statuses come from ERROR_STATUS). */
  errors: ErrorCode[];
  auth?: 'session';
}

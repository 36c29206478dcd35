import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { openApiDocument, openApiPath } from '../../src/http/openapi/document.ts';

// Checks real answers against the service's OpenAPI document, so the document cannot drift from
// what the routes send. The document's schemas are JSON Schema 2020-12 (OpenAPI 3.1's dialect).

type Json = Record<string, unknown>;
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;

const document = openApiDocument().json as Json & { paths: Record<string, Record<string, Json>> };
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema(document, 'openapi');

const templates = Object.keys(document.paths).map((template) => ({
  template,
  pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+').replace(/\./g, '\\.')}$`),
}));

/** The document's path template for a concrete path (`/api/v1/public/bookings/booking_…`). */
export function templateOf(path: string): string | undefined {
  const bare = path.split('?')[0]!;
  const exact = templates.find((t) => t.template === bare);
  return (exact ?? templates.find((t) => t.pattern.test(bare)))?.template;
}

const pointer = (part: string) => encodeURIComponent(part.replace(/~/g, '~0').replace(/\//g, '~1'));

/**
 * Throws unless `status` is documented for the route and `body` (parsed JSON, or undefined for
 * a non-JSON answer) matches the documented schema.
 */
export function assertDocumented(method: string, path: string, status: number, body: unknown): void {
  const template = templateOf(path) ?? (path.startsWith('/') ? openApiPath(path) : path);
  const operation = document.paths[template]?.[method.toLowerCase()] as
    | { responses: Record<string, { content?: Record<string, unknown> }> }
    | undefined;
  if (!operation) throw new Error(`${method} ${path} is not in the OpenAPI document`);
  const answer = operation.responses[String(status)];
  if (!answer) throw new Error(`${method} ${template} answered ${status}, which the document does not list`);
  if (!answer.content?.['application/json']) return;
  const ref = `openapi#/paths/${pointer(template)}/${method.toLowerCase()}/responses/${status}/content/${pointer('application/json')}/schema`;
  const validate = ajv.getSchema(ref);
  if (!validate) throw new Error(`no schema at ${ref}`);
  if (!validate(body)) {
    throw new Error(
      `${method} ${template} ${status} does not match the document: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(body).slice(0, 2000)}`,
    );
  }
}

/** As `assertDocumented`, for a route the document lists; other paths (pages) are let through. */
export function assertDocumentedIfListed(method: string, path: string, status: number, body: unknown): void {
  const template = templateOf(path);
  if (template && document.paths[template]?.[method.toLowerCase()])
    assertDocumented(method, path, status, body);
}

/** fetch, then the answer checked against the document; the JSON body (if any) is returned. */
export async function documentedFetch(
  baseUrl: string,
  method: string,
  path: string,
  init: { body?: unknown; headers?: Record<string, string>; raw?: string } = {},
) {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    redirect: 'manual',
    headers: {
      ...(init.body !== undefined || init.raw !== undefined ? { 'content-type': 'application/json' } : {}),
      ...init.headers,
    },
    ...(init.raw !== undefined
      ? { body: init.raw }
      : init.body !== undefined
        ? { body: JSON.stringify(init.body) }
        : {}),
  });
  const text = await response.text();
  const json = response.headers.get('content-type')?.includes('application/json');
  // biome-ignore lint/suspicious/noExplicitAny: test answers are checked field by field
  const body = (json && text ? JSON.parse(text) : undefined) as any;
  assertDocumented(method, path, response.status, body);
  return { status: response.status, body, text, response };
}

import { z } from 'zod';
import { ERROR_STATUS, type ErrorCode } from '../../lib/errors.ts';
import { COOKIE_PREFIX, SESSION_COOKIE } from '../../modules/auth/auth.ts';
import { errorBody } from './common.schema.ts';
import { ROUTES } from './registry.ts';
import type { RouteDoc } from './route-doc.ts';

type Json = Record<string, unknown>;

export const OPENAPI_PATH = '/api/v1/openapi.json';
export const DOCS_PATH = '/api/docs';

/** `/a/:b/c` → `/a/{b}/c`, OpenAPI's path template. */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

// Requests are described as clients send them (before transforms and coercion); answers as sent.
function schemaOf(schema: z.ZodType, io: 'input' | 'output'): Json {
  const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as Json;
  delete json.$schema;
  return json;
}

function parameters(route: RouteDoc): Json[] {
  const out: Json[] = [];
  for (const [where, schema] of [
    ['path', route.params],
    ['query', route.query],
  ] as const) {
    if (!schema) continue;
    const json = schemaOf(schema, 'input') as { properties?: Record<string, Json>; required?: string[] };
    for (const [name, property] of Object.entries(json.properties ?? {})) {
      out.push({
        name,
        in: where,
        required: where === 'path' || (json.required ?? []).includes(name),
        schema: property,
      });
    }
  }
  return out;
}

function requestBody(route: RouteDoc): Json | undefined {
  if (route.body) {
    return { required: true, content: { 'application/json': { schema: schemaOf(route.body, 'input') } } };
  }
  if (route.rawBody) {
    return {
      required: true,
      description: route.rawBody.description,
      content: { [route.rawBody.contentType]: { schema: {} } },
    };
  }
  return undefined;
}

function responses(route: RouteDoc): Json {
  const out: Json = {};
  for (const [status, answer] of Object.entries(route.responses)) {
    const content = answer.schema
      ? { 'application/json': { schema: schemaOf(answer.schema, 'output') } }
      : answer.contentType
        ? { [answer.contentType]: {} }
        : undefined;
    out[status] = { description: answer.description, ...(content ? { content } : {}) };
  }
  // One entry per status, naming every code the route can answer with there.
  const byStatus = new Map<number, ErrorCode[]>();
  // A route that can fail inside can also meet the database away (a restart, a failover): 503.
  const errors: ErrorCode[] =
    route.errors.includes('INTERNAL_ERROR') && !route.errors.includes('SERVICE_UNAVAILABLE')
      ? [...route.errors, 'SERVICE_UNAVAILABLE']
      : route.errors;
  for (const code of errors) {
    const status =
      route.path === '/api/v1/webhooks/stripe' && code === 'INVALID_WEBHOOK_SIGNATURE'
        ? 400
        : ERROR_STATUS[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b)) {
    if (out[status]) continue;
    out[status] = {
      description: `Error: ${codes.map((c) => `\`${c}\``).join(', ')} (docs/errors.md)`,
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
    };
  }
  return out;
}

function operation(route: RouteDoc): Json {
  const params = parameters(route);
  const body = requestBody(route);
  return {
    operationId: `${route.method}${openApiPath(route.path).replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase())}`,
    summary: route.summary,
    tags: [route.tag],
    ...(route.description ? { description: route.description } : {}),
    ...(route.auth ? { security: [{ session: [] }, { bearer: [] }] } : {}),
    ...(params.length ? { parameters: params } : {}),
    ...(body ? { requestBody: body } : {}),
    responses: responses(route),
  };
}

/** The OpenAPI 3.1 document of `routes`; the service builds it once (see `openApiDocument`). */
export function buildOpenApiDocument(routes: RouteDoc[], version: string): Json {
  const paths: Record<string, Json> = {};
  for (const route of routes) {
    const key = openApiPath(route.path);
    paths[key] = { ...paths[key], [route.method]: operation(route) };
  }
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'Immersio Booking Service REST API',
      version,
      description:
        'The REST half of the service (the staff app uses tRPC under /api/trpc, not described here). Errors answer `{error, code}` with the codes of docs/errors.md.',
    },
    tags: [...new Set(routes.map((r) => r.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas: { Error: schemaOf(errorBody, 'output') },
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: `${COOKIE_PREFIX}.${SESSION_COOKIE}` },
        bearer: { type: 'http', scheme: 'bearer' },
      },
    },
  };
}

let cached: { json: Json; text: string } | undefined;

/** The service's document, built on first use and kept: the routes do not change at run time. */
export function openApiDocument(): { json: Json; text: string } {
  if (!cached) {
    const json = buildOpenApiDocument(ROUTES, '1');
    cached = { json, text: JSON.stringify(json) };
  }
  return cached;
}

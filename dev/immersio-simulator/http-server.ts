/**
 * The `node:http` server: records every request, applies injected failures, then routes to the
 * REST API, the JWKS, the sign-in page or the control API.
 */
import http from 'node:http';
import { handleAuthorize } from './authorize-endpoint.ts';
import { handleControl } from './control-api.ts';
import { CODES_BY_STATUS, type FailureInjector } from './failure-injection.ts';
import type { OrgStore } from './org-store.ts';
import { handleRestApi } from './rest-api.ts';
import type { ImmersioSimulatorOptions } from './simulator.ts';
import { SimulatorError } from './simulator-error.ts';
import type { SsoTokens } from './sso-tokens.ts';
import type { WebhookSender } from './webhooks.ts';

/** The operations `failNext` can target by name (or give a request path such as `/v1/courses`). */
export type SimOperation = 'organization' | 'courses' | 'students' | 'jwks' | 'authorize';

export interface RecordedRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  query: Record<string, string>;
  operation: SimOperation | 'control' | null;
  /** The organisation the API key belongs to; null when missing, invalid or not an API route. */
  orgId: string | null;
  /** Response status; 0 while in flight or when the connection was dropped. */
  status: number;
  /** Answered by `failNext`. */
  injected: boolean;
  at: Date;
}

export type Send = (status: number, body: unknown, headers?: Record<string, string>) => void;
export type SendError = (
  status: number,
  code: string,
  message: string,
  headers?: Record<string, string>,
) => void;

export interface ServerContext {
  audience: string;
  controlApi: boolean;
  store: OrgStore;
  sso: SsoTokens;
  webhooks: WebhookSender;
  failures: FailureInjector;
  requests: RecordedRequest[];
  isClosed: () => boolean;
  options: Pick<ImmersioSimulatorOptions, 'onRequest' | 'redirectUriPrefixes'>;
}

function operationOf(path: string): RecordedRequest['operation'] {
  if (path === '/v1/organization') return 'organization';
  if (path === '/v1/courses') return 'courses';
  if (/^\/v1\/courses\/[^/]+\/students$/.test(path)) return 'students';
  if (path === '/.well-known/jwks.json') return 'jwks';
  if (path === '/oauth/authorize') return 'authorize';
  if (path.startsWith('/_simulator/')) return 'control';
  return null;
}

async function handle(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  record: RecordedRequest,
  ctx: ServerContext,
) {
  const { options } = ctx;
  const method = record.method;
  const url = new URL(req.url ?? '/', 'http://simulator.invalid');
  const path = url.pathname;
  const operation = record.operation;

  const send: Send = (status, body, headers = {}) => {
    record.status = status;
    if (res.destroyed || res.headersSent) return;
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(text);
    options.onRequest?.(record);
  };
  const sendError: SendError = (status, code, message, headers) =>
    send(status, { error: { code, message } }, headers);

  const injected = ctx.failures.takeFailure(operation, path);
  if (injected) {
    if (injected.delayMs) await ctx.failures.delay(injected.delayMs);
    if (ctx.isClosed() || res.destroyed) return;
    if (injected.destroy) {
      record.injected = true;
      req.socket.destroy();
      options.onRequest?.(record);
      return;
    }
    if (injected.status !== undefined) {
      record.injected = true;
      const headers: Record<string, string> = {};
      if (injected.retryAfter !== undefined) headers['retry-after'] = String(injected.retryAfter);
      if (injected.body !== undefined) return send(injected.status, injected.body, headers);
      const code = injected.code ?? CODES_BY_STATUS[injected.status] ?? `HTTP_${injected.status}`;
      return sendError(injected.status, code, injected.message ?? `Injected ${injected.status}`, headers);
    }
  }

  if (path.startsWith('/v1/')) return handleRestApi(req, url, record, send, sendError, ctx.store);

  if (operation === 'jwks') {
    return send(200, ctx.sso.jwks(), { 'cache-control': 'public, max-age=300' });
  }

  if (operation === 'authorize') return handleAuthorize(req, method, url, send, sendError, ctx);

  if (operation === 'control' && ctx.controlApi) return handleControl(method, path, req, send, ctx);

  return sendError(404, 'NOT_FOUND', 'No such endpoint');
}

export async function startHttpServer(ctx: ServerContext, port: number, host: string): Promise<http.Server> {
  const { options } = ctx;
  const server = http.createServer((req, res) => {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://simulator.invalid');
    const record: RecordedRequest = {
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      operation: operationOf(url.pathname),
      orgId: null,
      status: 0,
      injected: false,
      at: new Date(),
    };
    ctx.requests.push(record);
    handle(req, res, record, ctx).catch((error: unknown) => {
      const status = error instanceof SimulatorError ? error.status : 500;
      const code = error instanceof SimulatorError ? error.code : 'INTERNAL_ERROR';
      const message = error instanceof Error ? error.message : 'internal error';
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code, message } }));
      }
      record.status = status;
      options.onRequest?.(record);
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}

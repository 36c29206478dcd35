import { createHash } from 'node:crypto';
import type http from 'node:http';
import Stripe from 'stripe';
import { ApiError, injectedToApiError } from './api-error.ts';
import type { RecordedRequest } from './emulator-types.ts';
import { type FormObject, FormParseError, parseForm } from './form.ts';
import { ids, isBadAccountId } from './ids.ts';
import { headerValue, readBody } from './read-request.ts';
import { type ApiContext, clone, type EmulatorState, type Route } from './state.ts';

/** Key order must not change an idempotency fingerprint. */
function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function parseAuth(header: string | undefined): string | null {
  if (!header) return null;
  const bearer = /^Bearer\s+(\S+)$/i.exec(header);
  if (bearer) return bearer[1]!;
  const basic = /^Basic\s+(\S+)$/i.exec(header);
  if (basic) return Buffer.from(basic[1]!, 'base64').toString('utf8').split(':')[0] ?? null;
  return null;
}

export function createApiHandler(state: EmulatorState, routes: Route[]) {
  const { options, now, requests, failures, idempotency } = state;

  async function handleApi(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const method = req.method ?? 'GET';
    const account = headerValue(req, 'stripe-account');
    const idempotencyKey = headerValue(req, 'idempotency-key');
    const record: RecordedRequest = {
      requestId: ids.request(),
      method,
      path: url.pathname,
      query: url.search,
      account,
      idempotencyKey,
      apiVersion: headerValue(req, 'stripe-version'),
      params: {},
      status: 0,
      replayed: false,
      at: now(),
    };
    requests.push(record);

    let status = 200;
    let body: unknown;
    let shouldRetry: boolean | undefined;
    try {
      const raw = await readBody(req);
      const key = parseAuth(headerValue(req, 'authorization') ?? undefined);
      if (!key) {
        throw new ApiError(401, {
          type: 'invalid_request_error',
          message:
            "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
        });
      }
      if (!/^(sk|rk)_test_\S+$/.test(key)) {
        throw new ApiError(401, {
          type: 'invalid_request_error',
          code: 'api_key_invalid',
          message: `Invalid API Key provided: ${key.slice(0, 8)}${'*'.repeat(Math.max(0, key.length - 12))}${key.slice(-4)} (the Stripe emulator only accepts test-mode secret keys, sk_test_…)`,
        });
      }
      const query = parseForm(url.search.slice(1));
      const form = method === 'POST' ? parseForm(raw) : {};
      const params: FormObject = { ...query, ...form };
      record.params = params;
      if (account !== null && isBadAccountId(account)) {
        throw new ApiError(403, {
          type: 'invalid_request_error',
          code: 'account_invalid',
          message: `The provided key does not have access to account '${account}' (or that account does not exist). Application access may have been revoked.`,
        });
      }
      let route: Route | undefined;
      let match: RegExpExecArray | null = null;
      for (const candidate of routes) {
        if (candidate.method !== method) continue;
        match = candidate.pattern.exec(url.pathname);
        if (match) {
          route = candidate;
          break;
        }
      }
      if (!route || !match) {
        throw new ApiError(404, {
          type: 'invalid_request_error',
          message: `Unrecognized request URL (${method}: ${url.pathname}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/. (Not emulated by the Stripe emulator.)`,
        });
      }
      const queued = failures.get(route.operation)?.shift();
      if (queued) throw injectedToApiError(queued);

      const useIdempotency = method === 'POST' && idempotencyKey !== null && idempotencyKey !== '';
      const storeKey = `${account ?? ''}\u0000${idempotencyKey ?? ''}`;
      const fingerprint = createHash('sha256')
        .update(`${method} ${url.pathname} ${stableStringify(params)}`)
        .digest('hex');
      const previous = useIdempotency ? idempotency.get(storeKey) : undefined;
      if (previous) {
        if (previous.fingerprint !== fingerprint) {
          throw new ApiError(400, {
            type: 'idempotency_error',
            message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
          });
        }
        status = previous.status;
        body = clone(previous.body);
        record.replayed = true;
      } else {
        const ctx: ApiContext = {
          params,
          account,
          pathParams: match.slice(1).map((part) => decodeURIComponent(part)),
          request: { id: record.requestId, idempotency_key: idempotencyKey },
        };
        try {
          const result = route.handler(ctx);
          status = result.status ?? 200;
          body = result.body;
        } catch (error) {
          if (error instanceof ApiError && error.saveIdempotently && useIdempotency) {
            idempotency.set(storeKey, { fingerprint, status: error.status, body: { error: error.body } });
          }
          throw error;
        }
        if (useIdempotency) idempotency.set(storeKey, { fingerprint, status, body: clone(body) });
      }
    } catch (error) {
      if (error instanceof ApiError) {
        status = error.status;
        body = { error: error.body };
        shouldRetry = error.shouldRetry;
      } else if (error instanceof FormParseError) {
        status = 400;
        body = {
          error: {
            type: 'invalid_request_error',
            message: error.message,
            ...(error.param ? { param: error.param } : {}),
          },
        };
      } else {
        status = 500;
        body = {
          error: {
            type: 'api_error',
            message: `Stripe emulator bug: ${error instanceof Error ? error.message : String(error)}`,
          },
        };
        shouldRetry = false;
      }
    }

    record.status = status;
    const payload = JSON.stringify(body, null, 2);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(payload)),
      'request-id': record.requestId,
      'stripe-version': record.apiVersion ?? Stripe.API_VERSION,
      'cache-control': 'no-cache, no-store',
    };
    if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
    if (record.replayed) headers['idempotent-replayed'] = 'true';
    if (shouldRetry !== undefined) headers['stripe-should-retry'] = String(shouldRetry);
    res.writeHead(status, headers);
    res.end(payload);
    options.onRequest?.(record);
  }

  return handleApi;
}

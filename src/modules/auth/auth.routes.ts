import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Container } from '../../container.ts';
import { AppError } from '../../lib/errors.ts';
import { extractCredential } from './credentials.ts';

/**
 * better-auth's handler behind the three endpoints the product uses. Sign-up and the rest of
 * its API stay unreachable. Its error bodies are rewritten into the spec's `{error, code}`.
 */
export function registerAuthRoutes(app: FastifyInstance, container: Container): void {
  const forward = async (req: FastifyRequest, reply: FastifyReply) => {
    const url = new URL(req.url, container.env.PUBLIC_BASE_URL);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value === undefined) continue;
      headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    headers.delete('content-length');
    const hasBody = req.method !== 'GET' && req.body !== undefined && req.body !== null;
    const response = await container.auth.handler(
      new Request(url, {
        method: req.method,
        headers,
        ...(hasBody ? { body: JSON.stringify(req.body) } : {}),
      }),
    );
    const text = await response.text();
    if (response.status >= 400) throw authError(response.status, text);
    for (const cookie of response.headers.getSetCookie()) void reply.header('set-cookie', cookie);
    const contentType = response.headers.get('content-type');
    if (contentType) void reply.header('content-type', contentType);
    return reply.status(response.status).send(text);
  };

  app.post('/api/auth/sign-in/email', { config: { rateLimit: 'signIn' } }, forward);
  app.get('/api/auth/get-session', forward);
  app.post('/api/auth/sign-out', async (req, reply) => {
    const credential = extractCredential(req.headers);
    const session = credential ? await container.sessions.resolve(credential) : null;
    const result = await forward(req, reply);
    if (session) await container.bus.publish({ type: 'session', token: session.sessionToken });
    return result;
  });
}

function authError(status: number, body: string): AppError {
  let message: string | undefined;
  try {
    message = (JSON.parse(body) as { message?: string }).message;
  } catch {
    message = undefined;
  }
  // Wrong email and wrong password read the same: the message never says which.
  if (status === 401) return new AppError('UNAUTHORIZED', 'Invalid email or password');
  if (status === 403) return new AppError('FORBIDDEN', message);
  if (status === 429) return new AppError('RATE_LIMITED');
  if (status >= 500) return new AppError('INTERNAL_ERROR');
  return new AppError('VALIDATION_ERROR', message ?? 'Invalid request');
}

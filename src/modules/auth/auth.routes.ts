import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Container } from '../../container.ts';
import { AppError, validationError } from '../../lib/errors.ts';
import { extractCredential } from './credentials.ts';
import { registerEmailChangeRoutes } from './email-change.routes.ts';
import { requestPasswordResetInput, resetPasswordInput } from './password-reset.schema.ts';

/**
 * better-auth's handler behind the endpoints the product uses: sign-in, session, sign-out, the
 * password reset and the link that confirms a new e-mail address (email-change.routes.ts). Sign-up and the rest of its API stay unreachable. Its error bodies are
 * rewritten into the spec's `{error, code}`.
 */
export function registerAuthRoutes(app: FastifyInstance, container: Container): void {
  const forward = async (req: FastifyRequest, reply: FastifyReply, body: unknown = req.body) => {
    const url = new URL(req.url, container.env.PUBLIC_BASE_URL);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value === undefined) continue;
      headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    headers.delete('content-length');
    const hasBody = req.method !== 'GET' && body !== undefined && body !== null;
    const response = await container.auth.handler(
      new Request(url, {
        method: req.method,
        headers,
        ...(hasBody ? { body: JSON.stringify(body) } : {}),
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

  // The answer is the same whether or not the address has an account. Besides the per-IP budget,
  // each address gets a few e-mails an hour, counted whether or not it exists.
  app.post('/api/auth/request-password-reset', { config: { rateLimit: 'signIn' } }, async (req, reply) => {
    const parsed = requestPasswordResetInput.safeParse(req.body);
    if (!parsed.success) throw validationError(parsed.error.issues);
    const decision = await container.rateLimiter.check('passwordReset', `email:${parsed.data.email}`);
    if (!decision.allowed) {
      void reply.headers(container.rateLimitHeaders(decision));
      throw new AppError('RATE_LIMITED');
    }
    // Only the address goes on: the link in the e-mail is always the app's own page.
    return forward(req, reply, { email: parsed.data.email });
  });

  registerEmailChangeRoutes(app, container);

  app.post('/api/auth/reset-password', { config: { rateLimit: 'signIn' } }, async (req, reply) => {
    const parsed = resetPasswordInput.safeParse(req.body);
    if (!parsed.success) throw validationError(parsed.error.issues);
    // Whose sessions end: better-auth deletes them but answers only `{status}`, and the viewer
    // cache would otherwise honour them for up to 30 s more.
    const ctx = await container.auth.$context;
    const verification = await ctx.internalAdapter.findVerificationValue(
      `reset-password:${parsed.data.token}`,
    );
    const result = await forward(req, reply, parsed.data);
    if (verification) await container.bus.publish({ type: 'user', userId: Number(verification.value) });
    return result;
  });
}

function authError(status: number, body: string): AppError {
  let parsed: { message?: string; code?: string } = {};
  try {
    parsed = JSON.parse(body) as typeof parsed;
  } catch {
    parsed = {};
  }
  // Wrong email and wrong password read the same: the message never says which.
  if (status === 401) return new AppError('UNAUTHORIZED', 'Invalid email or password');
  if (status === 403) return new AppError('FORBIDDEN', parsed.message);
  if (status === 429) return new AppError('RATE_LIMITED');
  if (status >= 500) return new AppError('INTERNAL_ERROR');
  if (parsed.code === 'INVALID_TOKEN') {
    return new AppError('INVALID_TOKEN', 'This reset link is invalid or has expired: ask for a new one');
  }
  return new AppError('VALIDATION_ERROR', parsed.message ?? 'Invalid request');
}

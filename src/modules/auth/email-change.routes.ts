import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Container } from '../../container.ts';
import { AppError } from '../../lib/errors.ts';
import { findAccountByEmail } from './accounts.ts';
import { readEmailChangeToken, VERIFY_EMAIL_PATH } from './email-change.ts';

/** What the account page shows on arrival (`/app/account?email=…`). */
export type EmailChangeLanding = 'changed' | 'invalid' | 'taken';

const verifyQuery = z.object({ token: z.string().min(1).max(4096) });

/**
 * The link in the e-mail to the new address. better-auth's verify-email checks the token (its
 * signature, expiry, and that the account still has the address the change started from, so a
 * link works once) and changes the address; this route lets only change-email tokens through,
 * never forwards a callback URL (no open redirect), and always lands in the staff app's account
 * page. A session in the browser of someone else makes better-auth refuse the link.
 */
export function registerEmailChangeRoutes(app: FastifyInstance, container: Container): void {
  app.get(VERIFY_EMAIL_PATH, { config: { rateLimit: 'signIn' } }, async (req, reply) => {
    const parsed = verifyQuery.safeParse(req.query);
    if (!parsed.success) return land(reply, 'invalid');
    const claims = await readEmailChangeToken(parsed.data.token, (await container.auth.$context).secret);
    if (!claims) return land(reply, 'invalid');
    // Taken since the request (an invitation accepted with it, say): the unique index would
    // refuse better-auth's update anyway, with a 500.
    if (await takenByAnother(container, claims)) return land(reply, 'taken');

    const url = new URL(VERIFY_EMAIL_PATH, container.env.PUBLIC_BASE_URL);
    url.searchParams.set('token', parsed.data.token);
    const response = await container.auth.handler(new Request(url, { headers: sessionOnly(req) }));
    const text = await response.text();
    if (response.status >= 500) {
      if (await takenByAnother(container, claims)) return land(reply, 'taken');
      throw new AppError('INTERNAL_ERROR');
    }
    if (response.status !== 200) return land(reply, 'invalid');
    const body = JSON.parse(text) as { user?: { name?: string } | null };
    for (const cookie of response.headers.getSetCookie()) void reply.header('set-cookie', cookie);
    await container.accountEmailChanged({ ...claims, name: body.user?.name ?? '' });
    return land(reply, 'changed');
  });
}

async function takenByAnother(container: Container, claims: { userId: number; newEmail: string }) {
  const holder = await findAccountByEmail(container.db, claims.newEmail);
  return holder !== undefined && holder.id !== claims.userId;
}

/** Only the credential: better-auth uses it to refuse a link opened in someone else's session. */
function sessionOnly(req: FastifyRequest): Headers {
  const headers = new Headers();
  if (req.headers.cookie) headers.set('cookie', req.headers.cookie);
  if (req.headers.authorization) headers.set('authorization', req.headers.authorization);
  return headers;
}

function land(reply: FastifyReply, state: EmailChangeLanding) {
  return reply
    .headers({ 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' })
    .redirect(`/app/account?email=${state}`, 303);
}

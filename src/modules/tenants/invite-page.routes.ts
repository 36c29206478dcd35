import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Container } from '../../container.ts';
import { AppError, isAppError } from '../../lib/errors.ts';
import { FORM_CONTENT_TYPE, FORM_PARSER_OPTIONS, parseFormBody } from '../../lib/form-body.ts';
import { escapeHtml, PAGE_HEADERS, page } from '../../lib/html.ts';

const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;
const STAFF_APP = '/app/';

/**
 * The page an invitation e-mail links to (`PUBLIC_BASE_URL/invite/<token>`): it shows the
 * invite and accepts it with a plain form, so it works without JavaScript, then sends the new
 * member into the staff app signed in. The same service answers
 * `POST /api/v1/invites/:token/accept` for API clients.
 */
export function registerInvitePage(app: FastifyInstance, container: Container): void {
  // Its own scope: the invitation form posts a form body, and only these routes parse one.
  void app.register(async (scope) => registerInvitationPageRoutes(scope, container));
}

function registerInvitationPageRoutes(app: FastifyInstance, container: Container): void {
  app.addContentTypeParser(FORM_CONTENT_TYPE, FORM_PARSER_OPTIONS, parseFormBody);

  app.get<{ Params: { token: string } }>(
    '/invite/:token',
    { config: { rateLimit: 'public' } },
    async (req, reply) => {
      const invite = await describe(req.params.token);
      if (!invite) return send(reply, 404, notUsable('This invitation link is not valid.'));
      if (invite.status === 'accepted') return send(reply, 410, alreadyAccepted());
      if (invite.status !== 'open')
        return send(reply, 410, notUsable(STATUS_TEXT[invite.status] ?? 'This invitation cannot be used.'));
      return send(reply, 200, form(req.params.token, invite));
    },
  );

  app.post<{ Params: { token: string }; Body: Record<string, string> | undefined }>(
    '/invite/:token',
    { config: { rateLimit: 'signIn' } },
    async (req, reply) => {
      const token = req.params.token;
      const invite = await describe(token);
      if (!invite) return send(reply, 404, notUsable('This invitation link is not valid.'));
      const name = (req.body?.name ?? '').trim();
      const password = req.body?.password ?? '';
      const problem =
        name.length === 0 || name.length > 200
          ? 'Please enter your name.'
          : password.length < 8 || password.length > 256
            ? 'Choose a password of at least 8 characters.'
            : undefined;
      if (problem) return send(reply, 400, form(token, invite, problem, name));
      try {
        const result = await container.invites.accept({ token, name, password, headers: new Headers() });
        for (const cookie of result.setCookie) void reply.header('set-cookie', cookie);
        // Signed in, with the new school active: straight into the staff app. A 303 turns the
        // POST into a GET, so reloading the app never resubmits the form.
        return reply.status(303).headers({ location: STAFF_APP, 'cache-control': 'no-store' }).send();
      } catch (error) {
        if (!isAppError(error)) throw error;
        if (error.code === 'GONE') return send(reply, 410, notUsable(error.message));
        return send(reply, error.status, form(token, invite, error.message, name));
      }
    },
  );

  async function describe(token: string) {
    if (!TOKEN.test(token)) return undefined;
    try {
      return await container.invites.describe(token);
    } catch (error) {
      if (error instanceof AppError && error.code === 'NOT_FOUND') return undefined;
      throw error;
    }
  }
}

type Invite = Awaited<ReturnType<Container['invites']['describe']>>;

const STATUS_TEXT: Record<string, string> = {
  accepted: 'This invitation has already been used.',
  revoked: 'This invitation has been withdrawn.',
  expired: 'This invitation has expired: ask for a new one.',
};

// Under `no-referrer` the form's POST would carry `Origin: null`, which the cross-site check
// refuses when a session cookie rides along: someone signed in to one school could not accept
// another's invitation. `same-origin` keeps the token in the URL from leaving the site all the same.
const INVITE_PAGE_HEADERS = { ...PAGE_HEADERS, 'referrer-policy': 'same-origin' };

function send(reply: FastifyReply, status: number, html: string) {
  return reply.status(status).headers(INVITE_PAGE_HEADERS).send(html);
}

function notUsable(message: string): string {
  return page('Invitation', `<h1>Invitation</h1><p class="error">${escapeHtml(message)}</p>`);
}

/** A used invite most often means its owner is back for the app: offer the way in. */
function alreadyAccepted(): string {
  return page(
    'Invitation',
    `<h1>Invitation</h1><p class="error">${escapeHtml(STATUS_TEXT.accepted!)}</p><p><a href="/app/sign-in">Sign in to the staff app</a></p>`,
  );
}

function form(token: string, invite: Invite, error?: string, name?: string): string {
  const tenant = escapeHtml(invite.tenant.name);
  return page(
    `Join ${invite.tenant.name}`,
    `<h1>Join ${tenant}</h1>
<p class="muted">You were invited as ${escapeHtml(invite.role === 'ADMIN' ? 'an administrator' : 'a teacher')} with ${escapeHtml(invite.email)}.</p>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/invite/${escapeHtml(token)}">
<label for="name">Your name</label><input id="name" name="name" autocomplete="name" required maxlength="200" value="${escapeHtml(name ?? invite.name ?? '')}">
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="new-password" required minlength="8" maxlength="256">
<p class="muted">If you already have an account with this email, enter its current password.</p>
<button type="submit">Accept invitation</button>
</form>`,
  );
}

import type { FastifyReply, FastifyRequest } from 'fastify';
import { extractCredential } from '../auth/credentials.ts';
import type { ViewerResolver } from '../viewer/viewer-resolver.ts';
import { renderPage } from './layout.ts';
import { sendPage } from './web-http.ts';

const HOME_CSS = `.home-actions{display:flex;flex-wrap:wrap;gap:.75rem;margin:1.5rem 0 2rem}
.home-points{padding-left:1.2rem}.home-points li{margin-bottom:.4rem}`;

/** The same bytes for every signed-out visitor: drawn once. */
const HOME_PAGE = renderPage({
  title: 'Immersio Booking: class bookings for language schools',
  description:
    'A booking page for your language school: students book and pay for workshops, teachers see their rosters, bookings sync with Immersio.',
  css: HOME_CSS,
  script: false,
  body: `<header class="site-header"><div class="wrap"><a class="site-name" href="/">Immersio Booking</a></div></header>
<main class="wrap narrow" id="main">
<h1>Class bookings for language schools</h1>
<p>Immersio Booking gives your school its own booking page. Students pick a workshop session, pay by card and get a confirmation with a calendar invite; your teachers see who is coming, and bookings sync with Immersio.</p>
<ul class="home-points">
<li>Workshops with recurring sessions, seats and prices in any currency</li>
<li>Payments through your own Stripe account, with refunds by your cancellation policy</li>
<li>Rosters, a calendar and booking numbers for owners and teachers</li>
</ul>
<p class="home-actions"><a class="btn" href="/app/sign-up">Create your school</a><a class="btn btn-secondary" href="/app/sign-in">Sign in</a></p>
</main>`,
});

/**
 * `/` on the main host: a signed-in member of a school goes straight to the staff app; anyone
 * else (no session, or a student's Immersio session) reads what the service is. Never cached,
 * since the answer depends on the cookie.
 */
export async function serveHomePage(
  req: FastifyRequest,
  reply: FastifyReply,
  deps: { sessions: Pick<ViewerResolver, 'resolve'> },
) {
  const credential = extractCredential(req.headers);
  const viewer = credential?.via === 'cookie' ? await deps.sessions.resolve(credential) : null;
  if (viewer && viewer.memberships.length > 0) {
    return reply.code(302).headers({ location: '/app/', 'cache-control': 'no-store', vary: 'Cookie' }).send();
  }
  return sendPage(req, reply, HOME_PAGE, { caching: 'private' });
}

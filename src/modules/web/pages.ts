import type { FastifyReply, FastifyRequest } from 'fastify';
import { escapeHtml } from '../../lib/html.ts';
import { renderPage } from './layout.ts';
import { sendPage } from './web-http.ts';

const NOT_FOUND = renderPage({
  title: 'Page not found',
  noindex: true,
  body: `<main class="wrap narrow" id="main"><h1>Page not found</h1><p>There is no page at this address. If you followed a link from a school, it may have moved or the class may no longer be offered.</p></main>`,
});

export function sendNotFoundPage(req: FastifyRequest, reply: FastifyReply) {
  return sendPage(req, reply, NOT_FOUND, { status: 404, caching: 'private' });
}

/** A plain message page (errors that leave nothing else to show). */
export function messagePage(title: string, message: string) {
  return renderPage({
    title,
    noindex: true,
    body: `<main class="wrap narrow" id="main"><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></main>`,
  });
}

import type { FastifyRequest } from 'fastify';

/**
 * A page shown inside a school's own website through embed.js (issue 20): `?embed=1`, framed, by a
 * school that lists the site. It drops the site's header and footer, sends `frame-ancestors` with
 * exactly the school's origins, and runs the frame script that sizes the frame and tells the host
 * page what happened (only ever posting to an origin on this list).
 */
export interface EmbedFrame {
  origins: string[];
  /** Events for the host page, posted once the frame knows its host (see embed-frame.js). */
  events?: EmbedEvent[] | undefined;
}

export interface EmbedEvent {
  type: 'ibs:booking-created';
  uid: string;
  /** The booked time, ISO 8601 UTC. */
  start: string;
  /** The student's manage link (it carries the booking's secret token). */
  manageUrl: string;
}

/**
 * The embed variant, when the request asks for it and the school allows some site. A top-level
 * visit to an embed address (a link opened in a new tab, the paid form leaving the frame for
 * Checkout) gets the ordinary page: browsers say so in `Sec-Fetch-Dest`. A school that lists no
 * site gets the ordinary page too, whose `frame-ancestors 'none'` makes the browser refuse it.
 */
export function embedFrameOf(
  req: FastifyRequest,
  origins: readonly string[] | undefined,
): EmbedFrame | undefined {
  if (!isEmbedRequest(req)) return undefined;
  if (req.headers['sec-fetch-dest'] === 'document') return undefined;
  if (!origins || origins.length === 0) return undefined;
  return { origins: [...origins] };
}

/** The address asks for the embed variant (`?embed=1`), whatever the page finally is. */
export function isEmbedRequest(req: FastifyRequest): boolean {
  const query = req.query as Record<string, unknown> | undefined;
  return query?.embed === '1';
}

/**
 * `url` (a path or absolute URL on this service) with `embed=1`, so a redirect stays in the frame:
 * for a form sent from the embed variant, or from any frame (a click before the frame script
 * added `embed=1` to the form's action); the page it leads to still checks the school's sites.
 */
export function keepEmbed(req: FastifyRequest, url: string): string {
  if (!isEmbedRequest(req) && req.headers['sec-fetch-dest'] !== 'iframe') return url;
  return `${url}${url.includes('?') ? '&' : '?'}embed=1`;
}

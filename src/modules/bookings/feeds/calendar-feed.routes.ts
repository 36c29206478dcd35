import type { FastifyInstance } from 'fastify';
import type { Container } from '../../../container.ts';
import { parseOrThrow } from '../../../http/parse.ts';
import { AppError } from '../../../lib/errors.ts';
import { etagMatches } from '../../../lib/etag.ts';
import { calendarFeedParams } from './calendar-feed.schema.ts';
import { tokenFromFileName } from './feed-token.ts';
import { readFeed } from './read-feed.ts';

/**
 * `GET /api/v1/calendar/{token}.ics`: the feed calendar apps poll. No cookie or key: the token is
 * the credential, so the answer is private to caches and a wrong token is a plain 404.
 */
export function registerCalendarFeedRoute(app: FastifyInstance, container: Container): void {
  app.get('/api/v1/calendar/:file', { config: { rateLimit: 'public' } }, async (req, reply) => {
    const { file } = parseOrThrow(calendarFeedParams, req.params);
    const token = tokenFromFileName(file);
    if (!token) throw new AppError('NOT_FOUND', 'No such calendar feed');
    const feed = await readFeed({ db: container.db, env: container.env, now: container.now }, token);
    void reply.header('etag', feed.etag).header('cache-control', 'private, no-cache');
    if (etagMatches(req.headers['if-none-match'], feed.etag)) return reply.code(304).send();
    return reply
      .type('text/calendar; charset=utf-8')
      .header('content-disposition', 'inline; filename="classes.ics"')
      .send(feed.body);
  });
}

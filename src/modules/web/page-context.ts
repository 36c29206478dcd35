import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SiteAddress } from './site.ts';

/** What a tenant page handler gets from web.routes.ts: the request, the reply and the resolved site. */
export interface PageContext {
  req: FastifyRequest;
  reply: FastifyReply;
  site: SiteAddress;
}

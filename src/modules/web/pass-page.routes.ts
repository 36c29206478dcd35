import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Container } from '../../container.ts';
import { tenantPublicUrl } from '../../lib/public-urls.ts';
import { passNotFoundPage, renderPassManagePage } from './pass-render.ts';
import { privatePageLanguage, requestPageLanguage } from './private-page.ts';
import { foundOrUndefined, pageBrand, sendPrivatePage, TOKEN_ROUTE_OPTIONS } from './token-page-http.ts';

const params = z.object({ uid: z.string().regex(/^pass_[a-f0-9]{20}$/) });
const query = z.object({
  token: z.string().min(1).max(200),
  // Unknown values are ignored rather than refused: the link still works.
  checkout: z.enum(['success', 'cancelled']).optional().catch(undefined),
});

/**
 * A bought class pass's page (`PUBLIC_BASE_URL/passes/<uid>?token=…`, also where Stripe Checkout
 * returns): its balance, validity and history, in the school's colours. The token in the URL is
 * the only authorisation (as a booking's manage link); the REST twin is
 * GET /api/v1/public/student-passes/:uid.
 */
export function registerPassPage(app: FastifyInstance, container: Container): void {
  app.get<{ Params: { uid: string }; Querystring: Record<string, unknown> }>(
    '/passes/:uid',
    TOKEN_ROUTE_OPTIONS,
    async (req, reply) => {
      const uid = params.safeParse(req.params);
      const shown = query.safeParse(req.query);
      const notFound = () => sendPrivatePage(req, reply, 404, passNotFoundPage(requestPageLanguage(req)));
      if (!uid.success || !shown.success) return notFound();
      const view = await foundOrUndefined('NOT_FOUND', () =>
        container.passes.getForStudent(uid.data.uid, shown.data.token),
      );
      if (!view) return notFound();
      const brand = await pageBrand(container, view.tenant);
      const path = `/passes/${view.pass.uid}?token=${encodeURIComponent(shown.data.token)}`;
      const language = privatePageLanguage(req, reply, brand, view.language ?? null, path);
      const page = renderPassManagePage(
        view,
        brand,
        {
          checkout: shown.data.checkout,
          passesUrl: `${tenantPublicUrl(container.env, view.tenant.slug)}/passes`,
          now: container.now(),
        },
        language,
      );
      return sendPrivatePage(req, reply, 200, page);
    },
  );
}

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Container } from '../../container.ts';
import { isAppError } from '../../lib/errors.ts';
import { tenantPublicUrl } from '../../lib/public-urls.ts';
import type { PassForStudent } from '../passes/get-pass-for-student.ts';
import { tenantBrand } from '../public/tenant-brand.ts';
import type { RenderedPage } from './layout.ts';
import { PASS_NOT_FOUND, renderPassManagePage } from './pass-render.ts';
import { sendPage } from './web-http.ts';

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
    { config: { rateLimit: 'public' } },
    async (req, reply) => {
      const uid = params.safeParse(req.params);
      const shown = query.safeParse(req.query);
      if (!uid.success || !shown.success) return send(req, reply, 404, PASS_NOT_FOUND);
      let view: PassForStudent;
      try {
        view = await container.passes.getForStudent(uid.data.uid, shown.data.token);
      } catch (error) {
        if (isAppError(error) && error.code === 'NOT_FOUND') return send(req, reply, 404, PASS_NOT_FOUND);
        throw error;
      }
      const tenantId = await container.bookings.tenantIdBySlug(view.tenant.slug);
      const brand = tenantId === undefined ? undefined : await tenantBrand(container, tenantId);
      const home = tenantPublicUrl(container.env, view.tenant.slug);
      const page = renderPassManagePage(
        view,
        {
          name: view.tenant.name,
          logoUrl: brand?.logoUrl ?? null,
          primaryColor: brand?.primaryColor ?? null,
          secondaryColor: brand?.secondaryColor ?? null,
          homeUrl: brand?.landingPublished ? home : null,
        },
        { checkout: shown.data.checkout, passesUrl: `${home}/passes`, now: container.now() },
      );
      return send(req, reply, 200, page);
    },
  );
}

/** Private (the URL carries a secret): `no-store`, `noindex`. */
function send(req: FastifyRequest, reply: FastifyReply, status: number, page: RenderedPage) {
  return sendPage(req, reply, page, { status, caching: 'private' });
}

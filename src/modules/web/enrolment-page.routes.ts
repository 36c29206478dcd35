import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Container } from '../../container.ts';
import { isAppError } from '../../lib/errors.ts';
import { FORM_CONTENT_TYPE, FORM_PARSER_OPTIONS, parseFormBody } from '../../lib/form-body.ts';
import { tenantPublicUrl } from '../../lib/public-urls.ts';
import type { EnrolmentView } from '../bookings/enrolments/enrolments.service.ts';
import { enrolmentTokenQuery, enrolmentUidParams } from '../bookings/enrolments/public-enrolments.schemas.ts';
import { tenantBrand } from '../public/tenant-brand.ts';
import {
  ENROLMENT_NOT_FOUND,
  type EnrolmentShown,
  enrolmentPath,
  renderEnrolmentPage,
} from './enrolment-page.ts';
import type { RenderedPage } from './layout.ts';
import { type Brand, MAX_REASON } from './manage-page.ts';
import { REFUND_SHOWN, refundShown } from './managed-booking.ts';
import { sendPage } from './web-http.ts';

const pageQuery = enrolmentTokenQuery.extend({
  checkout: z.enum(['success', 'cancelled']).optional().catch(undefined),
  cancelled: z.literal('1').optional().catch(undefined),
  enrolled: z.literal('1').optional().catch(undefined),
  refund: z.enum(REFUND_SHOWN).optional().catch(undefined),
});
const cancelForm = enrolmentTokenQuery.extend({ reason: z.string().optional() });

/**
 * The page an enrolment's manage link opens (`PUBLIC_BASE_URL/enrolments/<uid>?token=…`, where
 * Stripe Checkout returns and where the workshop page's enrol form sends a free enrolment with
 * `&enrolled=1`) and its cancel form. The rules are the enrolments service's, the same the REST
 * API answers with (`/api/v1/public/enrolments/:uid`); the token is the only authorisation.
 */
export function registerEnrolmentPage(app: FastifyInstance, container: Container): void {
  const options = {
    config: { rateLimit: 'public' },
    onSend: async (_req: FastifyRequest, reply: FastifyReply, payload: unknown) => {
      void reply.header('cache-control', 'no-store');
      return payload;
    },
  } as const;

  app.get<{ Params: { uid: string }; Querystring: Record<string, unknown> }>(
    '/enrolments/:uid',
    options,
    async (req, reply) => {
      const uid = enrolmentUidParams.safeParse(req.params);
      const query = pageQuery.safeParse(req.query);
      if (!uid.success || !query.success) return send(req, reply, 404, ENROLMENT_NOT_FOUND);
      const view = await load(uid.data.uid, query.data.token);
      if (!view) return send(req, reply, 404, ENROLMENT_NOT_FOUND);
      return send(
        req,
        reply,
        200,
        await page(view, {
          token: query.data.token,
          now: container.now(),
          checkout: query.data.checkout,
          justCancelled: query.data.cancelled === '1',
          justEnrolled: query.data.enrolled === '1',
          refund: query.data.refund,
        }),
      );
    },
  );

  // Its own scope, so only this route parses form bodies.
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(FORM_CONTENT_TYPE, FORM_PARSER_OPTIONS, parseFormBody);
    scope.post<{ Params: { uid: string }; Body: Record<string, string> | undefined }>(
      '/enrolments/:uid/cancel',
      options,
      async (req, reply) => {
        const uid = enrolmentUidParams.safeParse(req.params);
        const form = cancelForm.safeParse(req.body ?? {});
        if (!uid.success || !form.success) return send(req, reply, 404, ENROLMENT_NOT_FOUND);
        const { token } = form.data;
        const reason = (form.data.reason ?? '').replace(/\r\n?/g, '\n').trim();
        const shown = { token, now: container.now(), reason };
        const refuse = async (error: string) => {
          const view = await load(uid.data.uid, token);
          if (!view) return send(req, reply, 404, ENROLMENT_NOT_FOUND);
          return send(req, reply, 400, await page(view, { ...shown, error }));
        };
        if (reason.length > MAX_REASON)
          return refuse(`Please keep the reason to ${MAX_REASON} characters or fewer.`);
        try {
          const result = await container.enrolments.cancelByStudent({
            uid: uid.data.uid,
            token,
            reason: reason || undefined,
          });
          const refund = refundShown(result.refund.status);
          return reply
            .headers({ 'referrer-policy': 'no-referrer' })
            .redirect(`${enrolmentPath(uid.data.uid, token)}&cancelled=1&refund=${refund}`, 303);
        } catch (error) {
          if (!isAppError(error)) throw error;
          if (error.code === 'NOT_FOUND') return send(req, reply, 404, ENROLMENT_NOT_FOUND);
          if (error.code !== 'CANCELLATION_CLOSED') throw error;
          return refuse(error.message);
        }
      },
    );
  });

  async function page(view: EnrolmentView, shown: EnrolmentShown) {
    return renderEnrolmentPage(view, await brandOf(view), shown);
  }

  async function load(uid: string, token: string): Promise<EnrolmentView | undefined> {
    try {
      return await container.enrolments.getForStudent(uid, token);
    } catch (error) {
      if (isAppError(error) && error.code === 'NOT_FOUND') return undefined;
      throw error;
    }
  }

  async function brandOf(view: EnrolmentView): Promise<Brand> {
    const tenantId = await container.bookings.tenantIdBySlug(view.tenant.slug);
    const brand = tenantId === undefined ? undefined : await tenantBrand(container, tenantId);
    return {
      name: view.tenant.name,
      logoUrl: brand?.logoUrl ?? null,
      primaryColor: brand?.primaryColor ?? null,
      secondaryColor: brand?.secondaryColor ?? null,
      homeUrl: brand?.landingPublished ? tenantPublicUrl(container.env, view.tenant.slug) : null,
    };
  }
}

/** Private (the URL carries a secret): `no-store`, `no-referrer`, `noindex`. */
function send(req: FastifyRequest, reply: FastifyReply, status: number, page: RenderedPage) {
  return sendPage(req, reply, page, { status, caching: 'private' });
}

import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Container } from '../../container.ts';
import type { EnrolmentView } from '../bookings/enrolments/enrolments.service.ts';
import { enrolmentTokenQuery, enrolmentUidParams } from '../bookings/enrolments/public-enrolments.schemas.ts';
import {
  type EnrolmentShown,
  enrolmentNotFoundPage,
  enrolmentPath,
  renderEnrolmentPage,
} from './enrolment-page.ts';
import { REFUND_SHOWN, refundShown } from './managed-booking.ts';
import { privatePageLanguage } from './private-page.ts';
import {
  foundOrUndefined,
  pageBrand,
  registerCancelForm,
  registerFormRoutes,
  TOKEN_ROUTE_OPTIONS,
  tokenPageReplies,
} from './token-page-http.ts';

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
  const { notFound, show } = tokenPageReplies<EnrolmentView, EnrolmentShown>({
    load: (uid, token) => foundOrUndefined('NOT_FOUND', () => container.enrolments.getForStudent(uid, token)),
    render: async (view, shown, req, reply) => {
      const brand = await pageBrand(container, view.tenant);
      const path = enrolmentPath(view.enrolment.uid, shown.token);
      const language = privatePageLanguage(req, reply, brand, view.language ?? null, path);
      return renderEnrolmentPage(view, brand, shown, language);
    },
    notFound: enrolmentNotFoundPage,
  });

  app.get<{ Params: { uid: string }; Querystring: Record<string, unknown> }>(
    '/enrolments/:uid',
    TOKEN_ROUTE_OPTIONS,
    async (req, reply) => {
      const uid = enrolmentUidParams.safeParse(req.params);
      const query = pageQuery.safeParse(req.query);
      if (!uid.success || !query.success) return notFound(req, reply);
      return show(req, reply, 200, uid.data.uid, query.data.token, {
        token: query.data.token,
        now: container.now(),
        checkout: query.data.checkout,
        justCancelled: query.data.cancelled === '1',
        justEnrolled: query.data.enrolled === '1',
        refund: query.data.refund,
      });
    },
  );

  registerFormRoutes(app, (scope) => {
    registerCancelForm(scope, '/enrolments/:uid/cancel', {
      params: enrolmentUidParams,
      form: cancelForm,
      now: () => container.now(),
      replies: { notFound, show },
      notFoundCode: 'NOT_FOUND',
      closedKey: 'enrolmentPage.error.cancelClosed',
      cancel: async (uid, token, reason) => {
        const result = await container.enrolments.cancelByStudent({ uid, token, reason });
        return `${enrolmentPath(uid, token)}&cancelled=1&refund=${refundShown(result.refund.status)}`;
      },
    });
  });
}

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Container } from '../../container.ts';
import { parseOrThrow } from '../../http/parse.ts';
import { findUnsafeInput } from '../../lib/boundary.schema.ts';
import { AppError, validationError } from '../../lib/errors.ts';
import { FORM_CONTENT_TYPE, parseFormBody } from '../../lib/form-body.ts';
import { extractCredential } from '../auth/credentials.ts';
import { updateSettingsInput } from '../landing/procedures/update-settings.schema.ts';
import { renderLandingDraft } from './landing-draft.ts';
import type { RenderedPage } from './layout.ts';

export const LANDING_PREVIEW_PATH = '/api/v1/staff/landing/preview';

/** A draft with every text and link at its longest, URL-encoded, still fits (the usual form limit is 16 KiB). */
const FORM_OPTIONS = { parseAs: 'string', bodyLimit: 96 * 1024 } as const;

/** The signed-in OWNER or ADMIN and their active school; 401 signed out, 403 for anyone else. */
async function schoolAdmin(container: Container, req: FastifyRequest) {
  const viewer = await container.sessions.resolve(extractCredential(req.headers));
  if (!viewer) throw new AppError('UNAUTHORIZED');
  const decision = await container.rateLimiter.check('authenticated', `user:${viewer.userId}`);
  if (!decision.allowed) throw new AppError('RATE_LIMITED');
  const membership = viewer.memberships.find((m) => m.tenantId === viewer.activeTenantId);
  if (!membership || (membership.role !== 'OWNER' && membership.role !== 'ADMIN')) {
    throw new AppError('FORBIDDEN', 'Only the school’s owners and admins can preview its landing page');
  }
  return membership;
}

/**
 * The draft: a JSON body is the settings object itself; a form (the staff app posts one into its
 * preview frame, so the frame shows the answer with its own headers) carries it as JSON in `draft`.
 */
function draftOf(req: FastifyRequest): unknown {
  const body = req.body;
  if (!req.headers['content-type']?.toLowerCase().startsWith(FORM_CONTENT_TYPE)) return body;
  const text = (body as Record<string, string> | undefined)?.draft;
  if (text === undefined) throw validationError([{ path: ['draft'], message: 'is required' }]);
  let draft: unknown;
  try {
    draft = JSON.parse(text);
  } catch {
    throw validationError([{ path: ['draft'], message: 'must be the settings as JSON' }]);
  }
  // The body guard saw only the JSON text: the same boundary rules for what it decoded to.
  const unsafe = findUnsafeInput(draft, ['draft']);
  if (unsafe) throw validationError([unsafe]);
  return draft;
}

/**
 * The page's own headers, but framable by this origin only (the staff app under /app), never
 * stored, never indexed. Links open in a new tab: a page of the site would refuse to be framed.
 */
function sendFramedPreview(reply: FastifyReply, page: RenderedPage) {
  const csp = page.csp.replace("frame-ancestors 'none'", "frame-ancestors 'self'");
  if (csp === page.csp) throw new Error('the page CSP no longer names frame-ancestors');
  const html = page.html.toString('utf8').replace('</head>', '<base target="_blank"></head>');
  return reply
    .headers({
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': csp,
      'x-frame-options': 'SAMEORIGIN',
      'cache-control': 'no-store',
      'referrer-policy': 'same-origin',
      'x-robots-tag': 'noindex',
    })
    .send(html);
}

/** `?lang=` on the preview's address: the language to show the draft in (else its default). */
function queryLang(req: FastifyRequest): string | undefined {
  const lang = (req.query as Record<string, unknown> | undefined)?.lang;
  return typeof lang === 'string' ? lang : undefined;
}

/**
 * `POST /api/v1/staff/landing/preview`: the school's landing page rendered from unsaved settings
 * (`updateSettings`' input, validated by its schema), for the landing editor's preview frames.
 */
export function registerLandingPreviewRoute(app: FastifyInstance, container: Container): void {
  void app.register(async (scope) => {
    scope.addContentTypeParser(FORM_CONTENT_TYPE, FORM_OPTIONS, parseFormBody);
    scope.post(LANDING_PREVIEW_PATH, async (req, reply) => {
      const membership = await schoolAdmin(container, req);
      const draft = parseOrThrow(updateSettingsInput, draftOf(req));
      const page = await renderLandingDraft(
        { env: container.env, publicCatalog: container.publicCatalog },
        { tenantId: membership.tenantId, tenantSlug: membership.tenantSlug, draft, lang: queryLang(req) },
      );
      return sendFramedPreview(reply, page);
    });
  });
}

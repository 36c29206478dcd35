import type { z } from 'zod';
import type { Env } from '../../env.ts';
import { tenantPublicUrl } from '../../lib/public-urls.ts';
import type { updateSettingsInput } from '../landing/procedures/update-settings.schema.ts';
import type { PublicLanding } from '../public/public.schemas.ts';
import type { PublicService } from '../public/public.service.ts';
import { landingModel } from './landing-model.ts';
import { renderLandingPage } from './landing-render.ts';
import type { RenderedPage } from './layout.ts';

/** Unsaved landing settings: what `updateSettings` would take, checked by its own schema. */
export type LandingDraft = z.output<typeof updateSettingsInput>;

export interface LandingDraftDeps {
  env: Pick<Env, 'BOOKING_DOMAIN' | 'PUBLIC_BASE_URL'>;
  publicCatalog: Pick<PublicService, 'previewLanding'>;
}

/**
 * The tenant's landing page as it would look with `draft` saved: the saved page and the tenant's
 * own live workshops (the builder the public page uses, for this tenant only), the draft laid over
 * the settings, drawn by the same templates. Nothing is written. The preview notice shows only
 * while the page is unpublished, as on the page itself.
 */
export async function renderLandingDraft(
  deps: LandingDraftDeps,
  input: { tenantId: number; tenantSlug: string; draft: LandingDraft },
): Promise<RenderedPage> {
  const saved = await deps.publicCatalog.previewLanding(input.tenantSlug, (id) => id === input.tenantId);
  const view = withDraft(saved.view, input.draft);
  return renderLandingPage(
    landingModel(view, saved.extras, {
      homeUrl: tenantPublicUrl(deps.env, saved.extras.tenantSlug),
      preview: !saved.isPublished,
      publicBaseUrl: deps.env.PUBLIC_BASE_URL,
    }),
  );
}

/**
 * The landing answer with the draft's fields in place of the saved ones (a field left out keeps
 * its saved value, null clears it, as `updateSettings` does). A workshop of the owner shows the
 * page's teacher avatar when the teacher has none of their own: that one follows the draft too.
 */
export function withDraft(view: PublicLanding, draft: LandingDraft): PublicLanding {
  const { logoUrl, socialLinks, ...fields } = draft;
  const settings = { ...view.settings };
  for (const [key, value] of Object.entries(fields) as Array<[keyof typeof fields, unknown]>) {
    if (value !== undefined) (settings as Record<string, unknown>)[key] = value;
  }
  if (socialLinks !== undefined) settings.socialLinks = { ...socialLinks } as Record<string, string>;
  const oldAvatar = view.settings.teacherAvatarUrl;
  const newAvatar = settings.teacherAvatarUrl;
  return {
    tenant: { ...view.tenant, ...(logoUrl !== undefined ? { logoUrl } : {}) },
    settings,
    workshops:
      oldAvatar !== null && oldAvatar !== newAvatar
        ? view.workshops.map((w) =>
            w.teacher.avatarUrl === oldAvatar ? { ...w, teacher: { ...w.teacher, avatarUrl: newAvatar } } : w,
          )
        : view.workshops,
  };
}

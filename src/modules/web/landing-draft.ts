import type { z } from 'zod';
import type { Env } from '../../env.ts';
import { DEFAULT_LOCALE, toLocale } from '../../lib/i18n/locales.schema.ts';
import { offeredLanguages } from '../../lib/i18n/negotiate.ts';
import { translator } from '../../lib/i18n/translator.ts';
import { tenantPublicUrl } from '../../lib/public-urls.ts';
import type { updateSettingsInput } from '../landing/procedures/update-settings.schema.ts';
import type { PublicLanding } from '../public/public.schemas.ts';
import type { LandingExtras, PublicService } from '../public/public.service.ts';
import { landingModel } from './landing-model.ts';
import { renderLandingPage } from './landing-render.ts';
import type { RenderedPage } from './layout.ts';
import type { PageLanguage } from './page-language.ts';

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
  input: { tenantId: number; tenantSlug: string; draft: LandingDraft; lang?: string | undefined },
): Promise<RenderedPage> {
  const saved = await deps.publicCatalog.previewLanding(input.tenantSlug, (id) => id === input.tenantId);
  const view = withDraft(saved.view, input.draft);
  return renderLandingPage(
    landingModel(view, saved.extras, {
      homeUrl: tenantPublicUrl(deps.env, saved.extras.tenantSlug),
      preview: !saved.isPublished,
      publicBaseUrl: deps.env.PUBLIC_BASE_URL,
      language: draftLanguage(saved.extras, input.draft, input.lang),
    }),
  );
}

/**
 * The preview's language: `lang` when the draft offers it, else the draft's default, so the editor
 * shows what a visitor without a preference of their own sees (the admin's browser language has
 * no say here, or changing the default would seem to do nothing).
 */
export function draftLanguage(saved: LandingExtras, draft: LandingDraft, lang?: string): PageLanguage {
  const schoolDefault = draft.defaultLanguage ?? toLocale(saved.defaultLanguage) ?? DEFAULT_LOCALE;
  const offered = offeredLanguages(draft.languages !== undefined ? draft.languages : saved.pageLanguages);
  if (!offered.includes(schoolDefault)) offered.unshift(schoolDefault);
  const asked = toLocale(lang);
  const locale = asked && offered.includes(asked) ? asked : schoolDefault;
  return {
    tr: translator(locale),
    locale,
    source: locale === asked ? 'query' : 'default',
    offered,
    schoolDefault,
  };
}

/**
 * The landing answer with the draft's fields in place of the saved ones (a field left out keeps
 * its saved value, null clears it, as `updateSettings` does). A workshop of the owner shows the
 * page's teacher avatar when the teacher has none of their own: that one follows the draft too.
 */
export function withDraft(view: PublicLanding, draft: LandingDraft): PublicLanding {
  // The languages are the school's, not the page's settings: draftLanguage applies them.
  const { logoUrl, socialLinks, defaultLanguage: _default, languages: _languages, ...fields } = draft;
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

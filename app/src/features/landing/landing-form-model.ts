import type { z } from 'zod';
import { LOCALES, type Locale } from '../../../../src/lib/i18n/locales.schema.ts';
import type { getSettingsOutput } from '../../../../src/modules/landing/procedures/get-settings.schema.ts';
import {
  TEMPLATES,
  updateSettingsInput,
} from '../../../../src/modules/landing/procedures/update-settings.schema.ts';
import type { AppMessageKey, MessageValues } from '../../lib/i18n/i18n.tsx';

// The landing editor's values (what the inputs hold) and their conversion to `updateSettings`'
// input, which the procedure's own zod schema validates: in the browser before a save or a
// preview, and again on the server.

export { TEMPLATES, updateSettingsInput };
export type TemplateId = (typeof TEMPLATES)[number];
export type LandingSettings = z.output<typeof getSettingsOutput>;
export type LandingUpdate = z.input<typeof updateSettingsInput>;

export const SOCIAL_NETWORKS = ['facebook', 'instagram', 'youtube', 'tiktok'] as const;
export type SocialNetwork = (typeof SOCIAL_NETWORKS)[number];

export const SOCIAL_LABELS: Record<SocialNetwork, string> = {
  facebook: 'Facebook',
  instagram: 'Instagram',
  youtube: 'YouTube',
  tiktok: 'TikTok',
};

/** What each template is for, in the words of the picker (message keys). */
export const TEMPLATE_INFO: Record<TemplateId, { name: AppMessageKey; description: AppMessageKey }> = {
  education: {
    name: 'app.landing.template.education.name',
    description: 'app.landing.template.education.description',
  },
  tutor_personal: {
    name: 'app.landing.template.tutorPersonal.name',
    description: 'app.landing.template.tutorPersonal.description',
  },
  center_small: {
    name: 'app.landing.template.centerSmall.name',
    description: 'app.landing.template.centerSmall.description',
  },
  kids_1: { name: 'app.landing.template.kids1.name', description: 'app.landing.template.kids1.description' },
  kids_2: { name: 'app.landing.template.kids2.name', description: 'app.landing.template.kids2.description' },
};

/** The images uploadAsset sets, by the setting each one fills (`app.landing.image.*` select on the type). */
export const IMAGE_FIELDS = [
  { field: 'logoUrl', assetType: 'logo' },
  { field: 'heroImageUrl', assetType: 'hero' },
  { field: 'teacherAvatarUrl', assetType: 'teacher_avatar' },
] as const;
export type ImageField = (typeof IMAGE_FIELDS)[number]['field'];
export type AssetType = (typeof IMAGE_FIELDS)[number]['assetType'];

export interface LandingFormValues {
  templateId: TemplateId;
  primaryColor: string;
  /** Empty: no secondary colour (the page uses the primary one). */
  secondaryColor: string;
  logoUrl: string;
  heroImageUrl: string;
  teacherAvatarUrl: string;
  pageTitle: string;
  pageSubtitle: string;
  teacherBio: string;
  ctaText: string;
  metaTitle: string;
  metaDescription: string;
  social: Record<SocialNetwork, string>;
  /** The language the school's pages fall back to, and the ones they offer (ticked). */
  defaultLanguage: Locale;
  languages: Locale[];
}

function isTemplate(id: string): id is TemplateId {
  return (TEMPLATES as readonly string[]).includes(id);
}

export function settingsToValues(s: LandingSettings): LandingFormValues {
  return {
    templateId: isTemplate(s.templateId) ? s.templateId : 'education',
    primaryColor: s.primaryColor,
    secondaryColor: s.secondaryColor ?? '',
    logoUrl: s.logoUrl ?? '',
    heroImageUrl: s.heroImageUrl ?? '',
    teacherAvatarUrl: s.teacherAvatarUrl ?? '',
    pageTitle: s.pageTitle,
    pageSubtitle: s.pageSubtitle ?? '',
    teacherBio: s.teacherBio ?? '',
    ctaText: s.ctaText,
    metaTitle: s.metaTitle ?? '',
    metaDescription: s.metaDescription ?? '',
    social: Object.fromEntries(SOCIAL_NETWORKS.map((n) => [n, s.socialLinks[n] ?? ''])) as Record<
      SocialNetwork,
      string
    >,
    defaultLanguage: s.defaultLanguage,
    languages: [...s.languages],
  };
}

/** An optional text: empty (or only spaces) clears it. */
const orNull = (text: string) => (text.trim() === '' ? null : text);

/**
 * Every setting, always: the editor shows them all, so a save (or a preview) says the whole page.
 * Social links left empty are left out, which removes them.
 */
export function toUpdateInput(v: LandingFormValues): LandingUpdate {
  return {
    templateId: v.templateId,
    primaryColor: v.primaryColor.trim(),
    secondaryColor: orNull(v.secondaryColor.trim()),
    logoUrl: orNull(v.logoUrl.trim()),
    heroImageUrl: orNull(v.heroImageUrl.trim()),
    teacherAvatarUrl: orNull(v.teacherAvatarUrl.trim()),
    pageTitle: v.pageTitle,
    pageSubtitle: orNull(v.pageSubtitle),
    teacherBio: orNull(v.teacherBio),
    ctaText: v.ctaText,
    metaTitle: orNull(v.metaTitle),
    metaDescription: orNull(v.metaDescription),
    socialLinks: Object.fromEntries(
      SOCIAL_NETWORKS.flatMap((n) => (v.social[n].trim() ? [[n, v.social[n].trim()]] : [])),
    ),
    defaultLanguage: v.defaultLanguage,
    // Every language ticked is "all of them", so languages added later are offered too.
    languages: LOCALES.every((locale) => v.languages.includes(locale)) ? null : v.languages,
  };
}

/** What the form calls each setting (message keys), for messages about them. */
const FIELD_LABELS: Record<string, AppMessageKey> = {
  templateId: 'app.landing.editor.templateTitle',
  primaryColor: 'app.landing.colours.primary',
  secondaryColor: 'app.landing.colours.secondary',
  pageTitle: 'app.landing.editor.headline',
  pageSubtitle: 'app.landing.editor.subtitle',
  teacherBio: 'app.landing.editor.about',
  ctaText: 'app.landing.editor.buttonText',
  metaTitle: 'app.landing.editor.metaTitle',
  metaDescription: 'app.landing.editor.metaDescription',
  socialLinks: 'app.landing.editor.socialTitle',
  defaultLanguage: 'app.landing.languages.default',
  languages: 'app.landing.languages.offered',
};

/** The label of the setting at an input path ("A value" for one the form does not name). */
export function fieldLabel(path: string, t: (key: AppMessageKey, values?: MessageValues) => string): string {
  const image = IMAGE_FIELDS.find((i) => i.field === path);
  if (image) return t('app.landing.image.address', { image: image.assetType });
  const [head, network] = path.split('.');
  if (head === 'socialLinks' && network && network in SOCIAL_LABELS) {
    return SOCIAL_LABELS[network as SocialNetwork];
  }
  return t(FIELD_LABELS[path] ?? 'app.landing.field.aValue');
}

/** The form field showing an issue of `updateSettings`' input (`socialLinks.x` → `social.x`). */
export function landingFieldForPath(path: string): string | undefined {
  const [head, network] = path.split('.');
  if (head === 'socialLinks') {
    return network && (SOCIAL_NETWORKS as readonly string[]).includes(network)
      ? `social.${network}`
      : undefined;
  }
  return head && head in FORM_FIELDS ? head : undefined;
}

const FORM_FIELDS: Record<Exclude<keyof LandingFormValues, 'social'>, true> = {
  templateId: true,
  primaryColor: true,
  secondaryColor: true,
  logoUrl: true,
  heroImageUrl: true,
  teacherAvatarUrl: true,
  pageTitle: true,
  pageSubtitle: true,
  teacherBio: true,
  ctaText: true,
  metaTitle: true,
  metaDescription: true,
  defaultLanguage: true,
  languages: true,
};

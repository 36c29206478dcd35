import { z } from 'zod';
import { LOCALES } from '../../../lib/i18n/locales.schema.ts';

export const getSettingsInput = z.object({}).optional();

export const socialLinksOutput = z.object({
  facebook: z.string().optional(),
  instagram: z.string().optional(),
  youtube: z.string().optional(),
  tiktok: z.string().optional(),
});

export const getSettingsOutput = z.object({
  id: z.number(),
  templateId: z.string(),
  primaryColor: z.string(),
  secondaryColor: z.string().nullable(),
  logoUrl: z.string().nullable(),
  heroImageUrl: z.string().nullable(),
  pageTitle: z.string(),
  pageSubtitle: z.string().nullable(),
  teacherBio: z.string().nullable(),
  teacherAvatarUrl: z.string().nullable(),
  socialLinks: socialLinksOutput,
  ctaText: z.string(),
  metaTitle: z.string().nullable(),
  metaDescription: z.string().nullable(),
  isPublished: z.boolean(),
  publicUrl: z.string().nullable(),
  updatedAt: z.date(),
  /** The pages' fallback language, and every language they offer (all of them unless narrowed). */
  defaultLanguage: z.enum(LOCALES),
  languages: z.array(z.enum(LOCALES)),
  /** The sites allowed to embed the pages (issue 20); empty: none, every page refuses frames. */
  embedOrigins: z.array(z.string()),
});

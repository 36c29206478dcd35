import { z } from 'zod';
import { LOCALES } from '../../../lib/i18n/locales.schema.ts';

export const TEMPLATES = ['education', 'tutor_personal', 'center_small', 'kids_1', 'kids_2'] as const;

/** A language the pages are offered in (issue 18). */
export const pageLocale = z.enum(LOCALES);

const color = z.string().regex(/^#[0-9A-Fa-f]{6}$/, 'must be a colour like #0066FF');
// Only web addresses: a javascript: or data: URL in a link or image would run or embed anything.
const webUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2048);

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * A site allowed to frame the school's pages (issue 20): an exact origin, https, or http on this
 * computer for a school trying it out. Written as the browser will send it (`URL.origin`), so the
 * page's `frame-ancestors` and the frame's `postMessage` check compare like with like.
 */
export const embedOrigin = z
  .string()
  .trim()
  .max(255)
  .transform((value, ctx) => {
    const url = URL.parse(value);
    const fail = (message: string) => {
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    };
    if (!url) return fail('must be a web address like https://www.myschool.edu');
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname))) {
      return fail('must start with https:// (http:// only for localhost)');
    }
    // A name, not a pattern: `frame-ancestors` would read `*.` as every subdomain.
    if (!/^([a-z0-9-]+\.)*[a-z0-9-]+$|^\[[0-9a-f:.]+\]$/.test(url.hostname)) {
      return fail('must be a web address like https://www.myschool.edu');
    }
    if (url.pathname !== '/' || url.search || url.hash || url.username || url.password) {
      return fail('must be the site only, without a path, like https://www.myschool.edu');
    }
    return url.origin;
  });

export const embedOrigins = z
  .array(embedOrigin)
  .max(10, 'at most 10 sites')
  .refine((list) => new Set(list).size === list.length, 'must not name a site twice');

export const updateSettingsInput = z
  .object({
    templateId: z.enum(TEMPLATES).optional(),
    primaryColor: color.optional(),
    secondaryColor: color.nullable().optional(),
    logoUrl: webUrl.nullable().optional(),
    heroImageUrl: webUrl.nullable().optional(),
    pageTitle: z.string().trim().min(1).max(100).optional(),
    pageSubtitle: z.string().max(300).nullable().optional(),
    teacherBio: z.string().max(1000).nullable().optional(),
    teacherAvatarUrl: webUrl.nullable().optional(),
    socialLinks: z
      .object({
        facebook: webUrl.optional(),
        instagram: webUrl.optional(),
        youtube: webUrl.optional(),
        tiktok: webUrl.optional(),
      })
      .strict()
      .optional(),
    ctaText: z.string().trim().min(1).max(50).optional(),
    metaTitle: z.string().max(60).nullable().optional(),
    metaDescription: z.string().max(160).nullable().optional(),
    /** The language the school's pages fall back to; must be among `languages` (issue 18). */
    defaultLanguage: pageLocale.optional(),
    /** The languages the pages offer; null offers every supported one, including ones added later. */
    languages: z
      .array(pageLocale)
      .min(1, 'choose at least one language')
      .refine((list) => new Set(list).size === list.length, 'must not name a language twice')
      .nullable()
      .optional(),
    /** The sites that may show the booking pages in a frame through embed.js (issue 20). */
    embedOrigins: embedOrigins.optional(),
  })
  .superRefine((input, ctx) => {
    // When both come together the check needs nothing stored; the use case checks the merged values.
    if (input.defaultLanguage && input.languages && !input.languages.includes(input.defaultLanguage)) {
      ctx.addIssue({
        code: 'custom',
        path: ['defaultLanguage'],
        message: 'must be one of the offered languages',
      });
    }
  });

export const updateSettingsOutput = z.object({ success: z.boolean(), updatedAt: z.date() });

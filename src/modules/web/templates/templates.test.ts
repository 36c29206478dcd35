import { describe, expect, it } from 'vitest';
import { CATALOGUES, ENGLISH } from '../../../lib/i18n/catalogues.ts';
import { LOCALES } from '../../../lib/i18n/locales.schema.ts';
import { translator } from '../../../lib/i18n/translator.ts';
import type { PublicLanding } from '../../public/public.schemas.ts';
import type { LandingExtras } from '../../public/public.service.ts';
import { landingModel, TEMPLATE_IDS, type TemplateId } from '../landing-model.ts';
import { renderLandingPage } from '../landing-render.ts';
import { contrastRatio } from '../theme.ts';
import { BASE_PALETTE } from './base-css.ts';
import { LANDING_TEMPLATES } from './index.ts';
import { isUploadUrl } from './parts.ts';

const XSS = '<script>alert(1)</script>"><img src=x onerror=alert(2)>';

function view(templateId: TemplateId, workshops = 2): PublicLanding {
  return {
    tenant: { name: `School ${XSS}`, logoUrl: 'https://cdn.example.test/logo.png' },
    settings: {
      templateId,
      primaryColor: '#0066FF',
      secondaryColor: '#ff7a00',
      heroImageUrl: 'https://cdn.example.test/hero.png',
      pageTitle: `Title ${XSS}`,
      pageSubtitle: `Subtitle ${XSS}`,
      teacherBio: `Bio ${XSS}\nsecond line`,
      teacherAvatarUrl: 'https://cdn.example.test/avatar.png',
      socialLinks: { instagram: 'https://instagram.com/school', facebook: 'javascript:alert(3)' },
      ctaText: `Go ${XSS}`,
      metaTitle: null,
      metaDescription: null,
    },
    workshops: Array.from({ length: workshops }, (_, i) => ({
      id: i + 1,
      title: `Class ${i} ${XSS}`,
      slug: `class-${i}`,
      description: `About ${XSS}`,
      duration: 60,
      price: i === 0 ? 0 : 1500,
      currency: 'USD',
      availableSeats: i,
      teacher: { name: `Teacher ${XSS}`, avatarUrl: null },
      nextOccurrence: '2030-01-07T17:00:00.000Z',
      bookingMode: 'fixed' as const,
      bookingUrl: `https://school.example.test/teacher/class-${i}`,
    })),
  };
}

const extras: LandingExtras = {
  tenantSlug: 'school',
  embedOrigins: [],
  timeZone: 'Europe/Berlin',
  modes: { 1: ['online'], 2: ['online', 'onsite'] },
  defaultLanguage: 'en',
  pageLanguages: null,
};

function html(templateId: TemplateId, workshops = 2): string {
  const model = landingModel(view(templateId, workshops), extras, {
    homeUrl: 'https://school.example.test',
    preview: false,
  });
  return renderLandingPage(model).html.toString();
}

describe('landing templates', () => {
  it('every fixed colour pair reaches 4.5:1', () => {
    const pairs = [...BASE_PALETTE, ...Object.values(LANDING_TEMPLATES).flatMap((t) => t.palette)];
    for (const [text, background] of pairs) {
      expect(contrastRatio(text, background), `${text} on ${background}`).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('load nothing from elsewhere: no @import, no url(), system fonts only', () => {
    for (const template of Object.values(LANDING_TEMPLATES)) {
      expect(template.css).not.toMatch(/@import|url\(|@font-face/);
    }
  });

  it.each(TEMPLATE_IDS)('%s: one h1, landmarks, skip link, escaped text, its own markup', (id) => {
    const page = html(id);
    expect(page.match(/<h1[ >]/g)).toHaveLength(1);
    for (const part of [
      '<header',
      '<main id="main">',
      '<footer',
      'href="#main"',
      'id="workshops"',
      `class="tpl-${id}"`,
    ]) {
      expect(page).toContain(part);
    }
    expect(page).not.toContain('<script>alert');
    expect(page).not.toMatch(/<img src=x/);
    expect(page).not.toContain('javascript:');
    expect(page).toContain(
      '&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(2)&gt;',
    );
    // Attributes of the real tags (quoted values blanked): no inline style or event handler.
    const tags = [...page.matchAll(/<[^>]*>/g)].map((m) => m[0].replace(/"[^"]*"/g, '""')).join('\n');
    expect(tags).not.toMatch(/\sstyle=/i);
    expect(tags).not.toMatch(/\son[a-z]+=/i);
    expect(page).toContain('aria-label="View dates and book: Class 1 ');
    expect(page).toContain(
      '<time datetime="2030-01-07T17:00:00.000Z" data-local="datetime">Mon, Jan 7, 2030, 06:00 PM (Europe/Berlin)</time>',
    );
    expect(page).toContain('Fully booked');
    expect(page).toContain('1 seat left');
  });

  it('the five differ in structure', () => {
    const markers: Record<TemplateId, string> = {
      education: 'class="cards"',
      tutor_personal: 'class="tp-list"',
      center_small: 'class="cs-rows"',
      kids_1: 'class="k1-cards"',
      kids_2: 'class="k2-list"',
    };
    for (const id of TEMPLATE_IDS) {
      const page = html(id);
      for (const [other, marker] of Object.entries(markers)) {
        if (other === id) expect(page).toContain(marker);
        else expect(page).not.toContain(marker);
      }
    }
  });

  it.each(TEMPLATE_IDS)('%s: an empty state without workshops', (id) => {
    const page = html(id, 0);
    expect(page).toContain('class="empty"');
    expect(page).not.toContain('View dates and book');
  });

  describe('in every language', () => {
    // The English of the landing messages, cut at placeholders, that the language does not share.
    function englishPieces(locale: (typeof LOCALES)[number]): string[] {
      const pieces = new Set<string>();
      for (const [key, value] of Object.entries(ENGLISH)) {
        if (!key.startsWith('landing.') || CATALOGUES[locale][key as keyof typeof ENGLISH] === value)
          continue;
        const literal = value
          .replace(/\{\w+\}/g, '\u0000')
          .replace(/\b(?:one|other)\s*\{([^{}]*)\}/g, '\u0000$1\u0000')
          .replace(/\{\w+, plural,|\}|#/g, '\u0000');
        for (const piece of literal.split('\u0000')) {
          const text = piece.replace(/^[\s·:—–,.!?]+|[\s·:—–,.!?]+$/g, '');
          if (text.split(/\s+/).length >= 2 && text.length >= 8) pieces.add(text);
        }
      }
      return [...pieces];
    }

    it.each(LOCALES.filter((l) => l !== 'en'))(
      '%s: every template, with and without classes, has no English left',
      (locale) => {
        const language = {
          tr: translator(locale),
          locale,
          source: 'query' as const,
          offered: [...LOCALES],
          schoolDefault: 'en' as const,
        };
        const pieces = englishPieces(locale);
        for (const id of TEMPLATE_IDS) {
          for (const count of [0, 2]) {
            const v = view(id, count);
            v.settings.ctaText = 'Book Now';
            const page = renderLandingPage(
              landingModel(v, extras, { homeUrl: 'https://school.example.test', preview: true, language }),
            ).html.toString();
            expect(page).toContain(`<html lang="${locale}"`);
            for (const piece of pieces) expect(page, `${id} ${piece}`).not.toContain(piece);
          }
        }
      },
    );
  });

  describe('uploaded images in several widths', () => {
    const BASE = 'https://booking.example.test';
    const HERO = `${BASE}/uploads/${'a'.repeat(32)}.jpg`;
    const AVATAR = `${BASE}/uploads/${'b'.repeat(32)}.webp`;

    function withUploads(templateId: TemplateId): string {
      const v = view(templateId);
      v.settings.heroImageUrl = HERO;
      v.settings.teacherAvatarUrl = AVATAR;
      const model = landingModel(v, extras, {
        homeUrl: 'https://school.example.test',
        preview: false,
        publicBaseUrl: BASE,
      });
      return renderLandingPage(model).html.toString();
    }

    it.each(TEMPLATE_IDS)('%s: an upload gets srcset and sizes, the preload fetches its src', (id) => {
      const page = withUploads(id);
      const hero = page.match(/<img class="hero-img[^>]*>/)![0];
      expect(hero).toContain(`src="${HERO}?w=960"`);
      expect(hero).toContain(
        `srcset="${[320, 640, 960, 1280, 1920].map((w) => `${HERO}?w=${w} ${w}w`).join(', ')}"`,
      );
      expect(hero).toMatch(/ sizes="[^"]*100vw"/);
      expect(hero).toContain('width="1600" height="900" fetchpriority="high"');
      expect(page).toContain(
        `<link rel="preload" as="image" href="${HERO}?w=960" fetchpriority="high" media="(max-width: 40rem)">`,
      );
      const avatar = page.match(/<img [^>]*alt="[^"]*teacher at[^>]*>/)![0];
      expect(avatar).toContain(`src="${AVATAR}?w=320"`);
      expect(avatar).toContain(`srcset="${AVATAR}?w=320 320w, ${AVATAR}?w=640 640w"`);
      expect(avatar).toMatch(/ sizes="[^"]*rem"/);
      // The logo is on another host: used as it is.
      const logo = page.match(/<img class="logo"[^>]*>/)![0];
      expect(logo).toBe(
        '<img class="logo" src="https://cdn.example.test/logo.png" alt="School &lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(2)&gt;" width="160" height="40">',
      );
    });

    it('an external image gets no srcset, and the preload is the image itself', () => {
      const page = html('education');
      expect(page).not.toContain('srcset');
      expect(page).toContain(
        '<img class="hero-img edu-hero-img" src="https://cdn.example.test/hero.png" alt=""',
      );
      expect(page).toContain('<link rel="preload" as="image" href="https://cdn.example.test/hero.png"');
    });

    it('the tutor page preloads the portrait variant when there is no hero', () => {
      const v = view('tutor_personal');
      v.settings.heroImageUrl = null;
      v.settings.teacherAvatarUrl = AVATAR;
      const model = landingModel(v, extras, {
        homeUrl: 'https://s.example.test',
        preview: false,
        publicBaseUrl: BASE,
      });
      const page = renderLandingPage(model).html.toString();
      expect(page).toContain(`<link rel="preload" as="image" href="${AVATAR}?w=320"`);
      expect(page).toMatch(/<img class="tp-portrait" src="[^"]*\?w=320" srcset=/);
    });

    it('only our own upload URLs count', () => {
      const id = 'c'.repeat(32);
      expect(isUploadUrl(`/uploads/${id}.png`, null)).toBe(true);
      expect(isUploadUrl(`${BASE}/uploads/${id}.gif`, BASE)).toBe(true);
      expect(
        isUploadUrl(`https://base.example.test/app/uploads/${id}.jpg`, 'https://base.example.test/app'),
      ).toBe(true);
      for (const url of [
        `https://cdn.example.test/uploads/${id}.png`,
        `http://booking.example.test/uploads/${id}.png`,
        `${BASE}/uploads/${id}.png?w=640`,
        `${BASE}/uploads/${id}.svg`,
        `${BASE}/uploads/x${id}.png`,
        `${BASE}/other/uploads/${id}.png`,
        `/uploads/${id}.png#x`,
      ]) {
        expect(isUploadUrl(url, BASE), url).toBe(false);
      }
    });
  });
});

import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUES, ENGLISH } from '../../src/lib/i18n/catalogues.ts';
import { LOCALE_NAMES, LOCALES, type Locale } from '../../src/lib/i18n/locales.schema.ts';
import { createTenant, type TenantFixture, useTestApp } from '../support/app.ts';
import { book, bookingRequest, createWorkshop, manageParts } from '../support/bookings.ts';
import { enrol } from '../support/enrolments.ts';
import { buyPass, createPass } from '../support/passes.ts';
import { fullWorkshop, joined } from '../support/waitlist.ts';

// Issue 18's cross-language check: every public page rendered in every language through `?lang=`,
// with the right <html lang>, hreflang alternates on the indexable pages, and no English catalogue
// message left in a translated page. The school's own texts are written so that none of them reads
// like an English message ("Taller Zeta"), so any English found is the service's own.

const app = useTestApp({ env: { HOLD_SWEEP_MS: '3600000' } });

const TEMPLATES = ['education', 'tutor_personal', 'center_small', 'kids_1', 'kids_2'] as const;
const SCHOOL_TEXT = {
  title: 'Taller Zeta',
  description: 'Zeta zeta, conversación y práctica',
};

/** Pages whose translation is not done yet: their non-English cases are expected to fail (see the report). */
const NOT_YET_TRANSLATED = new Set<PageName>([]);

type PageName =
  | 'landing'
  | 'workshop (free)'
  | 'workshop (paid)'
  | 'workshop (full, waitlist form)'
  | 'manage page'
  | 'enrolment page'
  | 'waitlist page'
  | 'passes page'
  | 'pass page';

interface PublicPage {
  name: PageName;
  path: string;
  /** Indexable pages carry hreflang alternates; the secret-link pages are noindex. */
  indexable: boolean;
}

let pages: PublicPage[] = [];
let school: TenantFixture;

/** English catalogue messages a translated page must not contain (per language). */
function englishLeftoversFor(locale: Locale): string[] {
  const translated = CATALOGUES[locale];
  return Object.entries(ENGLISH)
    .filter(([key, english]) => {
      if (english.includes('{')) return false; // placeholders: the words around them vary
      if (english.length < 12) return false; // short words ("Free", "Email") may be names or loans
      return translated[key as keyof typeof translated] !== english;
    })
    .map(([, english]) => normalise(english.replace(/''/g, "'")));
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  rsquo: '’',
  lsquo: '‘',
  hellip: '…',
  mdash: '—',
  ndash: '–',
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X'))
      return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

function normalise(text: string): string {
  return text.replace(/[\s\u00a0\u202f]+/g, ' ').trim();
}

/**
 * What a reader sees or hears, piece by piece: each text between tags (scripts and styles
 * dropped) and each attribute read out or shown (aria-label, alt, title, placeholder, button values).
 */
function visibleChunks(html: string): string[] {
  const withoutCode = html
    .replace(/<script[\s\S]*?<\/script>/gi, ' ')
    .replace(/<style[\s\S]*?<\/style>/gi, ' ');
  const attributes = [
    ...withoutCode.matchAll(/\s(?:aria-label|alt|title|placeholder)="([^"]*)"/gi),
    ...withoutCode.matchAll(/<input[^>]*type="(?:submit|button)"[^>]*value="([^"]*)"/gi),
  ].map((m) => m[1] ?? '');
  const texts = withoutCode.split(/<[^>]*>/);
  return [...texts, ...attributes].map((chunk) => normalise(decodeEntities(chunk))).filter(Boolean);
}

function visibleText(html: string): string {
  return visibleChunks(html).join(' ');
}

/**
 * The English page's own sentences (not the school's: its texts all say "Zeta"; not addresses,
 * ids or language names) that the translated page shows word for word: text written in English
 * outside the catalogues, which the catalogue check cannot see.
 */
function untranslatedSentences(englishHtml: string, translatedHtml: string): string[] {
  const translated = new Set(visibleChunks(translatedHtml));
  const languageNames = new Set<string>(Object.values(LOCALE_NAMES));
  return [...new Set(visibleChunks(englishHtml))].filter(
    (chunk) =>
      chunk.length >= 12 &&
      (chunk.match(/\b[A-Za-z]{3,}\b/g) ?? []).length >= 2 &&
      !/zeta|@|_|Owner|:\/\//i.test(chunk) &&
      !/\b[A-Z][A-Za-z]+\/[A-Z]/.test(chunk) && // a time zone's IANA name (Europe/Berlin)
      !languageNames.has(chunk) &&
      translated.has(chunk),
  );
}

/** An English date ("Monday", "Mon, 14 Dec 2026"): dates must be written in the page's language. */
const ENGLISH_DATE =
  /\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)(?:day|sday|nesday|rsday|urday)?\b|\b\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* \d{4}\b/;

/** The first English date in `text`, with a few words around it to find it by. */
function englishDate(text: string): string | undefined {
  const found = ENGLISH_DATE.exec(text);
  return found ? text.slice(Math.max(0, found.index - 20), found.index + 40) : undefined;
}

async function render(path: string, locale: Locale) {
  const url = new URL(path, app.baseUrl);
  url.searchParams.set('lang', locale);
  const response = await fetch(url, { redirect: 'manual' });
  return { status: response.status, html: await response.text() };
}

beforeAll(async () => {
  school = await createTenant(app, { plan: 'enterprise', name: 'Escola Zeta' });
  const t = school;
  await t.owner.client.immersio.tenant.updateStripeCredentials.mutate({
    stripeAccountId: `acct_${randomBytes(8).toString('hex')}`,
    stripePublishableKey: 'pk_test_emulator0123',
  });
  await t.owner.client.immersio.landing.updateSettings.mutate({
    pageTitle: 'Escola Zeta',
    pageSubtitle: 'Zeta zeta zeta',
    teacherBio: 'Zeta, professora de línguas',
    ctaText: 'Zeta ya',
    primaryColor: '#1A5FB4',
  });
  await t.owner.client.immersio.landing.publish.mutate({});

  const free = await createWorkshop(t, { ...SCHOOL_TEXT, recurrence: { frequency: 'weekly', count: 3 } });
  const paid = await createWorkshop(t, {
    title: 'Taller Zeta Plus',
    description: SCHOOL_TEXT.description,
    price: 2500,
    currency: 'EUR',
  });
  const { w: full } = await fullWorkshop(app, t, 1, {
    title: 'Taller Zeta Lleno',
    description: SCHOOL_TEXT.description,
  });

  const booked = await book(app, bookingRequest(t, free, 'zeta-booked@example.test'));
  expect(booked.status, JSON.stringify(booked.body)).toBe(201);
  const booking = manageParts(booked.body.manageUrl);

  const entry = await joined(app, t, full, 'zeta-waiting@example.test');

  const enrolled = await enrol(app, t, free.slug, 'zeta-enrolled@example.test');
  expect(enrolled.status, JSON.stringify(enrolled.body)).toBe(201);
  const enrolment = new URL(enrolled.body.manageUrl as string);

  const pass = await createPass(t, { name: 'Bono Zeta' });
  const bought = await buyPass(app, t, pass.id, 'zeta-pass@example.test');

  const workshopPath = (w: { slug: string }) => `/${t.slug}/owner/${w.slug}`;
  pages = [
    { name: 'landing', path: `/${t.slug}`, indexable: true },
    { name: 'workshop (free)', path: workshopPath(free), indexable: true },
    { name: 'workshop (paid)', path: workshopPath(paid), indexable: true },
    { name: 'workshop (full, waitlist form)', path: workshopPath(full), indexable: true },
    { name: 'manage page', path: `/bookings/${booking.uid}?token=${booking.token}`, indexable: false },
    { name: 'enrolment page', path: `${enrolment.pathname}${enrolment.search}`, indexable: false },
    {
      name: 'waitlist page',
      path: `/waitlist/${entry.uid}?token=${encodeURIComponent(entry.token)}`,
      indexable: false,
    },
    { name: 'passes page', path: `/${t.slug}/passes`, indexable: false },
    {
      name: 'pass page',
      path: `/passes/${bought.uid}?token=${encodeURIComponent(bought.token)}`,
      indexable: false,
    },
  ];
});

const PAGE_NAMES: PageName[] = [
  'landing',
  'workshop (free)',
  'workshop (paid)',
  'workshop (full, waitlist form)',
  'manage page',
  'enrolment page',
  'waitlist page',
  'passes page',
  'pass page',
];

async function checkPage(name: PageName, locale: Locale) {
  const page = pages.find((p) => p.name === name)!;
  const { status, html } = await render(page.path, locale);
  expect(status, `${name} in ${locale}`).toBe(200);
  expect(html).toContain(`<html lang="${locale}"`);
  if (page.indexable) {
    for (const alternate of [...LOCALES, 'x-default']) {
      expect(html, `${name}: hreflang ${alternate}`).toMatch(
        new RegExp(`<link rel="alternate" hreflang="${alternate}" href="[^"]+"`),
      );
    }
  }
  if (locale === 'en') return;
  const text = visibleText(html);
  const leftovers = englishLeftoversFor(locale).filter((english) => text.includes(english));
  expect(leftovers.join('\n'), `English catalogue text left in the ${name} in ${locale}`).toBe('');
  expect(englishDate(text), `an English date in the ${name} in ${locale}`).toBeUndefined();
  const english = await render(page.path, 'en');
  expect(
    untranslatedSentences(english.html, html).join('\n'),
    `English text left in the ${name} in ${locale}`,
  ).toBe('');
}

describe('every public page in every language', () => {
  for (const name of PAGE_NAMES) {
    describe(name, () => {
      for (const locale of LOCALES) {
        const expectedToFail = locale !== 'en' && NOT_YET_TRANSLATED.has(name);
        const test = expectedToFail ? it.fails : it;
        test(`${locale}${expectedToFail ? ' (not translated yet: expected to fail)' : ''}`, () =>
          checkPage(name, locale));
      }
    });
  }

  it('every landing template, in every language', async () => {
    const landing = pages.find((p) => p.name === 'landing')!;
    const problems: string[] = [];
    for (const templateId of TEMPLATES) {
      await school.owner.client.immersio.landing.updateSettings.mutate({ templateId });
      const english = await render(landing.path, 'en');
      for (const locale of LOCALES) {
        const { status, html } = locale === 'en' ? english : await render(landing.path, locale);
        if (status !== 200) problems.push(`${templateId} ${locale}: status ${status}`);
        if (!html.includes(`<html lang="${locale}"`)) problems.push(`${templateId} ${locale}: html lang`);
        if (locale === 'en') continue;
        const text = visibleText(html);
        const left = [
          ...englishLeftoversFor(locale).filter((e) => text.includes(e)),
          ...untranslatedSentences(english.html, html),
        ];
        const date = englishDate(text);
        if (date) left.push(`an English date: ${date}`);
        for (const sentence of new Set(left)) problems.push(`${templateId} ${locale}: "${sentence}"`);
      }
    }
    if (NOT_YET_TRANSLATED.has('landing')) {
      expect(problems.length, 'the landing page is marked not translated yet').toBeGreaterThan(0);
    } else {
      expect(problems).toEqual([]);
    }
  });

  it('the explicit choice is kept in the links: ?lang= on the language switcher', async () => {
    const landing = pages.find((p) => p.name === 'landing')!;
    const { html } = await render(landing.path, 'fr');
    for (const locale of LOCALES) {
      expect(html).toContain(`hreflang="${locale}" lang="${locale}"`);
    }
  });
});

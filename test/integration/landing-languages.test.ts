import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { workshops } from '../../src/db/schema/index.ts';
import { LOCALES } from '../../src/lib/i18n/locales.schema.ts';
import en from '../../src/lib/i18n/messages/en.json' with { type: 'json' };
import es from '../../src/lib/i18n/messages/es.json' with { type: 'json' };
import {
  addSignedInMember,
  createTenant,
  startTestApp,
  type TenantFixture,
  type TestApp,
  trpcError,
  useTestApp,
} from '../support/app.ts';
import { createWorkshop } from '../support/bookings.ts';
import { createTestDatabase } from '../support/db.ts';

// The school's languages (issue 18): set in the landing settings, and the landing page shown in
// the reader's language among them, with lang, canonical, hreflang and a cache per language.

const BOOKING_DOMAIN = 'booking.test';
const app = useTestApp({ env: { BOOKING_DOMAIN } });
const ALL = [...LOCALES];
const TEMPLATES = ['education', 'tutor_personal', 'center_small', 'kids_1', 'kids_2'] as const;

async function get(path: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${app.baseUrl}${path}`, { headers, redirect: 'manual' });
  return { status: response.status, headers: response.headers, html: await response.text() };
}

async function publishedSchool(settings: Record<string, unknown> = {}): Promise<TenantFixture> {
  const t = await createTenant(app, { name: 'Escuela Sol' });
  await t.owner.client.immersio.landing.updateSettings.mutate({
    pageTitle: 'Aprende con nosotros',
    ...settings,
  });
  await t.owner.client.immersio.landing.publish.mutate({});
  return t;
}

const langOf = (html: string) => html.match(/<html lang="([^"]+)"/)?.[1];
const canonicalOf = (html: string) => html.match(/<link rel="canonical" href="([^"]+)">/)?.[1];
const alternatesOf = (html: string) =>
  Object.fromEntries(
    [...html.matchAll(/<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">/g)].map((m) => [m[1], m[2]]),
  );

describe('the school’s languages in the landing settings', () => {
  it('round-trips the default and the offered languages; null offers every one again', async () => {
    const t = await createTenant(app);
    const settings = t.owner.client.immersio.landing;
    expect(await settings.getSettings.query({})).toMatchObject({ defaultLanguage: 'en', languages: ALL });
    await settings.updateSettings.mutate({ defaultLanguage: 'es', languages: ['fr', 'es'] });
    // Kept in the catalogue's order.
    expect(await settings.getSettings.query({})).toMatchObject({
      defaultLanguage: 'es',
      languages: ['es', 'fr'],
    });
    await settings.updateSettings.mutate({ defaultLanguage: 'fr' });
    expect(await settings.getSettings.query({})).toMatchObject({
      defaultLanguage: 'fr',
      languages: ['es', 'fr'],
    });
    await settings.updateSettings.mutate({ languages: null, ctaText: 'Reserva ya' });
    expect(await settings.getSettings.query({})).toMatchObject({
      defaultLanguage: 'fr',
      languages: ALL,
      ctaText: 'Reserva ya',
    });
  });

  it('refuses a default that is not offered, an empty or unknown list: 400 naming the field', async () => {
    const t = await createTenant(app, { name: 'Scuola Luna' });
    const settings = t.owner.client.immersio.landing;
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ defaultLanguage: 'xx' }, 'defaultLanguage'],
      [{ defaultLanguage: 'pt' }, 'defaultLanguage'],
      [{ languages: [] }, 'languages'],
      [{ languages: ['en', 'klingon'] }, 'languages'],
      [{ languages: ['en', 'en'] }, 'languages'],
      [{ defaultLanguage: 'de', languages: ['es', 'fr'] }, 'defaultLanguage'],
    ];
    for (const [input, field] of cases) {
      const error = await trpcError(settings.updateSettings.mutate(input as never));
      expect(error, JSON.stringify(input)).toMatchObject({ appCode: 'VALIDATION_ERROR', httpStatus: 400 });
      expect(error.message).toContain(field);
    }
    // Against what is stored: one field at a time.
    await settings.updateSettings.mutate({ defaultLanguage: 'es', languages: ['es', 'it'] });
    const notOffered = await trpcError(
      settings.updateSettings.mutate({ defaultLanguage: 'de', pageTitle: 'X' }),
    );
    expect(notOffered).toMatchObject({ appCode: 'VALIDATION_ERROR', httpStatus: 400 });
    expect(notOffered.message).toContain('defaultLanguage');
    const dropsDefault = await trpcError(settings.updateSettings.mutate({ languages: ['it'] }));
    expect(dropsDefault).toMatchObject({ appCode: 'VALIDATION_ERROR', httpStatus: 400 });
    expect(dropsDefault.message).toContain('languages');
    // Nothing of a refused change was written, the title neither.
    expect(await settings.getSettings.query({})).toMatchObject({
      defaultLanguage: 'es',
      languages: ['es', 'it'],
      pageTitle: 'Scuola Luna',
    });
  });

  it('MEMBER gets 403 and may read; an ADMIN may change them; each school’s are its own', async () => {
    const a = await createTenant(app);
    const b = await createTenant(app);
    const member = await addSignedInMember(app, a.tenantId);
    const admin = await addSignedInMember(app, a.tenantId, 'ADMIN');
    const refused = await trpcError(
      member.client.immersio.landing.updateSettings.mutate({ defaultLanguage: 'de' }),
    );
    expect(refused).toMatchObject({ appCode: 'FORBIDDEN', httpStatus: 403 });
    await admin.client.immersio.landing.updateSettings.mutate({
      defaultLanguage: 'de',
      languages: ['de', 'en'],
    });
    expect(await member.client.immersio.landing.getSettings.query({})).toMatchObject({
      defaultLanguage: 'de',
      languages: ['en', 'de'],
    });
    expect(await b.owner.client.immersio.landing.getSettings.query({})).toMatchObject({
      defaultLanguage: 'en',
      languages: ALL,
    });
  });
});

describe('the landing page in the reader’s language', () => {
  it.each(ALL)(
    '%s by ?lang=: lang, canonical, hreflang alternates, the cookie, the switcher',
    async (locale) => {
      const t = await publishedSchool();
      const { status, html, headers } = await get(`/${t.slug}?lang=${locale}`);
      expect(status).toBe(200);
      expect(langOf(html)).toBe(locale);
      const home = `https://${t.slug}.${BOOKING_DOMAIN}`;
      // The default's canonical is the address as always; the others name their language.
      expect(canonicalOf(html)).toBe(locale === 'en' ? home : `${home}/?lang=${locale}`);
      const alternates = alternatesOf(html);
      expect(Object.keys(alternates).sort()).toEqual([...ALL, 'x-default'].sort());
      for (const other of ALL) {
        expect(alternates[other]).toBe(other === 'en' ? `${home}/` : `${home}/?lang=${other}`);
      }
      expect(alternates['x-default']).toBe(`${home}/`);
      expect(headers.get('set-cookie')).toContain(`lang=${encodeURIComponent(locale)}`);
      expect(headers.get('vary')).toContain('Accept-Language');
      expect(html).toContain('class="lang-switch"');
      expect(html).toContain(`hreflang="${locale}" lang="${locale}" aria-current="true"`);
    },
  );

  it('follows Accept-Language, then the cookie beats it; neither sets a cookie', async () => {
    const t = await publishedSchool();
    const byHeader = await get(`/${t.slug}`, { 'accept-language': 'fr-CA,fr;q=0.9,en;q=0.5' });
    expect(langOf(byHeader.html)).toBe('fr');
    expect(byHeader.html).toContain('Nos cours');
    expect(byHeader.headers.get('set-cookie')).toBeNull();
    expect(byHeader.headers.get('vary')).toMatch(/Accept-Language/);
    const pt = await get(`/${t.slug}`, { 'accept-language': 'pt' });
    expect(langOf(pt.html)).toBe('pt-BR');
    const byCookie = await get(`/${t.slug}`, { 'accept-language': 'fr', cookie: 'lang=de' });
    expect(langOf(byCookie.html)).toBe('de');
    expect(byCookie.headers.get('set-cookie')).toBeNull();
  });

  it('a language the school does not offer falls back to its default', async () => {
    const t = await publishedSchool({ defaultLanguage: 'es', languages: ['es', 'it'] });
    expect(langOf((await get(`/${t.slug}`)).html)).toBe('es');
    expect(langOf((await get(`/${t.slug}?lang=fr`)).html)).toBe('es');
    expect(langOf((await get(`/${t.slug}`, { cookie: 'lang=de' })).html)).toBe('es');
    expect(langOf((await get(`/${t.slug}`, { 'accept-language': 'en-US,en' })).html)).toBe('es');
    const italian = await get(`/${t.slug}`, { 'accept-language': 'it' });
    expect(langOf(italian.html)).toBe('it');
    // The default's address is the bare URL; only the offered languages are alternates.
    const home = `https://${t.slug}.${BOOKING_DOMAIN}`;
    expect(canonicalOf(italian.html)).toBe(`${home}/?lang=it`);
    expect(Object.keys(alternatesOf(italian.html)).sort()).toEqual(['es', 'it', 'x-default']);
    expect(canonicalOf((await get(`/${t.slug}`)).html)).toBe(home);
  });

  it('one school offering one language has no switcher', async () => {
    const t = await publishedSchool({ defaultLanguage: 'de', languages: ['de'] });
    const { html } = await get(`/${t.slug}?lang=en`);
    expect(langOf(html)).toBe('de');
    expect(html).not.toContain('class="lang-switch"');
  });

  it('the cache keeps one page per language, and a change of languages shows at once', async () => {
    const t = await publishedSchool();
    await createWorkshop(t, { title: 'Conversación', description: 'Practica', price: 1500 });
    const spanish = await get(`/${t.slug}`, { 'accept-language': 'es' });
    const english = await get(`/${t.slug}`, { 'accept-language': 'en' });
    const again = await get(`/${t.slug}`, { 'accept-language': 'es' });
    expect(langOf(spanish.html)).toBe('es');
    expect(langOf(english.html)).toBe('en');
    expect(again.html).toBe(spanish.html);
    expect(english.headers.get('etag')).not.toBe(spanish.headers.get('etag'));
    const revalidated = await fetch(`${app.baseUrl}/${t.slug}`, {
      headers: { 'accept-language': 'en', 'if-none-match': spanish.headers.get('etag')! },
    });
    expect(revalidated.status).toBe(200);
    await t.owner.client.immersio.landing.updateSettings.mutate({ defaultLanguage: 'it', languages: ['it'] });
    const after = await get(`/${t.slug}`, { 'accept-language': 'es' });
    expect(langOf(after.html)).toBe('it');
    expect(after.html).toContain('Vedi le date e prenota');
  });

  it('each school’s page follows its own languages', async () => {
    const a = await publishedSchool({ defaultLanguage: 'fr', languages: ['fr'] });
    const b = await publishedSchool();
    expect(langOf((await get(`/${a.slug}`)).html)).toBe('fr');
    expect(langOf((await get(`/${b.slug}`)).html)).toBe('en');
  });

  it.each(TEMPLATES)(
    '%s in Spanish: no English catalogue text left but the school’s own',
    async (templateId) => {
      const t = await publishedSchool({
        templateId,
        teacherBio: 'Diez años enseñando idiomas.',
        pageSubtitle: null,
        socialLinks: { instagram: 'https://instagram.com/escuela' },
      });
      const paid = await createWorkshop(t, { title: 'Conversación', description: 'Practica', price: 1500 });
      await createWorkshop(t, { title: 'Taller gratis', description: 'Prueba', price: 0, seats: 1 });
      await app.database.db
        .update(workshops)
        .set({ teachingLanguage: 'fr' })
        .where(eq(workshops.id, paid.id));
      const { html } = await get(`/${t.slug}?lang=es`);
      expect(langOf(html)).toBe('es');
      const text = readable(html);
      for (const phrase of englishPhrases()) expect(text, phrase).not.toContain(phrase);
      expect(text).toContain('Ver fechas y reservar');
      expect(text).toContain('Reservar ahora'); // the stored default CTA, translated
      expect(text).toContain(es['common.taughtIn'].replace('{language}', 'francés'));
      expect(text).toContain('15,00');
      expect(text).toMatch(/Quedan 8 plazas|Queda 1 plaza/);
    },
  );

  it('a CTA the school wrote stays as written in every language', async () => {
    const t = await publishedSchool({ ctaText: 'Reserva tu clase' });
    const { html } = await get(`/${t.slug}?lang=de`);
    expect(html).toContain('Reserva tu clase');
    expect(html).not.toContain('Jetzt buchen');
  });
});

// Two instances on one database and one Redis: a change of languages on one shows on the other at
// once, though the other had the page drawn and cached in both languages.
describe.skipIf(!process.env.REDIS_URL)('two instances sharing Redis', () => {
  let one: TestApp;
  let two: TestApp;
  beforeAll(async () => {
    const database = await createTestDatabase();
    const redisPrefix = `ibs-test-landing-languages-${randomUUID()}:`;
    one = await startTestApp({ database, redisPrefix });
    two = await startTestApp({ database, redisPrefix });
  });
  afterAll(async () => {
    await one?.close();
    await two?.close();
    await two?.database.close();
  });

  it('drops every language’s cached page on the other instance', async () => {
    const t = await createTenant(one);
    await t.owner.client.immersio.landing.updateSettings.mutate({ pageTitle: 'Aprende' });
    await t.owner.client.immersio.landing.publish.mutate({});
    const page = async (lang: string) =>
      (await fetch(`${two.baseUrl}/${t.slug}`, { headers: { 'accept-language': lang } })).text();
    expect(langOf(await page('es'))).toBe('es');
    expect(langOf(await page('en'))).toBe('en');
    await t.owner.client.immersio.landing.updateSettings.mutate({ defaultLanguage: 'fr', languages: ['fr'] });
    // Within the pub/sub round trip (a request sent the moment the update answers can beat it).
    await vi.waitFor(async () => expect(langOf(await page('es'))).toBe('fr'), {
      timeout: 1_000,
      interval: 10,
    });
    expect(langOf(await page('en'))).toBe('fr');
  });
});

/** What a reader sees or hears: text outside scripts and styles, and the labels of elements. */
function readable(html: string): string {
  const body = html.replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/g, ' ');
  const labels = [...body.matchAll(/\s(?:aria-label|alt|title|content)="([^"]*)"/g)].map((m) => m[1]);
  const text = body.replace(/<[^>]*>/g, ' ');
  return decode([text, ...labels].join(' \n ')).replace(/\s+/g, ' ');
}

function decode(text: string): string {
  return text
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/**
 * The English catalogue's landing and common text, cut at its placeholders: each piece of a few
 * words that Spanish does not share (a proper noun, "min") must not be on a Spanish page.
 */
function englishPhrases(): string[] {
  const english = en as Record<string, string>;
  const spanish = es as Record<string, string>;
  const phrases = new Set<string>();
  for (const [key, value] of Object.entries(english)) {
    if (!key.startsWith('landing.') && !key.startsWith('common.')) continue;
    if (spanish[key] === value) continue;
    const literal = value
      .replace(/\{\w+\}/g, '\u0000')
      .replace(/\b(?:zero|one|two|few|many|other|=\d+)\s*\{([^{}]*)\}/g, '\u0000$1\u0000')
      .replace(/\{\w+, (?:plural|select),|\}|#/g, '\u0000');
    for (const piece of literal.split('\u0000')) {
      const trimmed = piece.replace(/^[\s·:—–,.!?]+|[\s·:—–,.!?]+$/g, '');
      if (trimmed.split(/\s+/).length >= 2 && trimmed.length >= 8) phrases.add(trimmed);
    }
  }
  return [...phrases];
}

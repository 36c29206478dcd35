import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createTenant, unique, useTestApp } from '../support/app.ts';
import { bookingRequest, createWorkshop, manageParts, postJson } from '../support/bookings.ts';
import { course, payingSchool } from '../support/enrolments.ts';
import { createPass, purchase, stripeTenant } from '../support/passes.ts';
import { fullWorkshop, joinRequest } from '../support/waitlist.ts';

// Issue 18: the student's private pages (a booking's, an enrolment's, a waitlist entry's, a pass's)
// in the language the booking, entry or pass was made in, unless the student picks another with
// the switcher (`?lang=`, kept in a cookie); the school's passes page in the visitor's language;
// and Stripe Checkout opened in the student's language.

const app = useTestApp({ env: { HOLD_SWEEP_MS: '3600000' } });
const student = (name: string) => `${unique(name)}@example.test`;

const NAMESPACES = ['manage.', 'reschedule.', 'enrolmentPage.', 'waitlistPage.', 'passes.'];
const english = JSON.parse(
  readFileSync(new URL('../../src/lib/i18n/messages/en.json', import.meta.url), 'utf8'),
) as Record<string, string>;
const pageMessages = Object.entries(english).filter(([key]) => NAMESPACES.some((ns) => key.startsWith(ns)));

/** The English catalogue's words of these pages, as they would appear in a page (long enough to mean something). */
const ENGLISH_FRAGMENTS = pageMessages
  .filter(([, text]) => !/, (select|plural),/.test(text))
  .flatMap(([, text]) => text.split(/\{[^{}]*\}/))
  .map((fragment) => fragment.trim())
  .filter((fragment) => fragment.length >= 10);

/** English day and month names (those no other language here writes the same way). */
const ENGLISH_DATES =
  /\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|June|July|October|December|(Mon|Tue|Wed|Thu|Fri|Sat|Sun),)/;

function expectNoEnglish(html: string) {
  const left = ENGLISH_FRAGMENTS.filter((fragment) => html.includes(fragment));
  expect(left, 'English catalogue text left in the page').toEqual([]);
  expect(ENGLISH_DATES.exec(html)?.[0], 'an English date in the page').toBeUndefined();
}

const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${app.baseUrl}${path}`, { headers, redirect: 'manual' });

/** The page at `path` in the stored language, then switched with ?lang= (cookie set and honoured). */
async function expectLanguages(
  path: string,
  stored: { lang: string; words: string[] },
  switched: { lang: string; words: string[] },
) {
  // The browser asks for English: the stored language still wins.
  const page = await get(path, { 'accept-language': 'en-US,en;q=0.9' });
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toContain(`<html lang="${stored.lang}">`);
  for (const word of stored.words) expect(html).toContain(word);
  expectNoEnglish(html);
  // The switcher keeps the secret token in its links.
  const token = new URL(path, 'http://x').searchParams.get('token')!;
  expect(html).toContain(`token=${encodeURIComponent(token)}&amp;lang=${switched.lang}`);

  const chosen = await get(`${path}&lang=${switched.lang}`);
  expect(chosen.status).toBe(200);
  expect(chosen.headers.get('set-cookie')).toContain(`lang=${switched.lang}`);
  const chosenHtml = await chosen.text();
  expect(chosenHtml).toContain(`<html lang="${switched.lang}">`);
  for (const word of switched.words) expect(chosenHtml).toContain(word);
  expectNoEnglish(chosenHtml);

  // The cookie the choice left outranks the stored language on the next visit.
  const again = await (await get(path, { cookie: `lang=${switched.lang}` })).text();
  expect(again).toContain(`<html lang="${switched.lang}">`);
}

/** Stripe Checkout's page for a checkout URL (the emulator's), in the session's locale. */
async function checkoutPage(url: string) {
  const page = await fetch(url);
  expect(page.status).toBe(200);
  return page.text();
}

const local = (url: string) => {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
};

describe('the private pages in the student’s language', () => {
  it('the page messages hold no markup (they are written into pages unescaped but for their values)', () => {
    for (const [key, text] of pageMessages) expect(/[<>&]/.test(text), key).toBe(false);
    expect(ENGLISH_FRAGMENTS.length).toBeGreaterThan(100);
  });

  it('a booking made in Spanish: its manage page in Spanish, German on request, Checkout in Spanish', async () => {
    const t = await payingSchool(app);
    const w = await createWorkshop(t, { price: 2500, currency: 'EUR' });
    const res = await postJson(app, '/api/v1/public/bookings', {
      ...bookingRequest(t, w, student('es')),
      language: 'es',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const { uid, token } = manageParts(res.body.manageUrl);
    const path = `/bookings/${uid}?token=${encodeURIComponent(token)}`;
    await expectLanguages(
      path,
      { lang: 'es', words: ['Estado: Pendiente de pago', 'Pagar ahora', 'Cancelar mi reserva', '25,00'] },
      { lang: 'de', words: ['Status: Zahlung ausstehend', 'Jetzt bezahlen', 'Meine Buchung stornieren'] },
    );
    const checkout = await checkoutPage(res.body.payment.checkoutUrl);
    expect(checkout).toContain('<html lang="es">');
    expect(checkout).toContain('Pagar 25,00');

    // "Add to calendar": the event's description in Spanish too (lines unfolded as calendars do).
    const ics = await (await get(`/bookings/${uid}/calendar.ics?token=${encodeURIComponent(token)}`)).text();
    const unfolded = ics.replace(/\r\n[ \t]/g, '');
    expect(unfolded).toContain('Pendiente de pago: la reserva se confirma en cuanto se pague.');
    expect(unfolded).toContain('Gestiona o cancela tu reserva:');

    // Checkout's Cancel comes back to the page, which says so in Spanish.
    const cancelled = await (await get(`${path}&checkout=cancelled`)).text();
    expect(cancelled).toContain('Pago cancelado.');
    expectNoEnglish(cancelled);
  });

  it('a free booking made in German, cancelled with its form: the notice and the refusal in German', async () => {
    const t = await createTenant(app);
    const w = await createWorkshop(t);
    const res = await postJson(app, '/api/v1/public/bookings', {
      ...bookingRequest(t, w, student('de')),
      language: 'de',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const { uid, token } = manageParts(res.body.manageUrl);
    const path = `/bookings/${uid}?token=${encodeURIComponent(token)}`;
    await expectLanguages(
      path,
      { lang: 'de', words: ['Status: Bestätigt', 'Termin ändern', 'Zum Kalender hinzufügen', 'Zoom: <a'] },
      // French sets a no-break space before the colon, in the place line too.
      { lang: 'fr', words: ['Statut : Confirmée', 'Annuler ma réservation', 'Zoom\u00a0: <a'] },
    );
    const post = (fields: Record<string, string>) =>
      fetch(`${app.baseUrl}/bookings/${uid}/cancel`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(fields).toString(),
        redirect: 'manual',
      });
    const tooLong = await post({ token, reason: 'x'.repeat(1001) });
    expect(tooLong.status).toBe(400);
    const refused = await tooLong.text();
    expect(refused).toContain('Der Grund darf höchstens 1000 Zeichen lang sein.');
    expectNoEnglish(refused);
    const done = await post({ token, reason: 'Krank' });
    expect(done.status).toBe(303);
    const after = await (
      await get(local(new URL(done.headers.get('location')!, app.baseUrl).toString()))
    ).text();
    expect(after).toContain('Deine Buchung ist storniert.');
    expect(after).toContain('von dir storniert');
    expectNoEnglish(after);
  });

  it('an enrolment made in Spanish: its page in Spanish, German on request', async () => {
    const t = await createTenant(app);
    const w = await course(t);
    const res = await postJson(app, '/api/v1/public/enrolments', {
      tenantSlug: t.slug,
      workshopSlug: w.slug,
      attendee: { name: 'Ana Student', email: student('enrol'), timeZone: 'America/New_York' },
      language: 'es',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const url = new URL(res.body.manageUrl);
    await expectLanguages(
      local(url.toString()),
      { lang: 'es', words: ['Estado: Inscripción confirmada', 'Tus sesiones', 'Cancelar mi inscripción'] },
      { lang: 'de', words: ['Status: Angemeldet', 'Deine Termine', 'Meine Anmeldung stornieren'] },
    );
  });

  it('a waitlist entry made in German: its page in German, Spanish on request', async () => {
    const t = await createTenant(app);
    const { w } = await fullWorkshop(app, t, 1);
    const res = await postJson(app, '/api/v1/public/waitlist', {
      ...joinRequest(t, w, student('wait')),
      language: 'de',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    await expectLanguages(
      local(res.body.manageUrl),
      { lang: 'de', words: ['Status: Auf der Warteliste', 'auf Platz 1', 'Warteliste verlassen'] },
      {
        lang: 'es',
        words: ['Estado: En lista de espera', 'el número 1 de la lista', 'Salir de la lista de espera'],
      },
    );
  });

  it('a pass bought in Spanish: its page and Checkout in Spanish, German on request', async () => {
    const t = await stripeTenant(app);
    const pass = await createPass(t, { classes: 4, price: 9900 });
    const res = await purchase(app, pass.id, {
      tenantSlug: t.slug,
      buyer: { name: 'Ana Buyer', email: student('pass') },
      language: 'es',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    await expectLanguages(
      local(res.body.manageUrl),
      { lang: 'es', words: ['Estado: Pendiente de pago', 'Podrás usar tu bono', 'Pagar ahora'] },
      { lang: 'de', words: ['Status: Zahlung ausstehend', 'Kurskarte'] },
    );
    const checkout = await checkoutPage(res.body.checkoutUrl);
    expect(checkout).toContain('<html lang="es">');
    expect(checkout).toContain('Pagar 99,00');
  });

  it('the school’s passes page: the visitor’s language, ?lang= over it; a pass bought there keeps it', async () => {
    const t = await stripeTenant(app);
    await createPass(t, { classes: 4, price: 9900, validDays: 30 });
    const path = `/${t.slug}/passes`;
    const spanish = await (await get(path, { 'accept-language': 'es-ES,es;q=0.9' })).text();
    expect(spanish).toContain('<html lang="es">');
    expect(spanish).toContain('<h1>Bonos de clases</h1>');
    expect(spanish).toContain('4 clases');
    expect(spanish).toContain('Válido durante 30 días desde la compra');
    expect(spanish).toContain('hreflang="de"');
    expectNoEnglish(spanish);

    const german = await get(`${path}?lang=de`, { 'accept-language': 'es' });
    expect(german.headers.get('set-cookie')).toContain('lang=de');
    const germanHtml = await german.text();
    expect(germanHtml).toContain('<html lang="de">');
    expect(germanHtml).toContain('<h1>Kurskarten</h1>');
    expectNoEnglish(germanHtml);

    // A refused form comes back in the page's language; a good one opens Checkout in it.
    const form = (fields: Record<string, string>) =>
      fetch(`${app.baseUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'es' },
        body: new URLSearchParams(fields).toString(),
        redirect: 'manual',
      });
    const passId = /name="passId" value="(\d+)"/.exec(spanish)![1]!;
    const refused = await form({ passId, name: '', email: 'nope' });
    expect(refused.status).toBe(400);
    const refusedHtml = await refused.text();
    expect(refusedHtml).toContain('Escribe tu nombre.');
    expect(refusedHtml).toContain('Escribe un correo electrónico válido');
    expectNoEnglish(refusedHtml);
    const bought = await form({ passId, name: 'Ana', email: student('web-pass') });
    expect(bought.status).toBe(303);
    const checkout = await checkoutPage(bought.headers.get('location')!);
    expect(checkout).toContain('<html lang="es">');
  });

  it('a wrong link’s not-found page follows the browser (there is no record to ask)', async () => {
    const html = await (
      await get('/bookings/bk_0000000000000000000a?token=nope', { 'accept-language': 'fr' })
    ).text();
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('Réservation introuvable');
    const pass = await (
      await get('/passes/pass_00000000000000000000?token=x', { 'accept-language': 'it' })
    ).text();
    expect(pass).toContain('<html lang="it">');
    expect(pass).toContain('Carnet non trovato');
  });
});

import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/client.ts';
import english from '../../src/lib/i18n/messages/en.json' with { type: 'json' };
import french from '../../src/lib/i18n/messages/fr.json' with { type: 'json' };
import { translator } from '../../src/lib/i18n/translator.ts';
import { createTenant, type TenantFixture, trpcError, unique, useTestApp } from '../support/app.ts';
import { bookingRequest, createWorkshop, getJson, postJson } from '../support/bookings.ts';
import { fullWorkshop, joinRequest } from '../support/waitlist.ts';

// Issue 18: the workshop page, its booking form and refusals in the page's language; the language
// a booking (waitlist entry, enrolment) is made in, stored for its e-mails; a workshop's teaching
// language.

const app = useTestApp();
const fr = translator('fr');
const es = translator('es');

const email = (name: string) => `${unique(name)}@example.test`;
const pathOf = (t: TenantFixture, w: { slug: string }) => `/${t.slug}/owner/${w.slug}`;
const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${app.baseUrl}${path}`, { headers, redirect: 'manual' });
const submit = (path: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
  fetch(`${app.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });
const postWithHeaders = async (path: string, body: unknown, headers: Record<string, string>) => {
  const response = await fetch(`${app.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  // biome-ignore lint/suspicious/noExplicitAny: checked field by field
  return { status: response.status, body: (await response.json()) as any };
};

async function storedLanguage(table: 'bookings' | 'waitlist_entries', uid: string): Promise<string> {
  const [row] = await queryRows<{ language: string }>(
    app.database.db,
    sql`select language from ${sql.identifier(table)} where uid = ${uid}`,
  );
  return row!.language;
}

async function setSchoolLanguage(t: TenantFixture, language: string) {
  await app.database.db.execute(
    sql`update tenants set default_language = ${language} where id = ${t.tenantId}`,
  );
}

function uidOf(location: string): string {
  return new URL(location).pathname.split('/').pop()!;
}

describe('the workshop page in the page language', () => {
  it('?lang=fr: html lang, canonical, hreflang alternates, the cookie and the French text', async () => {
    const t = await createTenant(app);
    const w = await createWorkshop(t, { price: 2500, teachingLanguage: 'es' });
    const res = await get(`${pathOf(t, w)}?lang=fr`);
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toMatch(/^lang=fr;/);
    expect(res.headers.get('vary')).toMatch(/Accept-Language/i);
    const html = await res.text();
    expect(html).toContain('<html lang="fr"');
    const pageUrl = `http://localhost:3000${pathOf(t, w)}`;
    expect(html).toContain(`<link rel="canonical" href="${pageUrl}?lang=fr">`);
    for (const lang of ['es', 'fr', 'de', 'pt-BR', 'it']) {
      expect(html).toContain(`<link rel="alternate" hreflang="${lang}" href="${pageUrl}?lang=${lang}">`);
    }
    expect(html).toContain(`<link rel="alternate" hreflang="x-default" href="${pageUrl}">`);
    expect(html).toContain(fr.html('booking.title'));
    expect(html).toContain(fr.html('booking.submit.pay'));
    expect(html).toContain(fr.html('policy.cancelBefore', { hours: 24 }));
    expect(html).toContain(fr.html('common.taughtIn', { language: fr.languageName('es') }));
    expect(html).toContain(fr.price(2500, 'USD'));
    // The school's text as written.
    expect(html).toContain('Evening Spanish');
    expect(html).toContain('Conversation practice');
    // The form posts back in French.
    expect(html).toContain(`action="${pathOf(t, w)}?lang=fr#book"`);
  });

  it('leaves no English catalogue text on a French page (but the school’s own)', async () => {
    const t = await createTenant(app);
    const w = await createWorkshop(t, { price: 1000, seats: 2, teachingLanguage: 'de' });
    const page = await (await get(`${pathOf(t, w)}?lang=fr`)).text();
    // What a reader sees or hears: the document without its style and JSON-LD blocks.
    const html = page.replace(/<(style|script)[^>]*>[\s\S]*?<\/\1>/g, '');
    const frenchValues = french as Record<string, string>;
    const shown = (text: string) => {
      const escaped = text.replace(/'/g, '&#39;').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      return new RegExp(`(^|[^A-Za-z])${escaped}($|[^A-Za-z])`).test(html);
    };
    const leftovers = Object.entries(english as Record<string, string>).filter(
      ([key, text]) =>
        !text.includes('{') &&
        text.length > 4 &&
        frenchValues[key] !== text &&
        /^(workshop|booking|slots|enrol|waitlistForm|refusal|policy|common|site)\./.test(key) &&
        shown(text),
    );
    expect(leftovers).toEqual([]);
    for (const words of ['Book your seat', 'Your name', 'Choose a session', 'seats left', 'You can cancel']) {
      expect(html).not.toContain(words);
    }
  });

  it('Accept-Language picks among the offered languages; the cookie beats it; the default is English', async () => {
    const t = await createTenant(app);
    const w = await createWorkshop(t);
    const german = await (await get(pathOf(t, w), { 'accept-language': 'de-AT,de;q=0.9,en;q=0.5' })).text();
    expect(german).toContain('<html lang="de"');
    expect(german).toContain(`href="http://localhost:3000${pathOf(t, w)}?lang=de">`);
    expect(german).toContain(translator('de').html('booking.title'));

    const italian = await (await get(pathOf(t, w), { cookie: 'lang=it', 'accept-language': 'de' })).text();
    expect(italian).toContain('<html lang="it"');
    expect(italian).toContain(translator('it').html('booking.submit.book'));

    const plain = await (await get(pathOf(t, w))).text();
    expect(plain).toContain('<html lang="en"');
    expect(plain).toContain('Book your seat');
    expect(plain).toContain(`<link rel="canonical" href="http://localhost:3000${pathOf(t, w)}">`);
  });

  it('translates the field errors and the refusals (whitelist, full, already booked)', async () => {
    const t = await createTenant(app);
    const w = await createWorkshop(t, { whitelistEnabled: true, whitelistEmails: [] });
    const invalid = await submit(`${pathOf(t, w)}?lang=fr`, {
      startTime: '',
      name: '',
      email: 'not-an-address',
      timeZone: 'Mars/Olympus',
    });
    expect(invalid.status).toBe(400);
    const errors = await invalid.text();
    expect(errors).toContain('<html lang="fr"');
    for (const key of [
      'booking.error.chooseSession',
      'booking.error.nameRequired',
      'booking.error.emailInvalid',
      'booking.error.timeZone',
    ] as const) {
      expect(errors).toContain(fr.html(key));
    }
    expect(errors).not.toContain('Please enter your name');

    const refused = await submit(`${pathOf(t, w)}?lang=es`, {
      startTime: w.sessions[0]!.startTime.toISOString(),
      name: 'Ana',
      email: email('ana'),
      timeZone: 'Europe/Madrid',
    });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain(es.html('refusal.whitelist', { school: `Tenant ${t.slug}` }));

    const full = await fullWorkshop(app, t, 1);
    const late = await submit(`${pathOf(t, full.w)}?lang=fr`, {
      startTime: full.w.sessions[0]!.startTime.toISOString(),
      name: 'Léa',
      email: email('lea'),
      timeZone: 'Europe/Paris',
    });
    expect(late.status).toBe(409);
    expect(await late.text()).toContain(fr.html('refusal.sessionFull'));

    const open = await createWorkshop(t);
    const twice = email('twice');
    const fields = {
      startTime: open.sessions[0]!.startTime.toISOString(),
      name: 'Twice',
      email: twice,
      timeZone: 'Europe/Paris',
    };
    expect((await submit(`${pathOf(t, open)}?lang=fr`, fields)).status).toBe(303);
    const again = await submit(`${pathOf(t, open)}?lang=fr`, fields);
    expect(again.status).toBe(409);
    expect(await again.text()).toContain(fr.html('refusal.alreadyBooked', { email: twice }));
  });
});

describe('a slot-booked workshop in French', () => {
  it('the month, weekdays, times and the words site.js writes are French; links keep ?lang=', async () => {
    const t = await createTenant(app);
    const mornings = Object.fromEntries(
      ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map((day) => [
        day,
        [{ start: '09:00', end: '12:00' }],
      ]),
    );
    const schedule = await t.owner.client.immersio.availability.create.mutate({
      teacherId: t.owner.id,
      name: 'Matins',
      timeZone: 'UTC',
      weeklyHours: mornings as never,
      overrides: [],
    });
    const w = await createWorkshop(t, {
      duration: 60,
      seats: 2,
      workshopType: 'tutoring',
      scheduleId: schedule.id,
      bookingHorizonDays: 90,
      startTime: undefined,
      timeZone: undefined,
      recurrence: undefined,
    });
    const html = await (await get(`${pathOf(t, w)}?lang=fr`)).text();
    expect(html).toContain('<html lang="fr"');
    expect(html).toContain('<th scope="col" abbr="lundi">lun.</th>');
    expect(html).toContain(fr.html('slots.chooseTime'));
    expect(html).toContain('data-locale="fr"');
    expect(html).toMatch(/data-t-seats="\{&quot;one&quot;:&quot;\{n\} place restante&quot;/);
    expect(html).toMatch(/data-t-day-free="\{&quot;one&quot;:&quot;\{day\}, \{n\} horaire libre&quot;/);
    expect(html).toMatch(/href="[^"]*\?month=\d{4}-\d{2}(&amp;date=[\d-]+)?&amp;lang=fr#/);
    expect(html).not.toMatch(/Monday|Choose a time|seats? left|times? free/);
  });
});

describe('the language a booking is made in', () => {
  it('the form stores the page language on the booking and on the waitlist entry', async () => {
    const t = await createTenant(app);
    const w = await createWorkshop(t);
    const booked = await submit(`${pathOf(t, w)}?lang=es`, {
      startTime: w.sessions[0]!.startTime.toISOString(),
      name: 'Ana',
      email: email('es'),
      timeZone: 'UTC',
    });
    expect(booked.status).toBe(303);
    expect(await storedLanguage('bookings', uidOf(booked.headers.get('location')!))).toBe('es');

    // From the cookie the switcher left, with no ?lang= on the form.
    const byCookie = await submit(
      pathOf(t, w),
      { startTime: w.sessions[1]!.startTime.toISOString(), name: 'Bo', email: email('it'), timeZone: 'UTC' },
      { cookie: 'lang=it' },
    );
    expect(await storedLanguage('bookings', uidOf(byCookie.headers.get('location')!))).toBe('it');

    const { w: full } = await fullWorkshop(app, t, 1);
    const joined = await submit(`${pathOf(t, full)}?lang=pt-BR`, {
      intent: 'waitlist',
      startTime: full.sessions[0]!.startTime.toISOString(),
      name: 'Rita',
      email: email('rita'),
      timeZone: 'America/Sao_Paulo',
    });
    expect(joined.status).toBe(303);
    expect(await storedLanguage('waitlist_entries', uidOf(joined.headers.get('location')!))).toBe('pt-BR');
  });

  it('the API: `language`, else Accept-Language, else the school default; an unsupported one is 400', async () => {
    const t = await createTenant(app);
    await setSchoolLanguage(t, 'de');
    const w = await createWorkshop(t, { seats: 10 });
    const explicit = await postWithHeaders(
      '/api/v1/public/bookings',
      { ...bookingRequest(t, w, email('explicit')), language: 'pt-br' },
      { 'accept-language': 'es' },
    );
    expect(explicit.status).toBe(201);
    expect(await storedLanguage('bookings', explicit.body.booking.uid)).toBe('pt-BR');

    const header = await postWithHeaders('/api/v1/public/bookings', bookingRequest(t, w, email('header')), {
      'accept-language': 'fr-CA,fr;q=0.9',
    });
    expect(await storedLanguage('bookings', header.body.booking.uid)).toBe('fr');

    const fallback = await postJson(app, '/api/v1/public/bookings', bookingRequest(t, w, email('default')));
    expect(await storedLanguage('bookings', fallback.body.booking.uid)).toBe('de');

    const unknownHeader = await postWithHeaders(
      '/api/v1/public/bookings',
      bookingRequest(t, w, email('ja')),
      { 'accept-language': 'ja' },
    );
    expect(await storedLanguage('bookings', unknownHeader.body.booking.uid)).toBe('de');

    const invalid = await postJson(app, '/api/v1/public/bookings', {
      ...bookingRequest(t, w, email('bad')),
      language: 'ja',
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.code).toBe('VALIDATION_ERROR');

    const { w: full } = await fullWorkshop(app, t, 1);
    const waiting = await postJson(app, '/api/v1/public/waitlist', {
      ...joinRequest(t, full, email('wait')),
      language: 'it',
    });
    expect(waiting.status).toBe(201);
    expect(await storedLanguage('waitlist_entries', waiting.body.entry.uid)).toBe('it');
    const badJoin = await postJson(app, '/api/v1/public/waitlist', {
      ...joinRequest(t, full, email('wait2')),
      language: 'klingon',
    });
    expect(badJoin.status).toBe(400);
  });

  it('an enrolment stores its language on every session’s booking', async () => {
    const t = await createTenant(app);
    const w = await createWorkshop(t, { enrolment: 'both', recurrence: { frequency: 'weekly', count: 3 } });
    const res = await postWithHeaders(
      '/api/v1/public/enrolments',
      {
        tenantSlug: t.slug,
        workshopSlug: w.slug,
        attendee: { name: 'Eva', email: email('eva'), timeZone: 'Europe/Madrid' },
      },
      { 'accept-language': 'es-ES' },
    );
    expect(res.status).toBe(201);
    const rows = await queryRows<{ language: string }>(
      app.database.db,
      sql`select b.language from bookings b where b.tenant_id = ${t.tenantId} and b.workshop_id = ${w.id}`,
    );
    expect(rows.length).toBe(3);
    expect(rows.every((row) => row.language === 'es')).toBe(true);
  });
});

describe("a workshop's teaching language", () => {
  it('round-trips canonicalised through create, get, update and the public JSON; shown on the page', async () => {
    const t = await createTenant(app);
    const w = await createWorkshop(t, { teachingLanguage: 'fr-ca' });
    const got = await t.owner.client.immersio.workshop.get.query({ workshopId: w.id });
    expect(got.teachingLanguage).toBe('fr-CA');
    const json = await getJson(app, `/api/v1/public/workshops/${w.slug}?tenantSlug=${t.slug}`);
    expect(json.body.teachingLanguage).toBe('fr-CA');
    const page = await (await get(pathOf(t, w))).text();
    expect(page).toContain(translator('en').html('common.taughtIn', { language: 'Canadian French' }));

    await t.owner.client.immersio.workshop.update.mutate({ workshopId: w.id, teachingLanguage: null });
    const cleared = await t.owner.client.immersio.workshop.get.query({ workshopId: w.id });
    expect(cleared.teachingLanguage).toBeNull();
    const after = await getJson(app, `/api/v1/public/workshops/${w.slug}?tenantSlug=${t.slug}`);
    expect(after.body.teachingLanguage).toBeUndefined();

    const bad = await trpcError(
      t.owner.client.immersio.workshop.update.mutate({ workshopId: w.id, teachingLanguage: 'not a tag!' }),
    );
    expect(bad.appCode).toBe('VALIDATION_ERROR');
    const other = await createTenant(app);
    const foreign = await trpcError(
      other.owner.client.immersio.workshop.update.mutate({ workshopId: w.id, teachingLanguage: 'es' }),
    );
    expect(foreign.httpStatus).toBe(404);
  });
});

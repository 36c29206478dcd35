import { describe, expect, it } from 'vitest';
import { createTenant, useTestApp } from '../support/app.ts';
import { bookingRequest, createWorkshop, manageParts } from '../support/bookings.ts';

const app = useTestApp();

async function call(
  path: string,
  options: { method?: 'GET' | 'POST'; body?: unknown; language?: string } = {},
) {
  const headers: Record<string, string> = {};
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.language !== undefined) headers['accept-language'] = options.language;
  const response = await fetch(`${app.baseUrl}${path}`, {
    method: options.method ?? 'GET',
    headers,
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  // biome-ignore lint/suspicious/noExplicitAny: error bodies are checked field by field
  const body = (await response.json()) as any;
  return { status: response.status, body, headers: response.headers };
}

const FULL = {
  es: 'No quedan plazas en esta sesión',
  fr: 'Il n’y a plus de place pour cette séance',
  de: 'Für diesen Termin sind keine Plätze mehr frei',
};
const BOOKING_MISSING = {
  es: 'No hemos encontrado esta reserva',
  fr: 'Nous n’avons pas trouvé cette réservation',
  de: 'Wir konnten diese Buchung nicht finden',
};
const CHECK_FIELDS = { es: 'Revisa', fr: 'Vérifiez', de: 'Bitte prüfe' };
const LANGUAGES = ['es', 'fr', 'de'] as const;

async function fullSession() {
  const t = await createTenant(app);
  const w = await createWorkshop(t, { seats: 1 });
  const first = await call('/api/v1/public/bookings', {
    method: 'POST',
    body: bookingRequest(t, w, 'first@example.test'),
  });
  expect(first.status).toBe(201);
  return { t, w, manage: manageParts(first.body.manageUrl) };
}

describe('public REST errors in the Accept-Language of the request', () => {
  it('a full session: the same 409 NO_SEATS_AVAILABLE, the message in es, fr and de', async () => {
    const { t, w } = await fullSession();
    const english = await call('/api/v1/public/bookings', {
      method: 'POST',
      body: bookingRequest(t, w, 'late@example.test'),
    });
    expect(english.status).toBe(409);
    for (const language of LANGUAGES) {
      const answer = await call('/api/v1/public/bookings', {
        method: 'POST',
        body: bookingRequest(t, w, `late-${language}@example.test`),
        language: `${language};q=0.9, en;q=0.5`,
      });
      expect(answer.status).toBe(english.status);
      expect(answer.body).toEqual({ error: FULL[language], code: 'NO_SEATS_AVAILABLE' });
      expect(answer.headers.get('content-language')).toBe(language);
      expect(answer.headers.get('vary')).toMatch(/accept-language/i);
    }
  });

  it('a validation error keeps its code, status and issues, and names the fields in the language', async () => {
    const t = await createTenant(app);
    const w = await createWorkshop(t);
    const request = {
      ...bookingRequest(t, w, 'not-an-email'),
      startTime: 'tomorrow',
    };
    const english = await call('/api/v1/public/bookings', { method: 'POST', body: request });
    expect(english.status).toBe(400);
    expect(english.body.error).toMatch(/^Invalid input: /);
    for (const language of LANGUAGES) {
      const answer = await call('/api/v1/public/bookings', { method: 'POST', body: request, language });
      expect(answer.status).toBe(400);
      expect(answer.body.code).toBe('VALIDATION_ERROR');
      expect(answer.body.issues).toEqual(english.body.issues);
      expect(answer.body.error).toContain(CHECK_FIELDS[language]);
      // The detail survives: every field the English message names is named.
      for (const issue of english.body.issues as Array<{ path: string }>) {
        expect(answer.body.error).toContain(issue.path);
      }
      expect(answer.body.error).not.toMatch(/Invalid input/);
      expect(answer.headers.get('content-language')).toBe(language);
    }
  });

  it('not found: the same 404 code in the language, for a booking and an unknown route', async () => {
    const { manage } = await fullSession();
    const path = `/api/v1/public/bookings/${manage.uid}?token=wrong-token`;
    for (const language of LANGUAGES) {
      const answer = await call(path, { language });
      expect(answer.status).toBe(404);
      expect(answer.body).toEqual({ error: BOOKING_MISSING[language], code: 'BOOKING_NOT_FOUND' });
    }
    const unknown = await call('/api/v1/public/nothing-here', { language: 'fr-CA' });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({
      error: 'Il n’y a rien à l’adresse GET /api/v1/public/nothing-here',
      code: 'NOT_FOUND',
    });
    expect(unknown.headers.get('content-language')).toBe('fr');
  });

  it('without the header, in English or in an unsupported language the message is as before', async () => {
    const { t, w, manage } = await fullSession();
    const path = `/api/v1/public/bookings/${manage.uid}?token=wrong-token`;
    for (const language of [undefined, 'en-US', 'ja, ko;q=0.8', 'en;q=0.9, es;q=0']) {
      const missing = await call(path, { language });
      expect(missing.status).toBe(404);
      expect(missing.body).toEqual({ error: 'Booking not found', code: 'BOOKING_NOT_FOUND' });
      expect(missing.headers.get('content-language')).toBe('en');
      const full = await call('/api/v1/public/bookings', {
        method: 'POST',
        body: bookingRequest(t, w, 'again@example.test'),
        language,
      });
      expect(full.body).toEqual({ error: 'This session is fully booked', code: 'NO_SEATS_AVAILABLE' });
    }
  });

  it('staff routes and tRPC stay English', async () => {
    const response = await fetch(`${app.baseUrl}/api/v1/staff/bookings.csv`, {
      headers: { 'accept-language': 'es' },
    });
    const body = (await response.json()) as { error: string; code: string };
    expect(response.status).toBe(401);
    expect(body).toEqual({ error: 'Authentication required', code: 'UNAUTHORIZED' });
    expect(response.headers.get('content-language')).toBeNull();
  });
});

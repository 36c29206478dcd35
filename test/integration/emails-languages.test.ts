import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/client.ts';
import { translator } from '../../src/lib/i18n/translator.ts';
import { createTenant, type TenantFixture, type TestApp, trpcError, useTestApp } from '../support/app.ts';
import {
  book,
  bookingRequest,
  createWorkshop,
  DAY,
  HOUR,
  manageParts,
  ownHours,
  postJson,
} from '../support/bookings.ts';
import { mailsTo } from '../support/mail.ts';
import { fullWorkshop, joinRequest } from '../support/waitlist.ts';

// Issue 18: every e-mail in its reader's language. A booking made in Spanish gets its
// confirmation, reminder and cancellation in Spanish (Content-Language: es); a waitlist entry
// made in German its e-mail in German; staff get their notices in their own language.

const app = useTestApp();
const MINUTE = 60_000;
const es = translator('es');

let t: TenantFixture;

beforeAll(async () => {
  t = await createTenant(app, { plan: 'enterprise' });
  // The owner (the workshops' teacher and a staff recipient) reads French.
  await queryRows(app.database.db, sql`update users set language = 'fr' where id = ${t.owner.id}`);
});

const email = (name: string) => `${name}-${randomBytes(4).toString('hex')}@example.test`;

/** Moves the clock to `at` and brings the reminder jobs due by then forward (as reminders.test.ts). */
async function advanceTo(target: TestApp, at: Date) {
  const by = at.getTime() - target.clock.now().getTime();
  if (by > 0) target.clock.advance(by);
  await queryRows(
    target.database.db,
    sql`update outbox set next_attempt_at = now() - interval '1 second'
        where kind = 'booking.reminder' and status = 'pending'
          and next_attempt_at <= ${target.clock.now().toISOString()}::timestamptz`,
  );
}

describe('e-mails in the reader’s language', () => {
  it('writes a booking made in Spanish its confirmation, reminder and cancellation in Spanish', async () => {
    const w = await createWorkshop(t, {
      startTime: new Date(Math.ceil((app.clock.now().getTime() + 3 * DAY + ownHours()) / MINUTE) * MINUTE),
      recurrence: { frequency: 'none' },
      // Still open to online cancellation after the 24 h reminder.
      cancellationNoticeHours: 1,
    });
    const start = w.sessions[0]!.startTime;
    const end = new Date(start.getTime() + HOUR);
    const address = email('ana');
    const res = await book(app, { ...bookingRequest(t, w, address), language: 'es' } as never);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const { uid, token } = manageParts(res.body.manageUrl);
    const [stored] = await queryRows<{ language: string }>(
      app.database.db,
      sql`select language from bookings where uid = ${uid}`,
    );
    expect(stored!.language).toBe('es');

    const [confirmation] = await mailsTo(app, address, 'Reserva confirmada:');
    expect(confirmation!.headers['content-language']).toBe('es');
    expect(confirmation!.subject).toContain(es.shortDateTime(start, 'America/New_York'));
    expect(confirmation!.text).toContain('Tu reserva con');
    expect(confirmation!.text).toContain(`Cuándo: ${es.range(start, end, 'America/New_York')}`);
    expect(confirmation!.text).not.toContain('Your booking');
    expect(confirmation!.html).toContain('<html lang="es">');
    const invite = confirmation!.attachments.find((a) => a.filename === 'invite.ics')!;
    expect(invite.content).toContain('DESCRIPTION;LANGUAGE=es:');
    expect(invite.content).toContain('Gestiona o cancela tu reserva');

    // The teacher's notice is in the teacher's own language, not the student's.
    const [staffNew] = await mailsTo(app, t.owner.email, 'Nouvelle réservation :');
    expect(staffNew!.headers['content-language']).toBe('fr');

    await advanceTo(app, new Date(start.getTime() - 1440 * MINUTE + MINUTE));
    const [reminder] = await mailsTo(app, address, 'Recordatorio:');
    expect(reminder!.headers['content-language']).toBe('es');
    expect(reminder!.text).toContain('Te recordamos tu próxima sesión');

    const cancelled = await postJson(app, `/api/v1/public/bookings/${uid}/cancel`, { token });
    expect(cancelled.status).toBe(200);
    const [notice] = await mailsTo(app, address, 'Reserva cancelada:');
    expect(notice!.headers['content-language']).toBe('es');
    expect(notice!.text).toContain('Tal como pediste, tu reserva para');
    expect(notice!.text).toContain('Esta reserva era gratuita');
    const [staffCancel] = await mailsTo(app, t.owner.email, 'Réservation annulée :');
    expect(staffCancel!.text).toContain('annulée par l’élève');
  });

  it('writes English, with Content-Language: en, when the booking names no language', async () => {
    const w = await createWorkshop(t, { recurrence: { frequency: 'none' } });
    const address = email('eve');
    const res = await book(app, bookingRequest(t, w, address));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const [confirmation] = await mailsTo(app, address, 'Booking confirmed:');
    expect(confirmation!.headers['content-language']).toBe('en');
    expect(confirmation!.html).toContain('<html lang="en">');
  });

  it('writes a waitlist entry made in German its e-mail in German', async () => {
    const { w } = await fullWorkshop(app, t, 1);
    const address = email('wanda');
    const res = await postJson(app, '/api/v1/public/waitlist', {
      ...joinRequest(t, w, address),
      language: 'de',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const [joined] = await mailsTo(app, address, 'Warteliste:');
    expect(joined!.headers['content-language']).toBe('de');
    expect(joined!.text).toContain('Du stehst auf der Warteliste für');
    expect(joined!.text).toContain('Hallo Wanda Waiting,');
    expect(joined!.html).toContain('Deinen Platz ansehen');
  });

  it('lets staff choose their language on their profile, and writes their notices in it', async () => {
    const school = await createTenant(app, { plan: 'enterprise' });
    const client = school.owner.client;
    expect(await client.viewer.me.query()).toMatchObject({ language: 'en' });
    const saved = await client.immersio.account.updateProfile.mutate({
      name: 'Olga Owner',
      timeZone: 'Europe/Rome',
      language: 'it',
    });
    expect(saved).toMatchObject({ name: 'Olga Owner', language: 'it' });
    expect(await client.viewer.me.query()).toMatchObject({ language: 'it' });
    // Without `language` the profile keeps the one chosen; an unsupported one is refused.
    expect(
      await client.immersio.account.updateProfile.mutate({ name: 'Olga Owner', timeZone: 'Europe/Rome' }),
    ).toMatchObject({ language: 'it' });
    expect(
      await trpcError(
        client.immersio.account.updateProfile.mutate({
          name: 'Olga Owner',
          timeZone: 'Europe/Rome',
          language: 'xx' as never,
        }),
      ),
    ).toMatchObject({ appCode: 'VALIDATION_ERROR', httpStatus: 400 });

    const w = await createWorkshop(school, { recurrence: { frequency: 'none' } });
    const res = await book(app, bookingRequest(school, w, email('bea')));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const [notice] = await mailsTo(app, school.owner.email, 'Nuova prenotazione:');
    expect(notice!.headers['content-language']).toBe('it');
    expect(notice!.text).toContain('Ciao Olga Owner,');
  });

  it('writes a staff member’s password-reset e-mail in their language', async () => {
    const school = await createTenant(app);
    await school.owner.client.immersio.account.updateProfile.mutate({
      name: 'Paula Owner',
      timeZone: 'America/Sao_Paulo',
      language: 'pt-BR',
    });
    const res = await fetch(`${app.baseUrl}/api/auth/request-password-reset`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: school.owner.email }),
    });
    expect(res.status).toBe(200);
    const [reset] = await mailsTo(app, school.owner.email, 'Redefina sua senha do Immersio Booking');
    expect(reset!.headers['content-language']).toBe('pt-BR');
    expect(reset!.text).toContain('Escolha uma nova senha: http');
  });
});

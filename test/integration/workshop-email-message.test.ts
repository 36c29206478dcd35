import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/client.ts';
import { setTenantPlan } from '../../src/modules/tenants/tenant-lookup.ts';
import {
  addSignedInMember,
  createTenant,
  type TenantFixture,
  trpcError,
  useTestApp,
} from '../support/app.ts';
import {
  book,
  bookingByUid,
  bookingRequest,
  createWorkshop,
  HOUR,
  manageParts,
  ownHours,
  waitFor,
} from '../support/bookings.ts';
import { enrol } from '../support/enrolments.ts';
import { mailsTo, sentMail } from '../support/mail.ts';

// The school's own text in the student's confirmations and reminders (issue 17, part 1): a
// workshop setting that needs the plan's customEmails, checked again as each e-mail is built.

const app = useTestApp();
const MINUTE = 60_000;
const MESSAGE = 'Bring your textbook.\nDoors open 10 minutes early <script>alert(1)</script> & more.';

let t: TenantFixture;

beforeAll(async () => {
  t = await createTenant(app, { plan: 'growth', name: 'Lingua & Co' });
});

const email = (name: string) => `${name}-${randomBytes(4).toString('hex')}@example.test`;

/** A one-session free workshop starting `fromNow` after the app's clock. */
function workshopIn(fromNow: number, overrides: Record<string, unknown> = {}, fixture = t) {
  return createWorkshop(fixture, {
    startTime: new Date(Math.ceil((app.clock.now().getTime() + fromNow + ownHours()) / MINUTE) * MINUTE),
    recurrence: { frequency: 'none' },
    ...overrides,
  });
}

async function bookFree(fixture: TenantFixture, workshop: Awaited<ReturnType<typeof createWorkshop>>) {
  const address = email('ana');
  const res = await book(app, bookingRequest(fixture, workshop, address));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const { id } = await bookingByUid(app, manageParts(res.body.manageUrl).uid);
  return { id, address };
}

/** Moves the app's clock to `at`; reminder jobs due by it are brought to the database's now. */
async function advanceTo(at: Date) {
  const by = at.getTime() - app.clock.now().getTime();
  if (by > 0) app.clock.advance(by);
  await queryRows(
    app.database.db,
    sql`update outbox set next_attempt_at = now() - interval '1 second'
        where kind = 'booking.reminder' and status = 'pending'
          and next_attempt_at <= ${app.clock.now().toISOString()}::timestamptz`,
  );
}

function expectNote(mail: { text: string; html: string }) {
  expect(mail.text).toContain(
    'A note from Lingua & Co\n  Bring your textbook.\n  Doors open 10 minutes early <script>alert(1)</script> & more.',
  );
  expect(mail.html).toContain('A note from Lingua &amp; Co');
  expect(mail.html).toContain(
    'Bring your textbook.<br>Doors open 10 minutes early &lt;script&gt;alert(1)&lt;/script&gt; &amp; more.',
  );
  expect(mail.html).not.toContain('<script>');
}

describe('workshop emailMessage', () => {
  it('round-trips through create, update and get: trimmed, empty is null, absent leaves it alone', async () => {
    const w = await workshopIn(3 * 24 * HOUR, { emailMessage: `  ${MESSAGE}\n ` });
    const get = () => t.owner.client.immersio.workshop.get.query({ workshopId: w.id });
    expect((await get()).emailMessage).toBe(MESSAGE);
    const updated = await t.owner.client.immersio.workshop.update.mutate({
      workshopId: w.id,
      emailMessage: 'See you soon',
    });
    expect(updated.emailMessage).toBe('See you soon');
    await t.owner.client.immersio.workshop.update.mutate({ workshopId: w.id, title: 'Renamed class' });
    expect((await get()).emailMessage).toBe('See you soon');
    await t.owner.client.immersio.workshop.update.mutate({ workshopId: w.id, emailMessage: '   ' });
    expect((await get()).emailMessage).toBeNull();
    await t.owner.client.immersio.workshop.update.mutate({ workshopId: w.id, emailMessage: 'x' });
    await t.owner.client.immersio.workshop.update.mutate({ workshopId: w.id, emailMessage: null });
    expect((await get()).emailMessage).toBeNull();
    const plain = await workshopIn(3 * 24 * HOUR);
    expect(
      (await t.owner.client.immersio.workshop.get.query({ workshopId: plain.id })).emailMessage,
    ).toBeNull();
  });

  it('is at most 2,000 characters after trimming: 400 VALIDATION_ERROR beyond', async () => {
    const w = await workshopIn(3 * 24 * HOUR, { emailMessage: ` ${'a'.repeat(2000)} ` });
    const tooLong = 'a'.repeat(2001);
    expect(
      await trpcError(
        t.owner.client.immersio.workshop.update.mutate({ workshopId: w.id, emailMessage: tooLong }),
      ),
    ).toMatchObject({ appCode: 'VALIDATION_ERROR', httpStatus: 400 });
    expect(await trpcError(workshopIn(3 * 24 * HOUR, { emailMessage: tooLong }))).toMatchObject({
      appCode: 'VALIDATION_ERROR',
      httpStatus: 400,
    });
    const got = await t.owner.client.immersio.workshop.get.query({ workshopId: w.id });
    expect(got.emailMessage).toHaveLength(2000);
    // The database holds the same bound.
    await expect(
      queryRows(app.database.db, sql`update workshops set email_message = ${tooLong} where id = ${w.id}`),
    ).rejects.toThrow();
  });

  it('needs customEmails to set one: 403 FORBIDDEN on a plan without, clearing is always fine', async () => {
    const starter = await createTenant(app, { plan: 'starter' });
    expect(await trpcError(workshopIn(3 * 24 * HOUR, { emailMessage: 'Hi' }, starter))).toMatchObject({
      appCode: 'FORBIDDEN',
      httpStatus: 403,
    });
    const w = await workshopIn(3 * 24 * HOUR, { emailMessage: null }, starter);
    expect(
      await trpcError(
        starter.owner.client.immersio.workshop.update.mutate({ workshopId: w.id, emailMessage: 'Hi' }),
      ),
    ).toMatchObject({ appCode: 'FORBIDDEN', httpStatus: 403 });
    await starter.owner.client.immersio.workshop.update.mutate({ workshopId: w.id, emailMessage: '' });
    await starter.owner.client.immersio.workshop.update.mutate({ workshopId: w.id, emailMessage: null });
    expect(
      (await starter.owner.client.immersio.workshop.get.query({ workshopId: w.id })).emailMessage,
    ).toBeNull();
  });

  it('is admin only, and another tenant cannot set it on this workshop', async () => {
    const w = await workshopIn(3 * 24 * HOUR, { emailMessage: 'Ours' });
    const member = await addSignedInMember(app, t.tenantId, 'MEMBER');
    const other = await createTenant(app, { plan: 'enterprise' });
    expect(
      await trpcError(
        member.client.immersio.workshop.update.mutate({ workshopId: w.id, emailMessage: 'Mine' }),
      ),
    ).toMatchObject({ appCode: 'FORBIDDEN', httpStatus: 403 });
    expect(
      await trpcError(
        other.owner.client.immersio.workshop.update.mutate({ workshopId: w.id, emailMessage: 'Mine' }),
      ),
    ).toMatchObject({ appCode: 'WORKSHOP_NOT_FOUND', httpStatus: 404 });
    expect((await t.owner.client.immersio.workshop.get.query({ workshopId: w.id })).emailMessage).toBe(
      'Ours',
    );
  });

  it('is in the confirmation and the reminder, escaped in HTML, line breaks kept', async () => {
    const w = await workshopIn(3 * HOUR, { emailMessage: MESSAGE, reminderMinutesBefore: [60] });
    const start = w.sessions[0]!.startTime;
    const b = await bookFree(t, w);
    const [confirmation] = await mailsTo(app, b.address, 'Booking confirmed:');
    expectNote(confirmation!);
    await advanceTo(new Date(start.getTime() - 59 * MINUTE));
    const [reminder] = await mailsTo(app, b.address, 'Reminder:');
    expectNote(reminder!);
  });

  it('is in a whole-course enrolment confirmation', async () => {
    const w = await workshopIn(3 * 24 * HOUR, {
      emailMessage: MESSAGE,
      recurrence: { frequency: 'weekly', count: 2 },
    });
    const address = email('course');
    const res = await enrol(app, t, w.slug, address);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const [confirmation] = await mailsTo(app, address, 'Enrolment confirmed:');
    expectNote(confirmation!);
  });

  it('is kept but no longer sent once the plan loses customEmails', async () => {
    const school = await createTenant(app, { plan: 'growth', name: 'Lingua & Co' });
    const w = await workshopIn(3 * HOUR, { emailMessage: MESSAGE, reminderMinutesBefore: [60] }, school);
    const start = w.sessions[0]!.startTime;
    const before = await bookFree(school, w);
    expectNote((await mailsTo(app, before.address, 'Booking confirmed:'))[0]!);

    await setTenantPlan(app.database.db, school.tenantId, 'starter');
    const after = await bookFree(school, w);
    const [confirmation] = await mailsTo(app, after.address, 'Booking confirmed:');
    expect(confirmation!.text).not.toContain('A note from');
    expect(confirmation!.html).not.toContain('A note from');
    expect((await school.owner.client.immersio.workshop.get.query({ workshopId: w.id })).emailMessage).toBe(
      MESSAGE,
    );

    // The reminder of the booking confirmed while the plan had it is built now: without the note.
    await advanceTo(new Date(start.getTime() - 59 * MINUTE));
    for (const address of [before.address, after.address]) {
      const [reminder] = await mailsTo(app, address, 'Reminder:');
      expect(reminder!.text).not.toContain('A note from');
      expect(reminder!.html).not.toContain('Bring your textbook');
    }
    await waitFor(async () => (await sentMail(app, before.address)).length === 2);
  });
});

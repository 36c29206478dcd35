import { DateTime } from 'luxon';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_BATCH } from '../../src/modules/bookings/bookings-export.ts';
import { addSignedInMember, createTenant, type TenantFixture, useTestApp } from '../support/app.ts';
import {
  bookSeat,
  connectStripe,
  csvRecords,
  getCsv,
  insertBulkBookings,
  oneSessionWorkshop,
  paidSeat,
} from '../support/staff-bookings.ts';

// GET /api/v1/staff/bookings.csv: the filtered list or a session's roster as RFC 4180 CSV,
// streamed from the database in batches, with the list's filters and the MEMBER's scope.

const app = useTestApp({ env: { HOLD_SWEEP_MS: '3600000' } });

type Member = Awaited<ReturnType<typeof addSignedInMember>>;
type Workshop = Awaited<ReturnType<typeof oneSessionWorkshop>>;
let a: TenantFixture;
let teacher: Member;
let other: TenantFixture;
/** Taught by the owner: attendees whose names need quoting or would run as formulas. */
let tricky: Workshop;
/** Taught by `teacher`, with more bookings than one export batch. */
let crowded: Workshop;
const BULK = EXPORT_BATCH * 2 + 34;

const NAMES = {
  quoted: 'Smith, "Jo"',
  formula: '=HYPERLINK("http://evil.test","x")',
  plus: '+44 20 7946 0000',
  minus: '-2+3',
  at: '@SUM(A1:A2)',
};

beforeAll(async () => {
  a = await createTenant(app);
  await connectStripe(a);
  [teacher, other] = await Promise.all([addSignedInMember(app, a.tenantId, 'MEMBER'), createTenant(app)]);
  tricky = await oneSessionWorkshop(a, { title: 'Tricky Names' });
  crowded = await oneSessionWorkshop(a, { title: 'Crowded Café', price: 0, teacherId: teacher.id });
  await paidSeat(app, a, tricky, 'quoted@example.test', NAMES.quoted);
  for (const [key, name] of Object.entries(NAMES).slice(1)) {
    await bookSeat(app, a, tricky, `${key}@example.test`, name);
  }
  const leaving = await bookSeat(app, a, crowded, 'leaving@example.test', 'Lea Leaving');
  await a.owner.client.immersio.booking.cancel.mutate({
    bookingId: leaving.id,
    reason: 'Line one\r\nLine two, with a comma',
  });
  const session = crowded.sessions[0]!;
  await insertBulkBookings(
    app,
    { tenantId: a.tenantId, workshopId: crowded.id, sessionId: session.id, ...session },
    BULK,
  );
});

describe('GET /api/v1/staff/bookings.csv', () => {
  it('exports the filtered list as RFC 4180 CSV, quoted where needed, formulas neutralised', async () => {
    const res = await getCsv(app, { workshopId: tricky.id }, { token: a.owner.token });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="bookings-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(res.text.startsWith('\uFEFFBooking,Status,Session start,')).toBe(true);
    // CRLF between records; quotes doubled inside a quoted field.
    expect(res.text.split('\r\n').length).toBe(7);
    expect(res.text).toContain(',"Smith, ""Jo""",');
    expect(res.text).toContain(',"\'=HYPERLINK(""http://evil.test"",""x"")",');

    const records = csvRecords(res.rows);
    expect(records.map((r) => r.Attendee)).toEqual([
      `'${NAMES.at}`,
      `'${NAMES.minus}`,
      `'${NAMES.plus}`,
      `'${NAMES.formula}`,
      NAMES.quoted,
    ]);
    const paid = records.at(-1)!;
    const start = DateTime.fromJSDate(tricky.sessions[0]!.startTime, { zone: 'Europe/Berlin' });
    expect(paid).toMatchObject({
      Status: 'accepted',
      'Session start': start.toFormat('yyyy-MM-dd HH:mm'),
      'Session time zone': 'Europe/Berlin',
      Workshop: 'Tricky Names',
      Teacher: 'Owner',
      'E-mail': 'quoted@example.test',
      'Attendee time zone': 'Asia/Tokyo',
      Paid: 'yes',
      Amount: '25.00',
      Currency: 'EUR',
      'Payment status': 'succeeded',
      'Refund amount': '',
      Source: 'public',
      'Cancelled at (UTC)': '',
    });
    expect(new Date(paid['Booked at (UTC)']!).toISOString()).toBe(paid['Booked at (UTC)']);
    expect(records[0]).toMatchObject({ Status: 'pending', Paid: 'no', Amount: '' });

    // The same rows as the list shows for the same filters.
    const listed = await a.owner.client.immersio.booking.list.query({ workshopId: tricky.id });
    expect(records.map((r) => r.Booking)).toEqual(listed.bookings.map((b) => b.uid));
  });

  it('exports a session’s roster in booking order, streamed in batches, a line break in a field quoted', async () => {
    const session = crowded.sessions[0]!;
    const res = await getCsv(app, { sessionId: session.id }, { token: a.owner.token });
    expect(res.status).toBe(200);
    // Written as it is read: no length known up front.
    expect(res.headers.get('content-length')).toBeNull();
    expect(res.headers.get('transfer-encoding')).toBe('chunked');
    const start = DateTime.fromJSDate(session.startTime, { zone: 'Europe/Berlin' });
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="roster-crowded-cafe-${start.toFormat('yyyy-MM-dd-HHmm')}.csv"`,
    );
    const records = csvRecords(res.rows);
    expect(records).toHaveLength(BULK + 1);
    expect(new Set(records.map((r) => r.Booking)).size).toBe(BULK + 1);
    expect(records[0]).toMatchObject({
      Attendee: 'Lea Leaving',
      Status: 'cancelled',
      'Cancelled by': 'admin',
      'Cancellation reason': 'Line one\r\nLine two, with a comma',
    });
    // The attendance column (issue 17) follows it, empty while unmarked.
    // Then the Attendance and Answers columns (issue 17), empty.
    expect(res.text).toContain(',"Line one\r\nLine two, with a comma",,\r\n');
    const bulk = records.slice(1).map((r) => r.Attendee);
    expect(bulk).toEqual(Array.from({ length: BULK }, (_, i) => `Bulk ${String(i + 1).padStart(4, '0')}`));
    expect(records[1]).toMatchObject({ Source: 'import', Paid: 'no', 'Session time zone': 'Europe/Berlin' });
  });

  it('takes the session cookie as well as a bearer token; without either 401', async () => {
    const signIn = await fetch(`${app.baseUrl}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: a.owner.email, password: a.owner.password }),
    });
    const cookie = signIn.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const res = await getCsv(app, { workshopId: tricky.id }, { cookie });
    expect(res.status).toBe(200);
    expect(res.rows).toHaveLength(6);
    const anonymous = await getCsv(app, { workshopId: tricky.id });
    expect(anonymous.status).toBe(401);
    expect(anonymous.error?.code).toBe('UNAUTHORIZED');
  });

  it('a MEMBER exports the bookings of their own classes only', async () => {
    const res = await getCsv(app, {}, { token: teacher.token });
    expect(res.status).toBe(200);
    const records = csvRecords(res.rows);
    expect(records).toHaveLength(BULK + 1);
    expect(new Set(records.map((r) => r.Workshop))).toEqual(new Set(['Crowded Café']));
    for (const query of [
      { teacherId: a.owner.id },
      { workshopId: tricky.id },
      { sessionId: tricky.sessions[0]!.id },
    ]) {
      const refused = await getCsv(app, query, { token: teacher.token });
      expect(refused.status, JSON.stringify(query)).toBe(403);
      expect(refused.error?.code).toBe('FORBIDDEN');
    }
  });

  it('never exports another school’s bookings', async () => {
    const theirs = await getCsv(app, {}, { token: other.owner.token });
    expect(theirs.status).toBe(200);
    expect(theirs.rows).toEqual([expect.arrayContaining(['Booking', 'Attendee'])]);
    const roster = await getCsv(app, { sessionId: crowded.sessions[0]!.id }, { token: other.owner.token });
    expect(roster.status).toBe(404);
    expect(roster.error?.code).toBe('NOT_FOUND');
    const workshop = await getCsv(app, { workshopId: tricky.id }, { token: other.owner.token });
    expect(workshop.status).toBe(404);
    expect(workshop.error?.code).toBe('WORKSHOP_NOT_FOUND');
  });

  it('refuses bad filters with 400 VALIDATION_ERROR', async () => {
    for (const query of [
      { from: '2026-99-01' },
      { from: '2026-05-02', to: '2026-05-01' },
      { status: 'paid' },
      { workshopId: 'abc' },
      { sessionId: '0' },
    ]) {
      const res = await getCsv(app, query, { token: a.owner.token });
      expect(res.status, JSON.stringify(query)).toBe(400);
      expect(res.error?.code).toBe('VALIDATION_ERROR');
    }
  });
});

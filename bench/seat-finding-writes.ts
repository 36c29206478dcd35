// The requests and bare SQL of bench/seat-finding.ts (issue 16's writes), one per request
// number `n`, and the check that an HTTP answer took the path meant. The fixtures they use are
// bench/seat-finding-server.ts's.
import { randomBytes } from 'node:crypto';
import type pg from 'pg';

export type Kind = 'enrolment' | 'pass' | 'waitlist';
export const KINDS: Kind[] = ['enrolment', 'pass', 'waitlist'];

interface Holders {
  emailPrefix: string;
  count: number;
}

export interface Ready {
  app: string;
  tenantId: number;
  tenantSlug: string;
  enrolment: {
    http: { slugs: string[] };
    raw: Array<{ workshopId: number; sessionIds: number[] }>;
  };
  pass: {
    http: { workshopId: number; slug: string; startTimes: string[]; holders: Holders };
    raw: { workshopId: number; sessionIds: number[]; holders: Holders };
  };
  waitlist: {
    http: { slug: string; startTimes: string[] };
    raw: { workshopId: number; sessionIds: number[] };
  };
}

/** Request numbers go on across warm-up and rounds: every request writes something new. */
export type Counter = { next: number };

const uid = (prefix: string) => `${prefix}${randomBytes(10).toString('hex')}`;
const attendee = (email: string) => ({ name: 'Bench Student', email, timeZone: 'Europe/Berlin' });

/** Takes the seat if the session is open and has one free, and inserts its booking: one statement. */
const SEAT_AND_BOOKING = `with seat as (
    update workshop_sessions set booked_seats = booked_seats + 1
    where id = $1 and tenant_id = $2 and status = 'scheduled' and start_time > now() and booked_seats < seats
    returning start_time, end_time
  )
  insert into bookings (uid, tenant_id, workshop_id, session_id, title, start_time, end_time, status, paid,
    attendee_email, attendee_name, attendee_time_zone, amount_cents, currency, series_uid)
  select $3, $2, $4, $1, 'Raw SQL', start_time, end_time, 'accepted', $5, $6, 'Bench Student', 'UTC', 0, 'EUR', $7
  from seat returning id`;

/** Takes a credit from the holder's first usable pass and writes its ledger row: one statement. */
const PASS_CREDIT = `with pass as (
    update student_passes set credits_remaining = credits_remaining - 1, updated_at = now()
    where tenant_id = $1 and status = 'active' and expires_at > now() and credits_remaining >= 1
      and id = (select id from student_passes where tenant_id = $1 and buyer_email = $2 and status = 'active'
                  and expires_at > now() and credits_remaining >= 1
                  and (workshop_ids is null or $3 = any(workshop_ids))
                order by expires_at, id limit 1)
    returning id, credits_remaining
  )
  insert into pass_credit_entries (tenant_id, student_pass_id, kind, delta, balance_after, booking_id)
  select $1, id, 'booking', -1, credits_remaining, $4 from pass returning id`;

/** The bare writes, one per request `n`, on a client already in no transaction. */
export const bareWrites: Record<Kind, (client: pg.PoolClient, ready: Ready, n: number) => Promise<void>> = {
  async enrolment(client, ready, n) {
    const course = ready.enrolment.raw[n % ready.enrolment.raw.length]!;
    const enrolmentUid = uid('enrolment_');
    const email = `rawenrol${n}@bench.test`;
    await client.query('begin');
    try {
      await client.query(
        `insert into enrolments (uid, tenant_id, workshop_id, attendee_email, attendee_name, attendee_time_zone,
           session_count, course_sessions, amount_cents, currency)
         values ($1, $2, $3, $4, 'Bench Student', 'UTC', $5, $5, 0, 'EUR')`,
        [enrolmentUid, ready.tenantId, course.workshopId, email, course.sessionIds.length],
      );
      for (const sessionId of course.sessionIds) {
        const seat = await client.query(SEAT_AND_BOOKING, [
          sessionId,
          ready.tenantId,
          uid('booking_'),
          course.workshopId,
          false,
          email,
          enrolmentUid,
        ]);
        if (seat.rowCount !== 1) throw new Error(`bare enrolment: no seat left in session ${sessionId}`);
      }
      await client.query('commit');
    } catch (error) {
      await client.query('rollback');
      throw error;
    }
  },
  async pass(client, ready, n) {
    const { workshopId, sessionIds, holders } = ready.pass.raw;
    const sessionId = sessionIds[n % sessionIds.length]!;
    const email = `${holders.emailPrefix}${n % holders.count}@bench.test`;
    await client.query('begin');
    try {
      const seat = await client.query(SEAT_AND_BOOKING, [
        sessionId,
        ready.tenantId,
        uid('booking_'),
        workshopId,
        true,
        email,
        null,
      ]);
      if (seat.rowCount !== 1) throw new Error(`bare pass booking: no seat left in session ${sessionId}`);
      const credit = await client.query(PASS_CREDIT, [ready.tenantId, email, workshopId, seat.rows[0].id]);
      if (credit.rowCount !== 1) throw new Error(`bare pass booking: ${email} has no credit left`);
      await client.query('commit');
    } catch (error) {
      await client.query('rollback');
      throw error;
    }
  },
  async waitlist(client, ready, n) {
    const { workshopId, sessionIds } = ready.waitlist.raw;
    await client.query(
      `insert into waitlist_entries (uid, tenant_id, workshop_id, session_id, email, name, time_zone)
       values ($1, $2, $3, $4, $5, 'Bench Student', 'UTC')`,
      [uid('wait_'), ready.tenantId, workshopId, sessionIds[n % sessionIds.length], `rawwait${n}@bench.test`],
    );
  },
};

/** The requests, one per `n`: path and JSON body. */
export const httpRequests: Record<Kind, (ready: Ready, n: number) => { path: string; body: unknown }> = {
  enrolment: (ready, n) => ({
    path: '/api/v1/public/enrolments',
    body: {
      tenantSlug: ready.tenantSlug,
      workshopSlug: ready.enrolment.http.slugs[n % ready.enrolment.http.slugs.length],
      attendee: attendee(`enrol${n}@bench.test`),
    },
  }),
  pass: (ready, n) => {
    const { slug, startTimes, holders } = ready.pass.http;
    return {
      path: '/api/v1/public/bookings',
      body: {
        tenantSlug: ready.tenantSlug,
        workshopSlug: slug,
        startTime: startTimes[n % startTimes.length],
        attendee: attendee(`${holders.emailPrefix}${n % holders.count}@bench.test`),
      },
    };
  },
  waitlist: (ready, n) => ({
    path: '/api/v1/public/waitlist',
    body: {
      tenantSlug: ready.tenantSlug,
      workshopSlug: ready.waitlist.http.slug,
      startTime: ready.waitlist.http.startTimes[n % ready.waitlist.http.startTimes.length],
      attendee: attendee(`wait${n}@bench.test`),
    },
  }),
};

/** The parts of the three answers the check reads. */
interface Answer {
  enrolment?: { sessionCount: number; status: string };
  booking?: { status: string };
  payment?: unknown;
  pass?: { uid: string };
  entry?: { status: string; position: number };
}

/**
 * One request of the kind, answered as the run expects (201, the path meant: an enrolment of 4
 * confirmed seats, a booking the pass paid, a place in line), before any is timed; afterwards
 * the database check confirms every write took that path.
 */
export async function checkAnswer(ready: Ready, kind: Kind, counter: Counter) {
  const { path, body } = httpRequests[kind](ready, counter.next++);
  const response = await fetch(`${ready.app}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  const a: Answer = response.status === 201 ? JSON.parse(text) : {};
  const meant = {
    enrolment: () =>
      a.enrolment?.sessionCount === 4 && a.enrolment.status === 'accepted' && a.payment === null,
    pass: () => a.booking?.status === 'accepted' && a.payment === null && typeof a.pass?.uid === 'string',
    waitlist: () => a.entry?.status === 'waiting' && a.entry.position >= 1,
  }[kind]();
  if (!meant) throw new Error(`${kind} over HTTP answered ${response.status} ${text.slice(0, 500)}`);
}

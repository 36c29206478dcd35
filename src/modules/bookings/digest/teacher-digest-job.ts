import { z } from 'zod';
import type { Database } from '../../../db/client.ts';
import type { Env } from '../../../env.ts';
import { dbId } from '../../../lib/boundary.schema.ts';
import { enqueueJob } from '../../outbox/enqueue.ts';
import { type DeliveryContext, defineJob } from '../../outbox/job-definition.ts';
import { labelledAnswers } from '../../workshops/booking-answers.ts';
import { revealedLocation } from '../notifications.ts';
import * as repo from './teacher-digest.repo.ts';
import { teacherDigestEmail } from './teacher-digest-email.ts';

// Teachers' morning digest (issue 17): every instance's poller (app.ts, each minute) claims the
// digests due (07:00 in each teacher's zone, on days they teach) and queues one job each in the
// same transaction; the job reads the day's sessions again when it runs and sends the e-mail.

export const TEACHER_DIGEST_POLL_TICK_MS = 60_000;

const digestPayload = z.object({
  teacherId: dbId(),
  /** The teacher's local day, as claimed in `teacher_digests`. */
  localDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});

export type TeacherDigestJob = z.output<typeof digestPayload>;

export const teacherDigestJob = defineJob({
  kind: 'bookings.teacher-digest',
  payload: digestPayload,
  handle: (
    payload,
    ctx: DeliveryContext,
    send: (job: TeacherDigestJob, ctx: DeliveryContext) => Promise<void>,
  ) => send(payload, ctx),
});

/** One poll round: claims the digests due at `now` and queues each. Returns how many. */
export function queueDueTeacherDigests(deps: { db: Database; now: () => Date }): Promise<number> {
  return deps.db.transaction(async (tx) => {
    const due = await repo.claimDueDigests(tx, deps.now());
    for (const d of due) {
      await enqueueJob(
        tx,
        teacherDigestJob,
        { teacherId: d.teacherId, localDate: d.localDate },
        { tenantId: d.tenantId },
      );
    }
    return due.length;
  });
}

/**
 * Sends the digest if there is still something to say: the teacher is still a member taking it,
 * and has sessions of that day still to start (cancelled ones and bookings are left out).
 */
export function teacherDigestHandler(deps: {
  db: Database;
  env: Pick<Env, 'PUBLIC_BASE_URL'>;
  now: () => Date;
  sendEmail: (payload: unknown) => Promise<void>;
}): (job: TeacherDigestJob, ctx: DeliveryContext) => Promise<void> {
  return async ({ teacherId, localDate }, ctx) => {
    if (ctx.tenantId === null) {
      throw Object.assign(new Error('A teacher digest job needs its tenant'), { permanent: true });
    }
    const tenantId = ctx.tenantId;
    const teacher = await repo.findDigestTeacher(deps.db, tenantId, teacherId);
    if (!teacher) return;
    const sessions = await repo.listDigestSessions(deps.db, tenantId, teacherId, {
      localDate,
      zone: teacher.timeZone,
      now: deps.now(),
    });
    if (sessions.length === 0) return;
    const bookings = await repo.listDigestBookings(
      deps.db,
      tenantId,
      sessions.map((s) => s.id),
    );
    const appUrl = `${deps.env.PUBLIC_BASE_URL}/app`;
    const email = teacherDigestEmail({
      tenant: { name: teacher.tenantName },
      teacher: {
        name: teacher.name,
        email: teacher.email,
        timeZone: teacher.timeZone,
        language: teacher.language,
      },
      localDate,
      accountUrl: `${appUrl}/account`,
      sessions: sessions.map((s) => ({
        startTime: s.startTime,
        endTime: s.endTime,
        title: s.title,
        location: s.locations.length > 0 ? revealedLocation(s.locations, teacher.language) : null,
        seats: s.seats,
        bookedSeats: s.bookedSeats,
        rosterUrl: `${appUrl}/sessions/${s.id}`,
        attendees: bookings
          .filter((b) => b.sessionId === s.id)
          .map((b) => ({
            name: b.attendeeName,
            email: b.attendeeEmail,
            pending: b.status === 'pending',
            answers: labelledAnswers(s.questions, b.answers),
          })),
      })),
    });
    await deps.sendEmail(email);
  };
}

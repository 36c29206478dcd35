import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { bookings } from '../../src/db/schema/index.ts';
import { createTenant, type TenantFixture, useTestApp } from '../support/app.ts';
import { book, bookingRequest, createWorkshop, eventsOf, seatState } from '../support/bookings.ts';
import { bookAs, SSO_ENV, signInImmersioStudent } from '../support/immersio-sso.ts';

// The Immersio student id of a public booking (which can satisfy a whitelist by itself) comes
// only from a "Sign in with Immersio" session of the booking's tenant, never from the body.

const app = useTestApp({ env: SSO_ENV });

async function bookingRow(uid: string) {
  const [row] = await app.database.db
    .select({
      immersioStudentId: bookings.immersioStudentId,
      registrationSource: bookings.registrationSource,
      attendeeEmail: bookings.attendeeEmail,
    })
    .from(bookings)
    .where(eq(bookings.uid, uid));
  return row;
}

/** A workshop whose whitelist lists `studentId` under an address nobody books with. */
async function whitelistedById(t: TenantFixture, studentId: string) {
  const w = await createWorkshop(t, { whitelistEnabled: true, whitelistEmails: [] });
  await t.owner.client.immersio.workshop.updateWhitelist.mutate({
    workshopId: w.id,
    mode: 'add',
    emails: [{ email: 'listed-elsewhere@example.test', immersioStudentId: studentId }],
  });
  return w;
}

describe('POST /api/v1/public/bookings and the Immersio student id', () => {
  it('a signed-in student of the tenant books a workshop whitelisted by their student id only', async () => {
    const t = await createTenant(app);
    const w = await whitelistedById(t, 'stu-ana');
    const ana = await signInImmersioStudent(app, t.tenantId, { studentId: 'stu-ana' });

    // Their address is not on the list: anonymously they are refused.
    const anonymous = await book(app, bookingRequest(t, w, ana.email));
    expect(anonymous.status).toBe(403);
    expect(anonymous.body.code).toBe('WHITELIST_DENIED');

    const booked = await bookAs(app, ana, bookingRequest(t, w, ana.email));
    expect(booked.status).toBe(201);
    expect(booked.body.booking.status).toBe('accepted');
    expect(await bookingRow(booked.body.booking.uid)).toEqual({
      immersioStudentId: 'stu-ana',
      registrationSource: 'immersio',
      attendeeEmail: ana.email,
    });
    const [created] = await eventsOf(app, t.tenantId, 'BOOKING_CREATED');
    expect(created.data.booking).toMatchObject({
      uid: booked.body.booking.uid,
      metadata: { immersioStudentId: 'stu-ana' },
    });

    // The session cookie works as well (the booking page), and repeating the session's own id
    // in the body is fine.
    const second = await bookAs(
      app,
      ana,
      bookingRequest(t, w, ana.email, {
        startTime: w.sessions[1]!.startTime.toISOString(),
        immersioStudentId: 'stu-ana',
      }),
      'cookie',
    );
    expect(second.status).toBe(201);
    expect(await bookingRow(second.body.booking.uid)).toMatchObject({
      immersioStudentId: 'stu-ana',
      registrationSource: 'immersio',
    });
  });

  it('an anonymous body with immersioStudentId is 403 FORBIDDEN and books nothing', async () => {
    const t = await createTenant(app);
    const w = await whitelistedById(t, 'stu-ana');
    for (const workshop of [w, await createWorkshop(t)]) {
      const res = await book(
        app,
        bookingRequest(t, workshop, 'mallory@example.test', { immersioStudentId: 'stu-ana' }),
      );
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('FORBIDDEN');
      expect(res.body.error).toContain('Sign in with Immersio');
      expect(res.body.error).toContain('GET /api/v1/oauth/immersio/start');
      expect(await seatState(app, workshop.sessions[0]!.id)).toMatchObject({ booked: 0, live: 0 });
    }
    // A staff session vouches for no student either.
    const staff = await fetch(`${app.baseUrl}/api/v1/public/bookings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${t.owner.token}` },
      body: JSON.stringify(bookingRequest(t, w, t.owner.email, { immersioStudentId: 'stu-ana' })),
    });
    expect(staff.status).toBe(403);
    expect(((await staff.json()) as { code: string }).code).toBe('FORBIDDEN');
  });

  it('another tenant’s student session: an id is 403; without one it is a plain public booking', async () => {
    const a = await createTenant(app);
    const b = await createTenant(app);
    const whitelisted = await whitelistedById(a, 'stu-bob');
    const open = await createWorkshop(a);
    const bob = await signInImmersioStudent(app, b.tenantId, { studentId: 'stu-bob' });

    const withId = await bookAs(
      app,
      bob,
      bookingRequest(a, whitelisted, bob.email, { immersioStudentId: 'stu-bob' }),
    );
    expect(withId.status).toBe(403);
    expect(withId.body.code).toBe('FORBIDDEN');
    expect(withId.body.error).toContain('Sign in with Immersio');
    // Tenant B's session does not carry its student id into tenant A's whitelist.
    const withoutId = await bookAs(app, bob, bookingRequest(a, whitelisted, bob.email));
    expect(withoutId.status).toBe(403);
    expect(withoutId.body.code).toBe('WHITELIST_DENIED');

    const plain = await bookAs(app, bob, bookingRequest(a, open, bob.email));
    expect(plain.status).toBe(201);
    expect(await bookingRow(plain.body.booking.uid)).toEqual({
      immersioStudentId: null,
      registrationSource: 'public',
      attendeeEmail: bob.email,
    });
    const [created] = await eventsOf(app, a.tenantId, 'BOOKING_CREATED');
    expect(created.data.booking.uid).toBe(plain.body.booking.uid);
    expect(created.data.booking.metadata).toEqual({});
  });

  it('a body id that differs from the signed-in student’s is 403 FORBIDDEN', async () => {
    const t = await createTenant(app);
    const w = await whitelistedById(t, 'stu-victim');
    const eve = await signInImmersioStudent(app, t.tenantId, { studentId: 'stu-eve' });
    const res = await bookAs(app, eve, bookingRequest(t, w, eve.email, { immersioStudentId: 'stu-victim' }));
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('FORBIDDEN');
    expect(res.body.error).toContain('does not match the signed-in Immersio student');
    expect(await seatState(app, w.sessions[0]!.id)).toMatchObject({ booked: 0, live: 0 });
  });
});

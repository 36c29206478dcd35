import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type ImmersioSimulator, startImmersioSimulator } from '../../dev/immersio-simulator/simulator.ts';
import { webhookSignature } from '../../src/modules/immersio/webhook-signature.ts';
import { createTenant, startTestApp, type TestApp, unique } from '../support/app.ts';
import { book, bookingRequest, createWorkshop, waitFor } from '../support/bookings.ts';
import { bookAs, SSO_ENV, signInImmersioStudent } from '../support/immersio-sso.ts';
import { startReceiver, type WebhookReceiver } from '../support/webhook-receiver.ts';

// The whole loop with the simulator playing Immersio: connect, sync, map a course, an enrolment
// arriving as a signed webhook, the student booking, and BOOKING_CREATED going back out signed.

const SECRET_IN = 'e2e-immersio-secret-0001';
let sim: ImmersioSimulator;
let receiver: WebhookReceiver;
let app: TestApp;

beforeAll(async () => {
  sim = await startImmersioSimulator({});
  receiver = await startReceiver();
  app = await startTestApp({
    env: {
      IMMERSIO_API_URL: sim.url,
      IMMERSIO_WEBHOOK_SECRET: SECRET_IN,
      ALLOW_PRIVATE_WEBHOOK_URLS: 'true',
      ...SSO_ENV,
    },
  });
});
afterAll(async () => {
  await app?.close();
  await receiver?.close();
  await sim?.close();
});

it('connect → sync → map → enrolment webhook in → booking → BOOKING_CREATED out, verifiably signed', async () => {
  const t = await createTenant(app);
  const orgId = unique('org');
  const apiKey = `imm_test_${unique('key')}`;
  const courseId = unique('course');
  sim.addOrg({ id: orgId, name: 'Language Academy', apiKey });
  sim.addCourse(orgId, { id: courseId, name: 'Business English' }, { webhook: false });

  const connected = await t.owner.client.immersio.integration.connect.mutate({
    immersioOrgId: orgId,
    apiKey,
    webhookUrl: `${receiver.url}/immersio`,
  });
  expect(connected.success).toBe(true);
  expect(
    (await t.owner.client.immersio.integration.syncCourses.mutate({ fullSync: true })).coursesCreated,
  ).toBe(1);
  const workshop = await createWorkshop(t, { whitelistEnabled: true });
  const mapped = await t.owner.client.immersio.integration.mapCourse.mutate({
    workshopId: workshop.id,
    immersioCourseId: courseId,
  });
  expect(mapped).toMatchObject({ courseName: 'Business English', studentCount: 0, whitelistUpdated: true });

  // Before the enrolment the student is refused; Immersio's signed webhook lets them in.
  expect((await book(app, bookingRequest(t, workshop, 'ana@example.test'))).status).toBe(403);
  sim.setWebhookTarget({ url: `${app.baseUrl}/api/v1/webhooks/immersio`, secret: SECRET_IN }, orgId);
  sim.enroll(orgId, courseId, { id: 'student_ana', email: 'Ana@Example.test', name: 'Ana' });
  await sim.webhooksSettled();
  expect(sim.deliveries.at(-1)).toMatchObject({ status: 200 });
  // She signs in with Immersio (the session carries her student id) and books.
  const ana = await signInImmersioStudent(app, t.tenantId, {
    studentId: 'student_ana',
    email: 'ana@example.test',
    name: 'Ana',
  });
  const booked = await bookAs(app, ana, bookingRequest(t, workshop, 'ana@example.test'));
  expect(booked.status).toBe(201);

  const { secret } = await t.owner.client.immersio.integration.getWebhookSecret.query();
  const delivered = await waitFor(
    () =>
      receiver.received.find(
        (r) =>
          (JSON.parse(r.body) as { event: string; data: { booking?: { uid: string } } }).data.booking?.uid ===
          booked.body.booking.uid,
      ),
    { what: 'BOOKING_CREATED at the receiver' },
  );
  const headers = Object.fromEntries(Object.entries(delivered.headers).map(([k, v]) => [k, String(v)]));
  // The Standard Webhooks library and our own sha256= scheme both verify it.
  const verified = new Webhook(secret).verify(delivered.body, headers) as {
    event: string;
    data: { booking: Record<string, unknown> };
  };
  expect(verified.event).toBe('BOOKING_CREATED');
  expect(headers['x-webhook-signature']).toBe(
    webhookSignature(secret, headers['x-webhook-timestamp']!, delivered.body),
  );
  expect(verified.data.booking).toMatchObject({
    uid: booked.body.booking.uid,
    workshopId: workshop.id,
    status: 'accepted',
    attendee: { email: 'ana@example.test' },
    metadata: { immersioCourseId: courseId, immersioStudentId: 'student_ana' },
  });
  expect(
    receiver.received.some((r) => (JSON.parse(r.body) as { event: string }).event === 'WORKSHOP_CREATED'),
  ).toBe(true);
  const { logs } = await t.owner.client.immersio.integration.getSyncHistory.query({});
  expect(logs.map((l) => l.syncType).sort()).toEqual(['courses', 'students']);
});

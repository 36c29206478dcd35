import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTenant, type TenantFixture, unique, useTestApp } from '../support/app.ts';
import { createWorkshop, manageParts, postJson } from '../support/bookings.ts';

// The public web's whole-course enrolment (issue 16): the workshop page's offer and form, and the
// enrolment's manage page with its cancel form, all without JavaScript.

const app = useTestApp({ env: { HOLD_SWEEP_MS: '3600000' } });
let t: TenantFixture;

beforeAll(async () => {
  t = await createTenant(app, { plan: 'enterprise' });
  await t.owner.client.immersio.tenant.updateStripeCredentials.mutate({
    stripeAccountId: `acct_${randomBytes(8).toString('hex')}`,
    stripePublishableKey: 'pk_test_emulator0123',
  });
});

const pathOf = (w: { slug: string }) => `/${t.slug}/owner/${w.slug}`;
const get = (path: string) => fetch(`${app.baseUrl}${path}`, { redirect: 'manual' });
const submit = (path: string, fields: Record<string, string>) =>
  fetch(`${app.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });
const email = (name: string) => `${unique(name)}@example.test`;
const enrolFields = (address: string) => ({
  startTime: 'course',
  name: 'Ana Student',
  email: address,
  timeZone: 'Europe/Lisbon',
});

describe('the workshop page’s whole-course offer', () => {
  it('offers the whole course beside single sessions; enrolling free lands on the enrolment page', async () => {
    const w = await createWorkshop(t, {
      title: 'Weekly Spanish',
      recurrence: { frequency: 'weekly', count: 3 },
    });
    const page = await (await get(pathOf(w))).text();
    // The session chooser's last choice is the whole course.
    expect(page).toContain('The whole course');
    expect(page).toMatch(/3 sessions, Free: a seat in every session still to come/);
    expect(page).toContain('id="slot-0" name="startTime"');
    expect(page).toContain('id="slot-course" name="startTime" value="course"');

    const student = email('web-free');
    const sent = await submit(pathOf(w), enrolFields(student));
    expect(sent.status).toBe(303);
    const location = sent.headers.get('location')!;
    expect(location).toMatch(/\/enrolments\/enrolment_[a-f0-9]{20}\?token=.+&enrolled=1$/);
    const manage = await get(new URL(location).pathname + new URL(location).search);
    expect(manage.status).toBe(200);
    expect(manage.headers.get('cache-control')).toBe('no-store');
    const html = await manage.text();
    expect(html).toContain("You're enrolled!");
    expect(html.match(/— Booked/g)).toHaveLength(3);
    expect(html).toContain('Cancel my enrolment');

    // The cancel form cancels every session and comes back saying so.
    const { uid, token } = manageParts(location);
    const cancelled = await submit(`/enrolments/${uid}/cancel`, { token, reason: 'Changed plans' });
    expect(cancelled.status).toBe(303);
    expect(cancelled.headers.get('location')).toMatch(/&cancelled=1&refund=none$/);
    const after = await (await get(cancelled.headers.get('location')!)).text();
    expect(after).toContain('Your enrolment is cancelled.');
    expect(after).toContain('Reason given: Changed plans');
    expect(after.match(/— Cancelled/g)).toHaveLength(3);
    expect(after).not.toContain('Cancel my enrolment');
  });

  it('a course-only class shows only the enrol form; a paid enrolment goes to Stripe Checkout', async () => {
    const w = await createWorkshop(t, {
      title: 'Portuguese course',
      price: 2000,
      currency: 'EUR',
      enrolment: 'course',
      coursePrice: 5000,
      recurrence: { frequency: 'weekly', count: 4 },
    });
    const page = await (await get(pathOf(w))).text();
    expect(page).toContain('Enrol in the course');
    expect(page).toMatch(/4 sessions, €50\.00/);
    expect(page).toContain('<input type="hidden" name="startTime" value="course">');
    expect(page).not.toContain('type="radio"');
    const sent = await submit(pathOf(w), enrolFields(email('web-paid')));
    expect(sent.status).toBe(303);
    expect(sent.headers.get('location')).toContain(app.running.stripeEmulator!.url);
  });

  it('a class sold by the session offers no enrolment; a refused or incomplete enrol form is shown again', async () => {
    const bySession = await createWorkshop(t, { enrolment: 'session' });
    expect(await (await get(pathOf(bySession))).text()).not.toContain('slot-course');

    const w = await createWorkshop(t, { recurrence: { frequency: 'weekly', count: 2 }, seats: 1 });
    const missing = await submit(pathOf(w), { ...enrolFields(''), email: '' });
    expect(missing.status).toBe(400);
    const form = await missing.text();
    expect(form).toContain('href="#email"');
    expect(form).toContain('id="email-error"');
    // The whole course stays chosen.
    expect(form).toContain('value="course" required checked');

    const first = email('web-first');
    expect((await submit(pathOf(w), enrolFields(first))).status).toBe(303);
    // The course is now full: no longer offered, and a stale form is refused in words.
    expect(await (await get(pathOf(w))).text()).not.toContain('slot-course');
    const refused = await submit(pathOf(w), enrolFields(email('web-second')));
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('has just filled up');
  });

  it('a course-only class asks its questions; a missing answer is shown again naming it; answers reach every session', async () => {
    const SCRIPT = '<script>alert(1)</script>';
    const w = await createWorkshop(t, {
      enrolment: 'course',
      recurrence: { frequency: 'weekly', count: 2 },
      questions: [
        { id: 'level', label: 'Your level', type: 'single_choice', required: true, options: ['A1', 'B1'] },
        { id: 'native', label: 'Your native language', type: 'short_text', required: false },
        {
          id: 'topics',
          label: 'Topics',
          type: 'multiple_choice',
          required: false,
          options: ['Travel', 'Work'],
        },
        { id: 'consent', label: 'I agree to be recorded', type: 'checkbox', required: true },
      ],
    });
    const page = await (await get(pathOf(w))).text();
    expect(page).toContain('<input type="hidden" name="startTime" value="course">');
    expect(page).toContain('name="answer.level"');
    expect(page).toContain('name="answer.topics.1"');
    expect(page).toContain('name="answer.consent"');

    const fields = {
      ...enrolFields(email('web-answers')),
      'answer.native': `Dutch ${SCRIPT}`,
      'answer.topics.1': '1',
      'answer.consent': '1',
    };
    const refused = await submit(pathOf(w), fields);
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain('Please check your answers');
    expect(html).toContain('Your level');
    // What was typed is kept, escaped.
    expect(html).not.toContain(SCRIPT);
    expect(html).toContain('Dutch &lt;script&gt;');

    const sent = await submit(pathOf(w), { ...fields, 'answer.level': 'B1' });
    expect(sent.status).toBe(303);
    expect(sent.headers.get('location')).toMatch(/&enrolled=1$/);
    const listed = await t.owner.client.immersio.workshop.getBookings.query({ workshopId: w.id });
    expect(listed.bookings.map((b) => b.answers)).toEqual(
      Array(2).fill({ level: 'B1', native: `Dutch ${SCRIPT}`, topics: ['Work'], consent: true }),
    );
  });

  it('an unknown enrolment or a wrong token is a 404 page', async () => {
    const w = await createWorkshop(t, { recurrence: { frequency: 'weekly', count: 2 } });
    const res = await postJson(app, '/api/v1/public/enrolments', {
      tenantSlug: t.slug,
      workshopSlug: w.slug,
      attendee: { name: 'Ana', email: email('web-404'), timeZone: 'UTC' },
    });
    const { uid, token } = manageParts(res.body.manageUrl);
    expect((await get(`/enrolments/${uid}?token=nope`)).status).toBe(404);
    expect((await get(`/enrolments/enrolment_${'0'.repeat(20)}?token=${token}`)).status).toBe(404);
    expect((await get(`/enrolments/${uid}`)).status).toBe(404);
    expect((await submit(`/enrolments/${uid}/cancel`, { token: 'nope' })).status).toBe(404);
  });
});

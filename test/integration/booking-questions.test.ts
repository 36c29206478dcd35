import { beforeAll, describe, expect, it } from 'vitest';
import {
  addSignedInMember,
  createTenant,
  type TenantFixture,
  trpcError,
  unique,
  useTestApp,
} from '../support/app.ts';
import { book, bookingByUid, bookingRequest, createWorkshop, eventsOf } from '../support/bookings.ts';
import { queuedEmails } from '../support/emails.ts';
import { connectStripe, csvRecords, emulatorOf, getCsv } from '../support/staff-bookings.ts';

// Issue 17, part 4: a workshop's booking questions, asked by the public API and the workshop
// page, checked against the questions, stored on the booking and shown to staff everywhere.

const app = useTestApp({ env: { HOLD_SWEEP_MS: '3600000' } });

const QUESTIONS = [
  { id: 'level', label: 'Your level', type: 'single_choice', required: true, options: ['A1', 'B1', 'C1'] },
  { id: 'native', label: 'Your native language', type: 'short_text', required: true },
  { id: 'goals', label: 'Your goals', type: 'long_text', required: false },
  { id: 'topics', label: 'Topics', type: 'multiple_choice', required: false, options: ['Travel', 'Work'] },
  { id: 'consent', label: 'I agree to be recorded', type: 'checkbox', required: true },
] as const;

const SCRIPT = '<script>alert(1)</script>';

let a: TenantFixture;
let other: TenantFixture;
let member: Awaited<ReturnType<typeof addSignedInMember>>;

beforeAll(async () => {
  [a, other] = await Promise.all([createTenant(app), createTenant(app)]);
  member = await addSignedInMember(app, a.tenantId, 'MEMBER');
});

const withQuestions = () => createWorkshop(a, { questions: QUESTIONS, recurrence: { frequency: 'none' } });

describe('workshop questions on create and update', () => {
  it('stores them on create, replaces them on update, and `[]` asks none', async () => {
    const w = await withQuestions();
    const got = await a.owner.client.immersio.workshop.get.query({ workshopId: w.id });
    expect(got.questions).toEqual(QUESTIONS);

    const changed = [{ id: 'why', label: 'Why Spanish?', type: 'long_text', required: false }] as const;
    await a.owner.client.immersio.workshop.update.mutate({ workshopId: w.id, questions: [...changed] });
    expect((await a.owner.client.immersio.workshop.get.query({ workshopId: w.id })).questions).toEqual(
      changed,
    );
    await a.owner.client.immersio.workshop.update.mutate({ workshopId: w.id, title: 'Renamed class' });
    expect((await a.owner.client.immersio.workshop.get.query({ workshopId: w.id })).questions).toEqual(
      changed,
    );
    await a.owner.client.immersio.workshop.update.mutate({ workshopId: w.id, questions: [] });
    expect((await a.owner.client.immersio.workshop.get.query({ workshopId: w.id })).questions).toEqual([]);
  });

  it.each([
    ['more than 10', Array.from({ length: 11 }, (_, i) => ({ id: `q${i}`, label: 'Q', type: 'short_text' }))],
    ['duplicate ids', [QUESTIONS[1], { ...QUESTIONS[1], label: 'Again' }]],
    ['a choice without options', [{ id: 'x', label: 'Pick', type: 'single_choice', required: false }]],
    ['duplicate options', [{ id: 'x', label: 'Pick', type: 'multiple_choice', options: ['A', 'A'] }]],
    [
      '21 options',
      [
        {
          id: 'x',
          label: 'Pick',
          type: 'single_choice',
          options: Array.from({ length: 21 }, (_, i) => `o${i}`),
        },
      ],
    ],
    ['an empty label', [{ id: 'x', label: ' ', type: 'short_text' }]],
    ['a 201-character label', [{ id: 'x', label: 'L'.repeat(201), type: 'short_text' }]],
    ['an unknown type', [{ id: 'x', label: 'Date', type: 'date' }]],
  ])('refuses %s with 400 VALIDATION_ERROR on create and update', async (_, questions) => {
    const created = await trpcError(createWorkshop(a, { questions }));
    expect(created).toMatchObject({ appCode: 'VALIDATION_ERROR', httpStatus: 400 });
    const w = await createWorkshop(a, { recurrence: { frequency: 'none' } });
    const updated = await trpcError(
      a.owner.client.immersio.workshop.update.mutate({ workshopId: w.id, questions } as never),
    );
    expect(updated).toMatchObject({ appCode: 'VALIDATION_ERROR', httpStatus: 400 });
  });

  it('a MEMBER teaching another class and another tenant cannot change them', async () => {
    const w = await withQuestions();
    const asMember = await trpcError(
      member.client.immersio.workshop.update.mutate({ workshopId: w.id, questions: [] }),
    );
    expect(asMember.appCode).toBe('FORBIDDEN');
    const cross = await trpcError(
      other.owner.client.immersio.workshop.update.mutate({ workshopId: w.id, questions: [] }),
    );
    expect(cross.appCode).toBe('WORKSHOP_NOT_FOUND');
    expect((await a.owner.client.immersio.workshop.get.query({ workshopId: w.id })).questions).toEqual(
      QUESTIONS,
    );
  });
});

describe('answers on POST /api/v1/public/bookings', () => {
  const answers = {
    level: 'B1',
    native: `  German ${SCRIPT} `,
    topics: ['Work', 'Travel'],
    consent: true,
  };

  it('stores valid answers and shows them in getBookings, the roster, the CSV, BOOKING_CREATED and the staff e-mail', async () => {
    const w = await withQuestions();
    const email = `${unique('ana')}@example.test`;
    const res = await book(app, { ...bookingRequest(a, w, email), answers } as never);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const stored = { level: 'B1', native: `German ${SCRIPT}`, topics: ['Travel', 'Work'], consent: true };
    const row = await bookingByUid(app, res.body.booking.uid);

    const listed = await a.owner.client.immersio.workshop.getBookings.query({ workshopId: w.id });
    expect(listed.bookings[0]).toMatchObject({ uid: res.body.booking.uid, answers: stored });

    const roster = await a.owner.client.immersio.booking.sessionRoster.query({
      sessionId: w.sessions[0]!.id,
    });
    expect(roster.bookings[0]!.answers).toEqual([
      { questionId: 'level', label: 'Your level', answer: 'B1' },
      { questionId: 'native', label: 'Your native language', answer: `German ${SCRIPT}` },
      { questionId: 'topics', label: 'Topics', answer: 'Travel, Work' },
      { questionId: 'consent', label: 'I agree to be recorded', answer: 'Yes' },
    ]);

    const csv = await getCsv(app, { workshopId: w.id }, { token: a.owner.token });
    expect(csvRecords(csv.rows)[0]!.Answers).toBe(
      `Your level: B1 | Your native language: German ${SCRIPT} | Topics: Travel, Work | I agree to be recorded: Yes`,
    );

    const created = (await eventsOf(app, a.tenantId, 'BOOKING_CREATED')).find(
      (e) => e.data.booking.id === row.id,
    );
    expect(created!.data.booking.metadata).toEqual({ answers: stored });

    const [notice] = await queuedEmails(app, a.tenantId, a.owner.email).then((all) =>
      all.filter((e) => e.text.includes(email) || e.html?.includes(email)),
    );
    expect(notice!.text).toContain(`Your native language`);
    expect(notice!.text).toContain(`German ${SCRIPT}`);
    expect(notice!.html).not.toContain('<script>');
    expect(notice!.html).toContain('German &lt;script&gt;');
  });

  it('a missing required answer is 400 VALIDATION_ERROR naming the question; nothing is booked', async () => {
    const w = await withQuestions();
    const email = `${unique('ben')}@example.test`;
    const { level: _, ...withoutLevel } = answers;
    const res = await book(app, { ...bookingRequest(a, w, email), answers: withoutLevel } as never);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_ERROR');
    expect(res.body.error).toContain('answers.level');
    expect(res.body.error).toContain('Your level');
    const none = await book(app, bookingRequest(a, w, email));
    expect(none.status).toBe(400);
    expect(none.body.error).toContain('answers.native');
    const unticked = await book(app, {
      ...bookingRequest(a, w, email),
      answers: { ...answers, consent: false },
    } as never);
    expect(unticked.body.error).toContain('answers.consent');
    const listed = await a.owner.client.immersio.workshop.getBookings.query({ workshopId: w.id });
    expect(listed.totalCount).toBe(0);
  });

  it.each([
    ['a number for text', { native: 42 }, 'answers.native'],
    ['an option not offered', { level: 'Z9' }, 'answers.level'],
    ['a string for a multiple choice', { topics: 'Travel' }, 'answers.topics'],
    ['a string for a checkbox', { consent: 'yes' }, 'answers.consent'],
    ['an unknown question', { shoeSize: '42' }, 'answers.shoeSize'],
    ['a 201-character short text', { native: 'x'.repeat(201) }, 'answers.native'],
  ])(
    'answers of the wrong type (%s) are 400 VALIDATION_ERROR naming the question',
    async (_, wrong, path) => {
      const w = await withQuestions();
      const res = await book(app, {
        ...bookingRequest(a, w, `${unique('cy')}@example.test`),
        answers: { ...answers, ...wrong },
      } as never);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_ERROR');
      expect(res.body.error).toContain(path);
    },
  );

  it('a paid booking keeps its answers through checkout: BOOKING_CREATED carries them when paid', async () => {
    const t = await createTenant(app);
    await connectStripe(t);
    const w = await createWorkshop(t, {
      price: 2500,
      questions: QUESTIONS,
      recurrence: { frequency: 'none' },
    });
    const res = await book(app, {
      ...bookingRequest(t, w, `${unique('pay')}@example.test`),
      answers,
    } as never);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const held = await bookingByUid(app, res.body.booking.uid);
    expect(await eventsOf(app, t.tenantId, 'BOOKING_CREATED')).toEqual([]);
    const paid = await emulatorOf(app).pay(held.stripeCheckoutSessionId!);
    expect(paid.deliveries.map((d) => d.status)).toEqual([200]);
    const [created] = await eventsOf(app, t.tenantId, 'BOOKING_CREATED');
    expect(created!.data.booking.metadata.answers).toEqual({
      level: 'B1',
      native: `German ${SCRIPT}`,
      topics: ['Travel', 'Work'],
      consent: true,
    });
  });

  it('a workshop without questions books without answers, and metadata carries none', async () => {
    const w = await createWorkshop(a, { recurrence: { frequency: 'none' } });
    const res = await book(app, bookingRequest(a, w, `${unique('dee')}@example.test`));
    expect(res.status).toBe(201);
    const row = await bookingByUid(app, res.body.booking.uid);
    const created = (await eventsOf(app, a.tenantId, 'BOOKING_CREATED')).find(
      (e) => e.data.booking.id === row.id,
    );
    expect(created!.data.booking.metadata).toEqual({});
  });

  it('CSV cells are guarded against formulas', async () => {
    const w = await withQuestions();
    const res = await book(app, {
      ...bookingRequest(a, w, `${unique('eve')}@example.test`),
      answers: { ...answers, native: '=HYPERLINK("http://evil.test")' },
    } as never);
    expect(res.status).toBe(201);
    // The answers cell starts with the first label, so build one where it starts with the answer.
    await a.owner.client.immersio.workshop.update.mutate({
      workshopId: w.id,
      questions: [{ id: 'native', label: '=cmd', type: 'short_text', required: false }],
    });
    const csv = await getCsv(app, { workshopId: w.id }, { token: a.owner.token });
    expect(csvRecords(csv.rows)[0]?.Answers?.startsWith("'=cmd")).toBe(true);
  });
});

describe('the workshop page asks the questions', () => {
  const pathOf = (t: TenantFixture, w: { slug: string }) => `/${t.slug}/owner/${w.slug}`;

  it('renders the fields escaped, posts the answers, and refuses a missing one naming it', async () => {
    const w = await createWorkshop(a, {
      recurrence: { frequency: 'none' },
      questions: [
        ...QUESTIONS,
        { id: 'xss', label: `Label ${SCRIPT}`, type: 'single_choice', required: false, options: [SCRIPT] },
      ],
    });
    const page = await fetch(`${app.baseUrl}${pathOf(a, w)}`);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain('name="answer.level"');
    expect(html).toContain('name="answer.native"');
    expect(html).toContain('<textarea');
    expect(html).toContain('name="answer.topics.1"');
    expect(html).toContain('name="answer.consent"');
    expect(html).not.toContain(SCRIPT);
    expect(html).toContain('Label &lt;script&gt;');

    const email = `${unique('fay')}@example.test`;
    const fields = {
      startTime: w.sessions[0]!.startTime.toISOString(),
      name: 'Fay Student',
      email,
      timeZone: 'Europe/Berlin',
      'answer.native': `Dutch ${SCRIPT}`,
      'answer.topics.0': '1',
      'answer.consent': '1',
    };
    const post = (body: Record<string, string>) =>
      fetch(`${app.baseUrl}${pathOf(a, w)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(body).toString(),
        redirect: 'manual',
      });
    const refused = await post(fields);
    expect(refused.status).toBe(400);
    const refusedHtml = await refused.text();
    expect(refusedHtml).toContain('Your level');
    expect(refusedHtml).not.toContain(SCRIPT);
    // What was typed is kept, escaped.
    expect(refusedHtml).toContain('Dutch &lt;script&gt;');

    const booked = await post({ ...fields, 'answer.level': 'C1' });
    expect(booked.status).toBe(303);
    const listed = await a.owner.client.immersio.workshop.getBookings.query({ workshopId: w.id });
    expect(listed.bookings[0]!.answers).toEqual({
      level: 'C1',
      native: `Dutch ${SCRIPT}`,
      topics: ['Travel'],
      consent: true,
    });
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type ImmersioSimulator, startImmersioSimulator } from '../../../dev/immersio-simulator/simulator.ts';
import { ImmersioApiError } from './immersio-api-error.ts';
import { createImmersioClient } from './immersio-client.ts';
import { type ImmersioClientOptions, parseRetryAfter } from './immersio-transport.ts';

const API_KEY = 'imm_test_client_secret_key';
const OTHER_KEY = 'imm_test_other_org_key';

let sim: ImmersioSimulator;
let clock: Date;
let sleeps: number[];

/** A client whose waits are recorded instead of slept. */
const client = (overrides: Partial<ImmersioClientOptions> = {}) =>
  createImmersioClient({
    baseUrl: sim.url,
    apiKey: API_KEY,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...overrides,
  });

const attempts = (operation: string) => sim.requests.filter((r) => r.operation === operation).length;

async function caught(promise: Promise<unknown>): Promise<ImmersioApiError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ImmersioApiError);
    return error as ImmersioApiError;
  }
  throw new Error('expected an ImmersioApiError');
}

function expectNoKey(error: ImmersioApiError) {
  for (const text of [error.message, error.stack ?? '', JSON.stringify(error), String(error)])
    expect(text).not.toContain(API_KEY);
}

beforeAll(async () => {
  clock = new Date('2026-03-01T08:00:00.000Z');
  sim = await startImmersioSimulator({ now: () => new Date(clock) });
  sim.addOrg({ id: 'org_client', name: 'Client Academy', apiKey: API_KEY });
  sim.addOrg({ id: 'org_other', name: 'Other', apiKey: OTHER_KEY });
  for (let i = 0; i < 120; i++) {
    clock = new Date(clock.getTime() + 1000);
    sim.addCourse('org_client', { id: `course_${String(i).padStart(3, '0')}`, name: `Course ${i}` });
  }
  for (let i = 0; i < 130; i++)
    sim.enroll('org_client', 'course_000', { email: `student${i}@example.com`, name: `Student ${i}` });
  sim.addCourse('org_other', { id: 'course_foreign', name: 'Foreign' });
});

afterAll(async () => {
  await sim.close();
});

beforeEach(() => {
  sim.requests.length = 0;
  sim.clearFailures();
  sleeps = [];
});

describe('ImmersioClient against the simulator', () => {
  it('reads the organisation of the key', async () => {
    await expect(client().getOrganization()).resolves.toEqual({
      id: 'org_client',
      name: 'Client Academy',
      courseCount: 120,
    });
    expect(sim.requests[0]).toMatchObject({ path: '/v1/organization', orgId: 'org_client', status: 200 });
  });

  it('keeps a base URL path prefix', async () => {
    const seen: string[] = [];
    const c = client({
      baseUrl: 'https://immersio.example/api',
      fetch: async (input) => {
        seen.push(String(input));
        return Response.json({ id: 'o', name: 'n', courseCount: 0 });
      },
    });
    await c.getOrganization();
    expect(seen).toEqual(['https://immersio.example/api/v1/organization']);
  });

  it('pages through every course with allCourses and parses dates', async () => {
    const courses = [];
    for await (const course of client().allCourses()) courses.push(course);
    expect(courses).toHaveLength(120);
    expect(courses.map((c) => c.id)).toEqual(
      Array.from({ length: 120 }, (_, i) => `course_${String(i).padStart(3, '0')}`),
    );
    expect(courses[0]!.updatedAt).toBeInstanceOf(Date);
    expect(courses[0]).toMatchObject({
      name: 'Course 0',
      description: null,
      status: 'active',
      studentCount: 130,
    });
    // Default page size 50: three pages, each one request.
    expect(sim.requests.map((r) => r.query.cursor === undefined)).toEqual([true, false, false]);
    expect(courses.some((c) => c.id === 'course_foreign')).toBe(false);
  });

  it('passes updatedSince and limit, and returns one page with listCourses', async () => {
    const since = new Date(sim.orgs.get('org_client')!.courses.get('course_115')!.updatedAt);
    const page = await client().listCourses({ updatedSince: since, limit: 3 });
    expect(page.data.map((c) => c.id)).toEqual(['course_115', 'course_116', 'course_117']);
    expect(page.nextCursor).toEqual(expect.any(String));
    expect(sim.requests[0]!.query).toEqual({ updatedSince: since.toISOString(), limit: '3' });
    const rest = [];
    for await (const c of client().allCourses({ updatedSince: since.toISOString(), limit: 2 }))
      rest.push(c.id);
    expect(rest).toEqual(['course_115', 'course_116', 'course_117', 'course_118', 'course_119']);
    expect(() => client().listCourses({ limit: 101 })).toThrow(RangeError);
  });

  it('pages through a course’s students with allCourseStudents', async () => {
    const emails = [];
    for await (const s of client().allCourseStudents('course_000', { limit: 40 })) emails.push(s.email);
    expect(emails).toHaveLength(130);
    expect(new Set(emails).size).toBe(130);
    expect(emails[0]).toBe('student0@example.com');
    expect(attempts('students')).toBe(4);
    const page = await client().listCourseStudents('course_000', { limit: 1 });
    expect(page.data[0]!.enrolledAt).toBeInstanceOf(Date);
  });

  it('retries 503 with exponential backoff and jitter, counting attempts', async () => {
    sim.failNext('courses', { status: 503, times: 3 });
    const page = await client({ random: () => 1 }).listCourses({ limit: 1 });
    expect(page.data).toHaveLength(1);
    expect(attempts('courses')).toBe(4);
    expect(sleeps).toEqual([200, 400, 800]);

    sleeps = [];
    sim.failNext('courses', { status: 503, times: 2 });
    await client({ random: () => 0 }).listCourses({ limit: 1 });
    expect(sleeps).toEqual([100, 200]);
  });

  it('gives up after maxRetries with a retryable error', async () => {
    sim.failNext('organization', { status: 502, times: 10 });
    const error = await caught(client({ maxRetries: 2 }).getOrganization());
    expect(error).toMatchObject({ status: 502, code: 'BAD_GATEWAY', retryable: true, attempts: 3 });
    expect(attempts('organization')).toBe(3);
    expectNoKey(error);
  });

  it('honours Retry-After in seconds and as an HTTP date, capped at 30 s', async () => {
    const retries: number[] = [];
    sim.failNext('courses', { status: 429, retryAfter: 2 });
    await client({ onRetry: (info) => retries.push(info.delayMs) }).listCourses();
    expect(attempts('courses')).toBe(2);
    expect(sleeps).toEqual([2000]);
    expect(retries).toEqual([2000]);

    sleeps = [];
    sim.failNext('courses', { status: 429, retryAfter: 120 });
    await client().listCourses();
    expect(sleeps).toEqual([30_000]);

    sleeps = [];
    sim.failNext('courses', { status: 503, retryAfter: new Date(Date.now() + 5_000).toUTCString() });
    await client().listCourses();
    expect(sleeps[0]).toBeGreaterThan(3_000);
    expect(sleeps[0]).toBeLessThanOrEqual(5_000);

    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('2015-10-21T07:27:50Z'))).toBe(10_000);
    expect(parseRetryAfter('soon')).toBeNull();
  });

  it('retries a dropped connection as a network error', async () => {
    sim.failNext('organization', { destroy: true });
    await expect(client().getOrganization()).resolves.toMatchObject({ id: 'org_client' });
    expect(attempts('organization')).toBe(2);

    sim.failNext('organization', { destroy: true, times: 5 });
    const error = await caught(client({ maxRetries: 1 }).getOrganization());
    expect(error).toMatchObject({ status: null, code: 'NETWORK_ERROR', retryable: true, attempts: 2 });
  });

  it('never retries 400, 401 or 404', async () => {
    sim.failNext('courses', { status: 400, code: 'VALIDATION_ERROR', message: 'bad' });
    const bad = await caught(client().listCourses());
    expect(bad).toMatchObject({ status: 400, code: 'VALIDATION_ERROR', retryable: false, attempts: 1 });

    const unauthorized = await caught(client({ apiKey: 'imm_test_wrong_key_123' }).getOrganization());
    expect(unauthorized).toMatchObject({ status: 401, code: 'UNAUTHORIZED', retryable: false, attempts: 1 });
    expect(unauthorized.message).not.toContain('imm_test_wrong_key_123');

    const foreign = await caught(client().listCourseStudents('course_foreign'));
    expect(foreign).toMatchObject({ status: 404, code: 'NOT_FOUND', retryable: false, attempts: 1 });
    expect(foreign.operation).toBe('GET /v1/courses/course_foreign/students');

    expect(sim.requests).toHaveLength(3);
    expect(sleeps).toEqual([]);
  });

  it('times out a slow answer and retries it', async () => {
    sim.failNext('organization', { delayMs: 2_000 });
    const error = await caught(client({ timeoutMs: 100, maxRetries: 0 }).getOrganization());
    expect(error).toMatchObject({ status: null, code: 'TIMEOUT', retryable: true, attempts: 1 });

    sim.failNext('organization', { delayMs: 2_000 });
    const started = Date.now();
    await expect(client({ timeoutMs: 100 }).getOrganization()).resolves.toMatchObject({ id: 'org_client' });
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(attempts('organization')).toBe(3);
  });

  it('stops when the caller aborts', async () => {
    const controller = new AbortController();
    sim.failNext('organization', { delayMs: 2_000 });
    const pending = client().getOrganization({ signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const error = await caught(pending);
    expect(error).toMatchObject({ code: 'ABORTED', retryable: false });
  });

  it('turns a malformed answer into INVALID_RESPONSE without retrying', async () => {
    sim.failNext('courses', { status: 200, body: { data: [{ id: 1, name: 'x' }], nextCursor: null } });
    const shape = await caught(client().listCourses());
    expect(shape).toMatchObject({ status: 200, code: 'INVALID_RESPONSE', retryable: false, attempts: 1 });
    expect(shape.message).toContain('data.0.id');

    sim.failNext('organization', { status: 200, body: '<html>maintenance</html>' });
    const notJson = await caught(client().getOrganization());
    expect(notJson).toMatchObject({ code: 'INVALID_RESPONSE', retryable: false });

    sim.failNext('students', {
      status: 200,
      body: { data: [{ id: 's', email: 'e', name: 'n', enrolledAt: 'yesterday' }], nextCursor: null },
    });
    expect((await caught(client().listCourseStudents('course_000'))).code).toBe('INVALID_RESPONSE');
    expect(sleeps).toEqual([]);
  });

  it('never shows the API key, even when the server echoes it', async () => {
    sim.failNext('organization', {
      status: 500,
      message: `key ${API_KEY} exploded`,
      times: 4,
    });
    const error = await caught(client().getOrganization());
    expect(error.message).toContain('[redacted]');
    expectNoKey(error);
    expect(Object.values(client())).not.toContain(API_KEY);
    expect(JSON.stringify(client())).not.toContain(API_KEY);
  });

  it('refuses a cursor that repeats instead of looping forever', async () => {
    const c = client({
      fetch: async () => Response.json({ data: [], nextCursor: 'same' }),
    });
    const run = async () => {
      for await (const _ of c.allCourses()) void _;
    };
    await expect(run()).rejects.toMatchObject({ code: 'INVALID_RESPONSE' });
  });

  it('answers a redirect as an error instead of following it with the key', async () => {
    const c = client({
      fetch: async (_input, init) => {
        expect(init?.redirect).toBe('manual');
        return new Response(null, { status: 302, headers: { location: 'https://evil.example/' } });
      },
    });
    expect(await caught(c.getOrganization())).toMatchObject({ status: 302, retryable: false, attempts: 1 });
  });
});

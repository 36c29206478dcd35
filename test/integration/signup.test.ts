import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { insertUser } from '../../src/modules/auth/users.repo.ts';
import { TENANT_SLUG_PATTERN } from '../../src/modules/tenants/procedures/signup-check-slug.schema.ts';
import type { CreateSchoolInput } from '../../src/modules/tenants/procedures/signup-create-school.schema.ts';
import { SLUG_PATTERN } from '../../src/modules/tenants/provisioning.ts';
import {
  createTenant,
  signIn,
  startTestApp,
  trpcClient,
  trpcError,
  unique,
  useTestApp,
} from '../support/app.ts';

const app = useTestApp({ env: { RATE_LIMIT_SIGN_UP: '100000' } });
const anonymous = () => trpcClient(app.baseUrl);

function newSchool(overrides: Partial<CreateSchoolInput> = {}): CreateSchoolInput {
  return {
    schoolName: 'Escola Lisboa',
    slug: unique('school'),
    ownerName: 'Ana Owner',
    email: `${unique('signup')}@example.test`,
    password: 'signup-password-1',
    ...overrides,
  };
}

/** The call's failure: spec code, status and the field issues the form shows. */
async function failure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (!(error instanceof TRPCClientError)) throw error;
    const data = error.data as {
      appCode: string;
      httpStatus: number;
      issues?: { path: string; message: string }[];
    };
    return {
      appCode: data.appCode,
      httpStatus: data.httpStatus,
      paths: (data.issues ?? []).map((i) => i.path),
    };
  }
  throw new Error('expected the call to fail');
}

describe('signup.checkSlug', () => {
  it('answers available, taken, reserved and invalid', async () => {
    const taken = await createTenant(app);
    const check = (slug: string) => anonymous().signup.checkSlug.query({ slug });
    expect(await check(unique('free'))).toEqual({ available: true });
    expect(await check(taken.slug)).toEqual({ available: false, reason: 'taken' });
    expect(await check(taken.slug.toUpperCase())).toEqual({ available: false, reason: 'taken' });
    expect(await check('admin')).toEqual({ available: false, reason: 'reserved' });
    expect(await check('app')).toEqual({ available: false, reason: 'reserved' });
    for (const bad of ['ab', 'with space', '-dash-first', 'dash-last-', 'ünïcode', '', 'a'.repeat(64)]) {
      expect(await check(bad)).toEqual({ available: false, reason: 'invalid' });
    }
  });

  it('refuses an absurd input with 400', async () => {
    expect(await trpcError(anonymous().signup.checkSlug.query({ slug: 'x'.repeat(201) }))).toMatchObject({
      appCode: 'VALIDATION_ERROR',
      httpStatus: 400,
    });
  });

  it("checks slugs with provisioning's own pattern", () => {
    expect(TENANT_SLUG_PATTERN.source).toBe(SLUG_PATTERN.source);
  });
});

describe('signup.createSchool', () => {
  it('creates a lite school with its owner, who signs in with a cookie and lands in it', async () => {
    const input = newSchool({
      slug: `  ${unique('Mixed').toUpperCase()} `,
      timeZone: 'Europe/Lisbon',
    } as never);
    const created = await anonymous().signup.createSchool.mutate({
      ...input,
      email: input.email.toUpperCase(),
    });
    expect(created.slug).toBe(input.slug.trim().toLowerCase());

    const signedIn = await fetch(`${app.baseUrl}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: app.baseUrl },
      body: JSON.stringify({ email: input.email, password: input.password }),
    });
    expect(signedIn.status).toBe(200);
    const cookie = signedIn.headers
      .getSetCookie()
      .find((c) => c.startsWith('ibs.session_token='))!
      .split(';')[0]!;
    const me = await fetch(`${app.baseUrl}/api/trpc/viewer.me`, { headers: { cookie } });
    const viewer = ((await me.json()) as { result: { data: { json: Record<string, unknown> } } }).result.data
      .json;
    expect(viewer).toMatchObject({
      email: input.email,
      name: 'Ana Owner',
      timeZone: 'Europe/Lisbon',
      activeTenantId: created.tenantId,
      memberships: [
        { tenantId: created.tenantId, tenantSlug: created.slug, tenantName: 'Escola Lisboa', role: 'OWNER' },
      ],
    });

    const owner = trpcClient(app.baseUrl, await signIn(app.baseUrl, input.email, input.password));
    const tenant = await owner.immersio.tenant.get.query({});
    expect(tenant).toMatchObject({ id: created.tenantId, name: 'Escola Lisboa', plan: { type: 'lite' } });
    expect(await anonymous().signup.checkSlug.query({ slug: created.slug })).toEqual({
      available: false,
      reason: 'taken',
    });
  });

  it('a taken slug is a CONFLICT on the slug field; a reserved one a VALIDATION_ERROR there', async () => {
    const taken = await createTenant(app);
    expect(await failure(anonymous().signup.createSchool.mutate(newSchool({ slug: taken.slug })))).toEqual({
      appCode: 'CONFLICT',
      httpStatus: 409,
      paths: ['slug'],
    });
    expect(await failure(anonymous().signup.createSchool.mutate(newSchool({ slug: 'dashboard' })))).toEqual({
      appCode: 'VALIDATION_ERROR',
      httpStatus: 400,
      paths: ['slug'],
    });
  });

  it('bad fields are a VALIDATION_ERROR naming each of them', async () => {
    const bad = newSchool({
      schoolName: ' ',
      slug: 'a b',
      ownerName: '',
      email: 'not-an-email',
      password: 'short',
    });
    const result = await failure(anonymous().signup.createSchool.mutate(bad));
    expect(result.appCode).toBe('VALIDATION_ERROR');
    expect(result.httpStatus).toBe(400);
    expect(new Set(result.paths)).toEqual(new Set(['schoolName', 'slug', 'ownerName', 'email', 'password']));
  });

  it("an existing account's e-mail never gets a new password; with its password the school is added to it", async () => {
    const existing = await createTenant(app);
    const attempt = newSchool({ email: existing.owner.email, password: 'a-brand-new-password' });
    expect(await failure(anonymous().signup.createSchool.mutate(attempt))).toEqual({
      appCode: 'CONFLICT',
      httpStatus: 409,
      paths: ['email'],
    });
    expect(await anonymous().signup.checkSlug.query({ slug: attempt.slug })).toEqual({ available: true });
    await expect(signIn(app.baseUrl, existing.owner.email, 'a-brand-new-password')).rejects.toThrow(/401/);

    // The signed-in owner's cached view of their schools must show the new one at once.
    expect((await existing.owner.client.viewer.me.query()).memberships).toHaveLength(1);
    const second = await anonymous().signup.createSchool.mutate(
      newSchool({ email: existing.owner.email, password: existing.owner.password }),
    );
    const memberships = (await existing.owner.client.viewer.me.query()).memberships;
    expect(memberships.map((m) => [m.tenantId, m.role])).toEqual(
      expect.arrayContaining([
        [existing.tenantId, 'OWNER'],
        [second.tenantId, 'OWNER'],
      ]),
    );
  });

  it('an account without a password (made by Sign in with Immersio) is never claimed', async () => {
    const email = `${unique('student')}@example.test`;
    await insertUser(app.database.db, { email, name: 'Student' });
    expect(await failure(anonymous().signup.createSchool.mutate(newSchool({ email })))).toEqual({
      appCode: 'CONFLICT',
      httpStatus: 409,
      paths: ['email'],
    });
    await expect(signIn(app.baseUrl, email, 'signup-password-1')).rejects.toThrow(/401/);
  });

  it('of simultaneous sign-ups for one slug exactly one wins; the others get the slug field error', async () => {
    const slug = unique('race');
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () => anonymous().signup.createSchool.mutate(newSchool({ slug }))),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const lost of results.filter((r) => r.status === 'rejected')) {
      expect(await failure(Promise.reject(lost.reason))).toEqual({
        appCode: 'CONFLICT',
        httpStatus: 409,
        paths: ['slug'],
      });
    }
  });

  it('of simultaneous sign-ups with one e-mail (different passwords) exactly one wins', async () => {
    const email = `${unique('race')}@example.test`;
    const results = await Promise.allSettled(
      Array.from({ length: 4 }, (_, i) =>
        anonymous().signup.createSchool.mutate(newSchool({ email, password: `race-password-${i}` })),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const lost of results.filter((r) => r.status === 'rejected')) {
      expect((await failure(Promise.reject(lost.reason))).paths).toEqual(['email']);
    }
  });
});

describe('sign-up rate limit', () => {
  it('counts school sign-ups per IP under their own budget, apart from the slug check', async () => {
    const limited = await startTestApp({ env: { RATE_LIMIT_SIGN_UP: '2' } });
    try {
      const client = trpcClient(limited.baseUrl);
      await client.signup.createSchool.mutate(newSchool());
      // A refused attempt counts too: the budget is taken before the input is read.
      await trpcError(client.signup.createSchool.mutate(newSchool({ password: 'short' })));
      expect(await trpcError(client.signup.createSchool.mutate(newSchool()))).toMatchObject({
        appCode: 'RATE_LIMITED',
        httpStatus: 429,
      });
      expect(await client.signup.checkSlug.query({ slug: unique('still') })).toEqual({ available: true });
    } finally {
      await limited.close();
    }
  });
});

import { describe, expect, it } from 'vitest';
import {
  addSignedInMember,
  createTenant,
  type TenantFixture,
  trpcError,
  unique,
  useTestApp,
} from '../support/app.ts';
import { createWorkshop } from '../support/bookings.ts';

// The landing editor's server side (issue 15): POST /api/v1/staff/landing/preview renders the
// school's page from unsaved settings with the real templates, and `immersio.landing.unpublish`.

const app = useTestApp();
const PREVIEW = '/api/v1/staff/landing/preview';

async function preview(body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${app.baseUrl}${PREVIEW}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** A browser's session: the cookie sign-in sets, sent from the app's own origin. */
async function cookieOf(t: TenantFixture): Promise<string> {
  const response = await fetch(`${app.baseUrl}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: t.owner.email, password: t.owner.password }),
  });
  return response.headers.getSetCookie()[0]!.split(';')[0]!;
}

async function schoolWithClass(className: string, title = 'Saved title') {
  const t = await createTenant(app, { name: unique('School') });
  await t.owner.client.immersio.landing.updateSettings.mutate({ pageTitle: title, primaryColor: '#1A5FB4' });
  await createWorkshop(t, { title: className });
  return t;
}

describe('POST /api/v1/staff/landing/preview', () => {
  it('renders the draft with the real template and workshops, framable by the app only, saving nothing', async () => {
    const t = await schoolWithClass('Evening Spanish');
    const answer = await preview(
      {
        pageTitle: 'Draft headline',
        templateId: 'kids_2',
        primaryColor: '#AA3300',
        pageSubtitle: 'Draft subtitle <b>plain</b>',
        socialLinks: { instagram: 'https://instagram.com/draft' },
      },
      bearer(t.owner.token),
    );
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(answer.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(answer.headers.get('x-robots-tag')).toBe('noindex');
    const csp = answer.headers.get('content-security-policy')!;
    expect(csp).toContain("frame-ancestors 'self'");
    expect(csp).not.toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/style-src 'sha256-/);
    expect(answer.text).toContain('<body class="tpl-kids_2 is-preview">');
    expect(answer.text).toContain('Draft headline');
    expect(answer.text).toContain('Draft subtitle &lt;b&gt;plain&lt;/b&gt;');
    expect(answer.text).toContain('--brand:#aa3300');
    expect(answer.text).toContain('https://instagram.com/draft');
    expect(answer.text).toContain('Evening Spanish');
    expect(answer.text).toContain('Preview — this page is not published yet.');
    expect(answer.text).toContain('<base target="_blank"></head>');

    // Nothing was saved, and the public page (still unpublished) is unchanged.
    const settings = await t.owner.client.immersio.landing.getSettings.query({});
    expect(settings).toMatchObject({ pageTitle: 'Saved title', templateId: 'education', isPublished: false });
    expect((await fetch(`${app.baseUrl}/api/v1/public/landing/${t.slug}`)).status).toBe(404);

    // Fields left out keep their saved values; the public page keeps its own headers.
    await t.owner.client.immersio.landing.publish.mutate({});
    const plain = await preview({}, bearer(t.owner.token));
    expect(plain.text).toContain('Saved title');
    expect(plain.text).toContain('<body class="tpl-education">');
    expect(plain.text).not.toContain('Preview — this page is not published yet.');
    const live = await fetch(`${app.baseUrl}/${t.slug}`);
    expect(live.headers.get('x-frame-options')).toBe('DENY');
    expect(live.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('takes the draft as a form field from the app’s own origin with the session cookie', async () => {
    const t = await schoolWithClass('Morning French');
    const cookie = await cookieOf(t);
    const form = (draft: string, origin = app.baseUrl) =>
      fetch(`${app.baseUrl}${PREVIEW}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, origin },
        body: new URLSearchParams({ draft }).toString(),
      });
    const ok = await form(JSON.stringify({ pageTitle: 'From the form', ctaText: 'Join us' }));
    expect(ok.status).toBe(200);
    const html = await ok.text();
    expect(html).toContain('From the form');
    expect(html).toContain('Morning French');

    const broken = await form('{not json');
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({ code: 'VALIDATION_ERROR', issues: [{ path: 'draft' }] });
    const nul = await form(JSON.stringify({ pageTitle: 'a\u0000b' }));
    expect(nul.status).toBe(400);
    // Another site cannot post a draft with the cookie.
    expect((await form('{}', 'https://evil.example')).status).toBe(403);
  });

  it('refuses what updateSettings refuses: 400 VALIDATION_ERROR naming the field', async () => {
    const t = await createTenant(app);
    for (const [draft, path] of [
      [{ primaryColor: 'red' }, 'primaryColor'],
      [{ templateId: 'brutalist' }, 'templateId'],
      [{ heroImageUrl: 'javascript:alert(1)' }, 'heroImageUrl'],
      [{ pageTitle: 'x'.repeat(101) }, 'pageTitle'],
      [{ socialLinks: { myspace: 'https://myspace.com/x' } }, 'socialLinks'],
      [{ ctaText: '   ' }, 'ctaText'],
    ] as const) {
      const answer = await preview(draft, bearer(t.owner.token));
      expect(answer.status, JSON.stringify(draft)).toBe(400);
      const body = JSON.parse(answer.text) as { code: string; issues: { path: string }[] };
      expect(body.code).toBe('VALIDATION_ERROR');
      expect(body.issues.map((i) => i.path)).toContain(path);
    }
    expect((await preview(['not', 'an', 'object'], bearer(t.owner.token))).status).toBe(400);
  });

  it('is for the school’s owners and admins: 401 signed out, 403 for a teacher, 200 for an admin', async () => {
    const t = await createTenant(app);
    expect((await preview({})).status).toBe(401);
    expect(JSON.parse((await preview({}, bearer('not-a-session'))).text)).toMatchObject({
      code: 'UNAUTHORIZED',
    });
    const member = await addSignedInMember(app, t.tenantId, 'MEMBER');
    const refused = await preview({ pageTitle: 'Mine now' }, bearer(member.token));
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.text)).toMatchObject({ code: 'FORBIDDEN' });
    const admin = await addSignedInMember(app, t.tenantId, 'ADMIN');
    expect((await preview({ pageTitle: 'Admin draft' }, bearer(admin.token))).status).toBe(200);
  });

  it('renders only the caller’s own school, whatever the draft names', async () => {
    const a = await schoolWithClass('Alpha only class', 'Alpha school page');
    const b = await schoolWithClass('Beta only class', 'Beta school page');
    const answer = await preview(
      { tenantId: a.tenantId, tenantSlug: a.slug, slug: a.slug, metaTitle: 'Beta draft' },
      bearer(b.owner.token),
    );
    expect(answer.status).toBe(200);
    expect(answer.text).toContain('Beta only class');
    expect(answer.text).toContain('Beta school page');
    expect(answer.text).not.toContain('Alpha only class');
    expect(answer.text).not.toContain('Alpha school page');
    expect(answer.text).not.toContain(a.slug);
  });
});

describe('immersio.landing.unpublish', () => {
  it('takes a published page off line at once; publish brings it back', async () => {
    const t = await schoolWithClass('Evening Spanish');
    await t.owner.client.immersio.landing.publish.mutate({});
    expect((await fetch(`${app.baseUrl}/api/v1/public/landing/${t.slug}`)).status).toBe(200);
    expect((await fetch(`${app.baseUrl}/${t.slug}`)).status).toBe(200);

    const result = await t.owner.client.immersio.landing.unpublish.mutate({});
    expect(result).toEqual({ success: true, updatedAt: expect.any(Date) });
    expect(await t.owner.client.immersio.landing.getSettings.query({})).toMatchObject({
      isPublished: false,
      publicUrl: null,
      pageTitle: 'Saved title',
    });
    expect((await fetch(`${app.baseUrl}/api/v1/public/landing/${t.slug}`)).status).toBe(404);
    expect((await fetch(`${app.baseUrl}/${t.slug}`)).status).toBe(404);

    await t.owner.client.immersio.landing.publish.mutate({});
    expect((await fetch(`${app.baseUrl}/api/v1/public/landing/${t.slug}`)).status).toBe(200);
  });

  it('works before any settings were saved, and is refused to a teacher', async () => {
    const t = await createTenant(app);
    expect((await t.owner.client.immersio.landing.unpublish.mutate({})).success).toBe(true);
    const member = await addSignedInMember(app, t.tenantId, 'MEMBER');
    expect(await trpcError(member.client.immersio.landing.unpublish.mutate({}))).toMatchObject({
      appCode: 'FORBIDDEN',
      httpStatus: 403,
    });
  });
});

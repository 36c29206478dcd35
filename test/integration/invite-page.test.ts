import { describe, expect, it } from 'vitest';
import { createTenant, trpcClient, unique, useTestApp } from '../support/app.ts';

const app = useTestApp();

const submit = (token: string, fields: Record<string, string>) =>
  fetch(`${app.baseUrl}/invite/${token}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: app.baseUrl },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });

const sessionCookieOf = (response: Response) =>
  response.headers
    .getSetCookie()
    .find((c) => c.startsWith('ibs.session_token='))!
    .split(';')[0]!;

/** viewer.me as the browser holding `cookie` sees it (the staff app's first call). */
async function meWithCookie(cookie: string) {
  const response = await fetch(`${app.baseUrl}/api/trpc/viewer.me`, { headers: { cookie } });
  expect(response.status).toBe(200);
  return ((await response.json()) as { result: { data: { json: { activeTenantId: number } } } }).result.data
    .json;
}

describe('the invitation page', () => {
  it('shows the invite, escapes tenant text, accepts with a plain form and signs the teacher in', async () => {
    const t = await createTenant(app, { name: '<script>alert(1)</script> School' });
    const email = `${unique('page')}@example.test`;
    const { inviteLink } = await t.owner.client.immersio.tenant.inviteTeacher.mutate({
      email,
      name: 'Page Teacher',
    });
    const token = inviteLink.split('/').pop()!;

    const shown = await fetch(`${app.baseUrl}/invite/${token}`);
    expect(shown.status).toBe(200);
    expect(shown.headers.get('content-security-policy')).toContain("default-src 'none'");
    // Not no-referrer: the form's POST must carry a real Origin, or a signed-in browser is refused.
    expect(shown.headers.get('referrer-policy')).toBe('same-origin');
    const html = await shown.text();
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; School');
    expect(html).not.toContain('<script>');
    expect(html).toContain('value="Page Teacher"');

    const weak = await submit(token, { name: 'Page Teacher', password: 'short' });
    expect(weak.status).toBe(400);
    expect(await weak.text()).toContain('at least 8 characters');

    const accepted = await submit(token, { name: 'Page Teacher', password: 'page-password-1' });
    expect(accepted.status).toBe(303);
    expect(accepted.headers.get('location')).toBe('/app/');
    expect((await meWithCookie(sessionCookieOf(accepted))).activeTenantId).toBe(t.tenantId);
    const { token: bearer } = (await (
      await fetch(`${app.baseUrl}/api/auth/sign-in/email`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: 'page-password-1' }),
      })
    ).json()) as { token: string };
    expect((await trpcClient(app.baseUrl, bearer).viewer.me.query()).activeTenantId).toBe(t.tenantId);

    const used = await fetch(`${app.baseUrl}/invite/${token}`);
    expect(used.status).toBe(410);
    const usedHtml = await used.text();
    expect(usedHtml).toContain('already been used');
    expect(usedHtml).toContain('href="/app/sign-in"');
  });

  it('lands someone already in another school in the app with the inviting school active', async () => {
    const first = await createTenant(app);
    const second = await createTenant(app);
    const { inviteLink } = await second.owner.client.immersio.tenant.inviteTeacher.mutate({
      email: first.owner.email,
    });
    const token = inviteLink.split('/').pop()!;

    const wrong = await submit(token, { name: 'Owner', password: 'not-the-password' });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain('current password');

    const accepted = await submit(token, { name: 'Owner', password: first.owner.password });
    expect(accepted.status).toBe(303);
    expect(accepted.headers.get('location')).toBe('/app/');
    expect((await meWithCookie(sessionCookieOf(accepted))).activeTenantId).toBe(second.tenantId);
  });

  it('an unknown or malformed token is a 404 page', async () => {
    expect((await fetch(`${app.baseUrl}/invite/${'Z'.repeat(43)}`)).status).toBe(404);
    expect((await fetch(`${app.baseUrl}/invite/bad`)).status).toBe(404);
    expect((await submit('Z'.repeat(43), { name: 'X', password: 'password-123' })).status).toBe(404);
  });

  it('serves its stylesheet', async () => {
    const css = await fetch(`${app.baseUrl}/assets/base.css`);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toMatch(/text\/css/);
  });
});

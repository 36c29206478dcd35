import { describe, expect, it } from 'vitest';
import { createTenant, trpcClient, unique, useTestApp } from '../support/app.ts';

const app = useTestApp();

const submit = (token: string, fields: Record<string, string>) =>
  fetch(`${app.baseUrl}/invite/${token}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: app.baseUrl },
    body: new URLSearchParams(fields).toString(),
  });

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
    const html = await shown.text();
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; School');
    expect(html).not.toContain('<script>');
    expect(html).toContain('value="Page Teacher"');

    const weak = await submit(token, { name: 'Page Teacher', password: 'short' });
    expect(weak.status).toBe(400);
    expect(await weak.text()).toContain('at least 8 characters');

    const accepted = await submit(token, { name: 'Page Teacher', password: 'page-password-1' });
    expect(accepted.status).toBe(200);
    expect(await accepted.text()).toContain('You are signed in as');
    const cookie = accepted.headers.getSetCookie().find((c) => c.startsWith('ibs.session_token='))!;
    const me = await fetch(`${app.baseUrl}/api/trpc/viewer.me`, {
      headers: { cookie: cookie.split(';')[0]! },
    });
    expect(me.status).toBe(200);
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
    expect(await used.text()).toContain('already been used');
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

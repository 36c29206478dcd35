import { describe, expect, it } from 'vitest';
import { addMember } from '../../src/modules/tenants/provisioning.ts';
import { createTenant, signIn, trpcClient, trpcError, useTestApp } from '../support/app.ts';

const app = useTestApp();

describe('viewer', () => {
  it('me lists memberships; switchTenant changes the active tenant used by tenant procedures', async () => {
    const a = await createTenant(app, { name: 'School A' });
    const b = await createTenant(app, { name: 'School B' });
    await addMember(app.database.db, {
      tenantId: b.tenantId,
      role: 'ADMIN',
      user: { email: a.owner.email, name: 'Owner', password: a.owner.password },
    });
    const token = await signIn(app.baseUrl, a.owner.email, a.owner.password);
    const client = trpcClient(app.baseUrl, token);
    const me = await client.viewer.me.query();
    expect(me).toMatchObject({ email: a.owner.email, timeZone: 'UTC', activeTenantId: a.tenantId });
    expect(me.memberships).toEqual([
      { tenantId: a.tenantId, tenantSlug: a.slug, tenantName: 'School A', role: 'OWNER' },
      { tenantId: b.tenantId, tenantSlug: b.slug, tenantName: 'School B', role: 'ADMIN' },
    ]);
    expect((await client.immersio.tenant.get.query({})).id).toBe(a.tenantId);

    expect(await client.viewer.switchTenant.mutate({ tenantId: b.tenantId })).toEqual({
      success: true,
      activeTenantId: b.tenantId,
    });
    expect((await client.viewer.me.query()).activeTenantId).toBe(b.tenantId);
    expect((await client.immersio.tenant.get.query({})).id).toBe(b.tenantId);
  });

  it("switching to another tenant's id is 404 TENANT_NOT_FOUND", async () => {
    const a = await createTenant(app);
    const b = await createTenant(app);
    expect(
      await trpcError(b.owner.client.viewer.switchTenant.mutate({ tenantId: a.tenantId })),
    ).toMatchObject({
      appCode: 'TENANT_NOT_FOUND',
      httpStatus: 404,
    });
    expect((await b.owner.client.immersio.tenant.get.query({})).id).toBe(b.tenantId);
  });

  it('bad input is 400 VALIDATION_ERROR naming the field; no session is 401', async () => {
    const a = await createTenant(app);
    const error = await trpcError(
      a.owner.client.viewer.switchTenant.mutate({ tenantId: 'x' as unknown as number }),
    );
    expect(error).toMatchObject({ appCode: 'VALIDATION_ERROR', httpStatus: 400 });
    expect(error.message).toMatch(/tenantId/);
    expect(
      await trpcError(trpcClient(app.baseUrl).viewer.switchTenant.mutate({ tenantId: 1 })),
    ).toMatchObject({
      appCode: 'UNAUTHORIZED',
      httpStatus: 401,
    });
  });
});

import { describe, expect, it } from 'vitest';
import { addSignedInMember, createTenant, trpcClient, trpcError, useTestApp } from '../support/app.ts';

const app = useTestApp();

describe('immersio.landing settings', () => {
  it('a new tenant gets sensible defaults; any member may read them', async () => {
    const t = await createTenant(app, { name: 'Escuela Sol' });
    const member = await addSignedInMember(app, t.tenantId);
    expect(await member.client.immersio.landing.getSettings.query({})).toEqual({
      id: expect.any(Number),
      templateId: 'education',
      primaryColor: '#0066FF',
      secondaryColor: null,
      logoUrl: null,
      heroImageUrl: null,
      pageTitle: 'Escuela Sol',
      pageSubtitle: null,
      teacherBio: null,
      teacherAvatarUrl: null,
      socialLinks: {},
      ctaText: 'Book Now',
      metaTitle: null,
      metaDescription: null,
      isPublished: false,
      publicUrl: null,
      updatedAt: expect.any(Date),
      defaultLanguage: 'en',
      languages: ['en', 'es', 'fr', 'de', 'pt-BR', 'it'],
      embedOrigins: [],
    });
  });

  it('updates what is given, keeps the rest, stores markup as plain text, and sets the tenant logo', async () => {
    const t = await createTenant(app);
    const before = await t.owner.client.immersio.landing.getSettings.query({});
    const payload = '<script>alert("x")</script>';
    const result = await t.owner.client.immersio.landing.updateSettings.mutate({
      templateId: 'kids_1',
      primaryColor: '#aa00FF',
      secondaryColor: '#000000',
      logoUrl: 'https://cdn.example.com/logo.png',
      pageTitle: payload,
      teacherBio: payload,
      socialLinks: { instagram: 'https://instagram.com/school' },
      metaDescription: 'Learn with us',
    });
    expect(result).toEqual({ success: true, updatedAt: expect.any(Date) });
    const after = await t.owner.client.immersio.landing.getSettings.query({});
    expect(after).toMatchObject({
      id: before.id,
      templateId: 'kids_1',
      primaryColor: '#aa00FF',
      secondaryColor: '#000000',
      logoUrl: 'https://cdn.example.com/logo.png',
      pageTitle: payload,
      teacherBio: payload,
      socialLinks: { instagram: 'https://instagram.com/school' },
      ctaText: 'Book Now',
      metaDescription: 'Learn with us',
    });
    expect((await t.owner.client.immersio.tenant.get.query({})).logoUrl).toBe(
      'https://cdn.example.com/logo.png',
    );
    await t.owner.client.immersio.landing.updateSettings.mutate({ secondaryColor: null, logoUrl: null });
    const cleared = await t.owner.client.immersio.landing.getSettings.query({});
    expect(cleared).toMatchObject({ secondaryColor: null, logoUrl: null, templateId: 'kids_1' });
  });

  it('rejects bad values with 400 VALIDATION_ERROR naming the fields', async () => {
    const t = await createTenant(app);
    const error = await trpcError(
      t.owner.client.immersio.landing.updateSettings.mutate({
        templateId: 'neon' as 'kids_1',
        primaryColor: 'blue',
        heroImageUrl: 'javascript:alert(1)',
        ctaText: 'x'.repeat(51),
        metaTitle: 'x'.repeat(61),
      }),
    );
    expect(error).toMatchObject({ appCode: 'VALIDATION_ERROR', httpStatus: 400 });
    for (const field of ['templateId', 'primaryColor', 'heroImageUrl', 'ctaText', 'metaTitle']) {
      expect(error.message).toContain(field);
    }
    expect(
      await trpcError(
        t.owner.client.immersio.landing.updateSettings.mutate({
          socialLinks: { myspace: 'https://myspace.com/x' } as { facebook?: string },
        }),
      ),
    ).toMatchObject({ appCode: 'VALIDATION_ERROR' });
  });

  it('publish gives the public URL; tenant.get shows it published', async () => {
    const t = await createTenant(app);
    const published = await t.owner.client.immersio.landing.publish.mutate({});
    expect(published).toEqual({
      success: true,
      publicUrl: `http://localhost:3000/${t.slug}`,
      publishedAt: expect.any(Date),
    });
    expect((await t.owner.client.immersio.landing.getSettings.query({})).publicUrl).toBe(published.publicUrl);
    expect((await t.owner.client.immersio.tenant.get.query({})).landingPagePublished).toBe(true);
  });

  it('MEMBER gets 403 on changes; no session 401; tenant B never touches tenant A', async () => {
    const a = await createTenant(app);
    const b = await createTenant(app);
    const member = await addSignedInMember(app, a.tenantId);
    expect(
      await trpcError(member.client.immersio.landing.updateSettings.mutate({ ctaText: 'Hi' })),
    ).toMatchObject({
      appCode: 'FORBIDDEN',
      httpStatus: 403,
    });
    expect(await trpcError(member.client.immersio.landing.publish.mutate({}))).toMatchObject({
      appCode: 'FORBIDDEN',
    });
    const anonymous = trpcClient(app.baseUrl);
    expect(await trpcError(anonymous.immersio.landing.getSettings.query({}))).toMatchObject({
      appCode: 'UNAUTHORIZED',
    });
    expect(await trpcError(anonymous.immersio.landing.publish.mutate({}))).toMatchObject({
      appCode: 'UNAUTHORIZED',
    });

    await b.owner.client.immersio.landing.updateSettings.mutate({ ctaText: 'Only B' });
    await b.owner.client.immersio.landing.publish.mutate({});
    const settingsA = await a.owner.client.immersio.landing.getSettings.query({});
    expect(settingsA).toMatchObject({ ctaText: 'Book Now', isPublished: false });
  });
});

import { describe, expect, it } from 'vitest';
import { addSignedInMember, createTenant, trpcClient, trpcError, useTestApp } from '../support/app.ts';

const app = useTestApp();

async function workshopOf(t: Awaited<ReturnType<typeof createTenant>>) {
  const { id } = await t.owner.client.immersio.workshop.create.mutate({
    title: 'Whitelisted class',
    duration: 60,
    price: 0,
    seats: 10,
    locations: [{ type: 'zoom', link: 'https://zoom.us/j/1' }],
    teacherId: t.owner.id,
    whitelistEnabled: true,
  });
  return id;
}

describe('immersio.workshop.updateWhitelist', () => {
  it('add, replace and remove with exact counts; emails normalised; duplicates skipped', async () => {
    const t = await createTenant(app);
    const workshopId = await workshopOf(t);
    const update = t.owner.client.immersio.workshop.updateWhitelist.mutate;
    expect(
      await update({
        workshopId,
        mode: 'add',
        emails: [
          { email: ' Ana@Example.test ', name: 'Ana', immersioStudentId: 'student_1' },
          { email: 'ana@example.test' },
          { email: 'ben@example.test' },
        ],
      }),
    ).toEqual({ success: true, totalWhitelisted: 2, added: 2, removed: 0, duplicatesSkipped: 1 });
    expect(
      await update({
        workshopId,
        mode: 'add',
        emails: [{ email: 'BEN@example.test' }, { email: 'cai@example.test' }],
      }),
    ).toEqual({ success: true, totalWhitelisted: 3, added: 1, removed: 0, duplicatesSkipped: 1 });
    expect(
      await update({
        workshopId,
        mode: 'replace',
        emails: [{ email: 'cai@example.test' }, { email: 'dee@example.test' }],
      }),
    ).toEqual({ success: true, totalWhitelisted: 2, added: 1, removed: 2, duplicatesSkipped: 1 });
    expect(
      await update({
        workshopId,
        mode: 'remove',
        emails: [{ email: 'CAI@example.test' }, { email: 'nobody@example.test' }],
      }),
    ).toEqual({ success: true, totalWhitelisted: 1, added: 0, removed: 1, duplicatesSkipped: 0 });
    expect(await update({ workshopId, mode: 'replace', emails: [] })).toEqual({
      success: true,
      totalWhitelisted: 0,
      added: 0,
      removed: 1,
      duplicatesSkipped: 0,
    });
  });

  it('5,000 entries in one call', async () => {
    const t = await createTenant(app);
    const workshopId = await workshopOf(t);
    const emails = Array.from({ length: 5000 }, (_, i) => ({
      email: `student${i}@example.test`,
      name: `Student ${i}`,
    }));
    const result = await t.owner.client.immersio.workshop.updateWhitelist.mutate({
      workshopId,
      mode: 'replace',
      emails,
    });
    expect(result).toEqual({
      success: true,
      totalWhitelisted: 5000,
      added: 5000,
      removed: 0,
      duplicatesSkipped: 0,
    });
  });

  it('errors: unknown or foreign workshop 404, bad email 400, MEMBER 403, no session 401', async () => {
    const a = await createTenant(app);
    const b = await createTenant(app);
    const workshopId = await workshopOf(a);
    const emails = [{ email: 'x@example.test' }];
    expect(
      await trpcError(
        b.owner.client.immersio.workshop.updateWhitelist.mutate({ workshopId, mode: 'add', emails }),
      ),
    ).toMatchObject({ appCode: 'WORKSHOP_NOT_FOUND', httpStatus: 404 });
    expect(
      await trpcError(
        a.owner.client.immersio.workshop.updateWhitelist.mutate({
          workshopId,
          mode: 'add',
          emails: [{ email: 'not-an-email' }],
        }),
      ),
    ).toMatchObject({ appCode: 'VALIDATION_ERROR', message: expect.stringMatching(/emails\.0\.email/) });
    const member = await addSignedInMember(app, a.tenantId);
    expect(
      await trpcError(
        member.client.immersio.workshop.updateWhitelist.mutate({ workshopId, mode: 'add', emails }),
      ),
    ).toMatchObject({ appCode: 'FORBIDDEN' });
    expect(
      await trpcError(
        trpcClient(app.baseUrl).immersio.workshop.updateWhitelist.mutate({ workshopId, mode: 'add', emails }),
      ),
    ).toMatchObject({ appCode: 'UNAUTHORIZED' });
  });
});

import { describe, expect, it } from 'vitest';
import { immersioCourses, immersioIntegrations } from '../../src/db/schema/index.ts';
import {
  addSignedInMember,
  createTenant,
  trpcClient,
  trpcError,
  unique,
  useTestApp,
} from '../support/app.ts';

// immersio.integration.listCourses (beyond the spec): the synced courses for the staff app's
// course picker and filter.

const app = useTestApp();

async function connect(tenantId: number, disconnectedAt: Date | null = null) {
  await app.database.db
    .insert(immersioIntegrations)
    .values({ tenantId, immersioOrgId: unique('org'), orgName: 'Org', disconnectedAt });
}

async function addCourses(tenantId: number, courses: Array<[string, string, Date | null]>) {
  await app.database.db.insert(immersioCourses).values(
    courses.map(([immersioCourseId, name, deletedAt]) => ({
      tenantId,
      immersioCourseId,
      name,
      studentCount: 3,
      deletedAt,
      status: deletedAt ? 'deleted' : 'active',
    })),
  );
}

describe('immersio.integration.listCourses', () => {
  it('says when Immersio is not connected', async () => {
    const t = await createTenant(app);
    expect(await t.owner.client.immersio.integration.listCourses.query()).toEqual({
      connected: false,
      courses: [],
      truncated: false,
    });
    // A disconnected integration is not connected; what it synced is still listed.
    await connect(t.tenantId, new Date());
    await addCourses(t.tenantId, [['c1', 'Old course', null]]);
    expect(await t.owner.client.immersio.integration.listCourses.query()).toMatchObject({
      connected: false,
      courses: [{ immersioCourseId: 'c1' }],
    });
  });

  it('lists this tenant’s live courses by name, to admins and teachers alike', async () => {
    const t = await createTenant(app);
    const other = await createTenant(app);
    const teacher = await addSignedInMember(app, t.tenantId);
    await connect(t.tenantId);
    await addCourses(t.tenantId, [
      ['c2', 'spanish B1', null],
      ['c1', 'Business English', null],
      ['c3', 'Closed course', new Date()],
    ]);
    await addCourses(other.tenantId, [['c9', 'Not yours', null]]);

    const expected = {
      connected: true,
      truncated: false,
      courses: [
        { immersioCourseId: 'c1', name: 'Business English', status: 'active', studentCount: 3 },
        { immersioCourseId: 'c2', name: 'spanish B1', status: 'active', studentCount: 3 },
      ],
    };
    expect(await t.owner.client.immersio.integration.listCourses.query()).toEqual(expected);
    expect(await teacher.client.immersio.integration.listCourses.query()).toEqual(expected);
    expect(await other.owner.client.immersio.integration.listCourses.query()).toEqual({
      connected: false,
      truncated: false,
      courses: [{ immersioCourseId: 'c9', name: 'Not yours', status: 'active', studentCount: 3 }],
    });
  });

  it('refuses an anonymous caller', async () => {
    expect(await trpcError(trpcClient(app.baseUrl).immersio.integration.listCourses.query())).toMatchObject({
      appCode: 'UNAUTHORIZED',
      httpStatus: 401,
    });
  });
});

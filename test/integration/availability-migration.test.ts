import { rm } from 'node:fs/promises';
import { sql } from 'drizzle-orm';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, type Executor, queryRows } from '../../src/db/client.ts';
import * as availability from '../../src/modules/availability/availability.repo.ts';
import { availabilityRulesFor } from '../../src/modules/availability/schedule-lookup.ts';
import { defaultWeeklyHours } from '../../src/modules/availability/schedule-shape.schema.ts';
import { addMember, provisionTenant } from '../../src/modules/tenants/provisioning.ts';
import { createTestDatabase } from '../support/db.ts';
import { emptyDatabase, migrationsBefore } from '../support/migrations.ts';

interface DefaultRow {
  tenantId: number;
  teacherId: number;
  name: string;
  timeZone: string;
  weeklyHours: unknown;
  overrides: unknown;
}

function defaults(db: Executor, tenantId: number) {
  return queryRows<DefaultRow>(
    db,
    sql`select tenant_id as "tenantId", teacher_id as "teacherId", name, time_zone as "timeZone",
          weekly_hours as "weeklyHours", overrides
        from availability_schedules where tenant_id = ${tenantId} and is_default order by teacher_id`,
  );
}

const expectedDefault = (tenantId: number, teacherId: number, timeZone: string): DefaultRow => ({
  tenantId,
  teacherId,
  name: 'Working hours',
  timeZone,
  weeklyHours: defaultWeeklyHours(),
  overrides: [],
});

describe('migration 0011: every existing member gets a default schedule', () => {
  it('in their own zone, or the school’s while theirs is UTC; alongside btree_gist', async () => {
    const handle = await emptyDatabase();
    const folder = await migrationsBefore('0011_availability_schedules');
    try {
      if (handle.kind === 'pglite') await migratePglite(handle.db as never, { migrationsFolder: folder });
      else await migratePg(handle.db as never, { migrationsFolder: folder });
      const [a, b] = await queryRows<{ id: number }>(
        handle.db,
        sql`insert into tenants (name, slug, time_zone) values
              ('Berlin school', 'berlin', 'Europe/Berlin'), ('UTC school', 'utc', 'UTC') returning id`,
      );
      const [u1, u2, u3] = await queryRows<{ id: number }>(
        handle.db,
        sql`insert into users (email, name, time_zone) values
              ('u1@example.test', 'One', 'UTC'), ('u2@example.test', 'Two', 'Asia/Tokyo'),
              ('u3@example.test', 'Three', 'UTC') returning id`,
      );
      await handle.db.execute(
        sql`insert into memberships (tenant_id, user_id, role) values
              (${a!.id}, ${u1!.id}, 'OWNER'), (${a!.id}, ${u2!.id}, 'MEMBER'),
              (${b!.id}, ${u2!.id}, 'ADMIN'), (${b!.id}, ${u3!.id}, 'OWNER')`,
      );

      await handle.migrate();

      expect(await defaults(handle.db, a!.id)).toEqual([
        expectedDefault(a!.id, u1!.id, 'Europe/Berlin'),
        expectedDefault(a!.id, u2!.id, 'Asia/Tokyo'),
      ]);
      expect(await defaults(handle.db, b!.id)).toEqual([
        expectedDefault(b!.id, u2!.id, 'Asia/Tokyo'),
        expectedDefault(b!.id, u3!.id, 'UTC'),
      ]);
      const [{ n } = { n: 0 }] = await queryRows<{ n: number }>(
        handle.db,
        sql`select count(*)::int as n from availability_schedules`,
      );
      expect(n).toBe(4);
      // The extension a later part's exclusion constraint needs is there, on both databases.
      const extensions = await queryRows<{ extname: string }>(
        handle.db,
        sql`select extname from pg_extension where extname = 'btree_gist'`,
      );
      expect(extensions).toEqual([{ extname: 'btree_gist' }]);
    } finally {
      await handle.close();
      await rm(folder, { recursive: true, force: true });
    }
  });
});

describe('new members get a default schedule from the memberships trigger', () => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database?.close());

  it('whichever way the membership is added, once', async () => {
    const { tenant, owner } = await provisionTenant(database.db, {
      name: 'São Paulo school',
      slug: 'sao-paulo',
      plan: 'growth',
      timeZone: 'America/Sao_Paulo',
      owner: { email: 'owner@sp.example.test', name: 'Owner', password: 'owner-password-123' },
    });
    const tokyo = await addMember(database.db, {
      tenantId: tenant.id,
      role: 'MEMBER',
      user: {
        email: 'tokyo@sp.example.test',
        name: 'Tokyo',
        password: 'member-password-123',
        timeZone: 'Asia/Tokyo',
      },
    });
    const admin = await addMember(database.db, {
      tenantId: tenant.id,
      role: 'ADMIN',
      user: { email: 'admin@sp.example.test', name: 'Admin', password: 'admin-password-123' },
    });
    // A plain insert, as any future path (SSO provisioning, an import) would write it.
    const [raw] = await queryRows<{ id: number }>(
      database.db,
      sql`insert into users (email, name, time_zone) values ('raw@sp.example.test', 'Raw', 'Australia/Sydney') returning id`,
    );
    await database.db.execute(
      sql`insert into memberships (tenant_id, user_id, role) values (${tenant.id}, ${raw!.id}, 'MEMBER')`,
    );
    // Adding an existing member again adds no second default (the insert does nothing).
    await addMember(database.db, {
      tenantId: tenant.id,
      role: 'MEMBER',
      user: { email: 'tokyo@sp.example.test', name: 'Tokyo', password: 'member-password-123' },
    });

    expect(await defaults(database.db, tenant.id)).toEqual([
      expectedDefault(tenant.id, owner.id, 'America/Sao_Paulo'),
      expectedDefault(tenant.id, tokyo.id, 'Asia/Tokyo'),
      expectedDefault(tenant.id, admin.id, 'America/Sao_Paulo'),
      expectedDefault(tenant.id, raw!.id, 'Australia/Sydney'),
    ]);
    const [{ n } = { n: 0 }] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from availability_schedules where tenant_id = ${tenant.id}`,
    );
    expect(n).toBe(4);
  });

  it('slots read the workshop’s schedule, else (unset, deleted, another teacher’s) the default', async () => {
    const { tenant, owner } = await provisionTenant(database.db, {
      name: 'Lookup school',
      slug: 'lookup',
      plan: 'growth',
      owner: { email: 'owner@lookup.example.test', name: 'Owner', password: 'owner-password-123' },
    });
    const other = await addMember(database.db, {
      tenantId: tenant.id,
      role: 'MEMBER',
      user: { email: 'other@lookup.example.test', name: 'Other', password: 'member-password-123' },
    });
    const now = new Date();
    const evenings = { ...defaultWeeklyHours(), monday: [{ start: '18:00', end: '21:00' }] };
    const mine = await availability.insertSchedule(database.db, tenant.id, {
      teacherId: owner.id,
      name: 'Evenings',
      timeZone: 'Europe/Madrid',
      weeklyHours: evenings,
      overrides: [{ date: '2031-01-01', ranges: [] }],
      isDefault: false,
      now,
    });
    const theirs = (await availability.findDefaultSchedule(database.db, tenant.id, other.id))!;
    const ownerDefault = (await availability.findDefaultSchedule(database.db, tenant.id, owner.id))!;
    const rulesOf = (scheduleId?: number | null) =>
      availabilityRulesFor(database.db, { tenantId: tenant.id, teacherId: owner.id, scheduleId });

    expect(await rulesOf(mine)).toEqual({
      scheduleId: mine,
      timeZone: 'Europe/Madrid',
      weeklyHours: evenings,
      overrides: [{ date: '2031-01-01', ranges: [] }],
    });
    const fallback = {
      scheduleId: ownerDefault.id,
      timeZone: 'UTC',
      weeklyHours: defaultWeeklyHours(),
      overrides: [],
    };
    expect(await rulesOf(undefined)).toEqual(fallback);
    expect(await rulesOf(null)).toEqual(fallback);
    expect(await rulesOf(theirs.id)).toEqual(fallback);
    expect(await availability.deleteNonDefaultSchedule(database.db, tenant.id, mine)).toBe(true);
    expect(await rulesOf(mine)).toEqual(fallback);
    // Another school's id for the same teacher is not theirs here.
    expect(
      await availabilityRulesFor(database.db, { tenantId: tenant.id + 1000, teacherId: owner.id }),
    ).toBeUndefined();
  });
});

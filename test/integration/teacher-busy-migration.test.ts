import { rm } from 'node:fs/promises';
import { sql } from 'drizzle-orm';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/client.ts';
import { emptyDatabase, migrationsBefore } from '../support/migrations.ts';

// Migration 0012 on a database an older version filled: every session gets its teacher and busy
// time, and booked sessions that already overlapped stay (outside the constraint) instead of
// failing the migration.

describe('migration 0012: teacher time on existing sessions', () => {
  it('fills teacher and busy time; keeps earlier overlaps of booked sessions out of the constraint', async () => {
    const handle = await emptyDatabase();
    const folder = await migrationsBefore('0012_slot_booking');
    try {
      if (handle.kind === 'pglite') await migratePglite(handle.db as never, { migrationsFolder: folder });
      else await migratePg(handle.db as never, { migrationsFolder: folder });
      const [tenant] = await queryRows<{ id: number }>(
        handle.db,
        sql`insert into tenants (name, slug) values ('School', 'school') returning id`,
      );
      const [teacher] = await queryRows<{ id: number }>(
        handle.db,
        sql`insert into users (email, name) values ('t@example.test', 'Teacher') returning id`,
      );
      await handle.db.execute(
        sql`insert into memberships (tenant_id, user_id, role) values (${tenant!.id}, ${teacher!.id}, 'OWNER')`,
      );
      const workshops: number[] = [];
      for (const slug of ['one', 'two', 'three']) {
        const [et] = await queryRows<{ id: number }>(
          handle.db,
          sql`insert into event_types (tenant_id, teacher_id, title, slug, duration_minutes, seats)
              values (${tenant!.id}, ${teacher!.id}, ${slug}, ${slug}, 60, 5) returning id`,
        );
        const [w] = await queryRows<{ id: number }>(
          handle.db,
          sql`insert into workshops (tenant_id, event_type_id, status) values (${tenant!.id}, ${et!.id}, 'active') returning id`,
        );
        workshops.push(w!.id);
      }
      const at = (hour: number) => new Date(Date.UTC(2030, 0, 7, hour));
      // one 10–11 booked, two 10:30–11:30 booked (already overlapping), three 10–11 empty.
      const sessions = await queryRows<{ id: number }>(
        handle.db,
        sql`insert into workshop_sessions (tenant_id, workshop_id, start_time, end_time, time_zone, seats, booked_seats)
            values (${tenant!.id}, ${workshops[0]}, ${at(10)}, ${at(11)}, 'UTC', 5, 2),
                   (${tenant!.id}, ${workshops[1]}, ${new Date(at(10).getTime() + 1_800_000)}, ${new Date(at(11).getTime() + 1_800_000)}, 'UTC', 5, 1),
                   (${tenant!.id}, ${workshops[2]}, ${at(10)}, ${at(11)}, 'UTC', 5, 0)
            returning id`,
      );

      await handle.migrate();

      const rows = await queryRows<{ id: number; teacherId: number; busy: boolean; from: Date | string }>(
        handle.db,
        sql`select id, teacher_id as "teacherId", teacher_busy as busy, busy_from as "from"
            from workshop_sessions order by id`,
      );
      expect(rows.map((r) => [r.id, r.teacherId, r.busy, new Date(r.from).toISOString()])).toEqual([
        [sessions[0]!.id, teacher!.id, true, at(10).toISOString()],
        [sessions[1]!.id, teacher!.id, false, new Date(at(10).getTime() + 1_800_000).toISOString()],
        [sessions[2]!.id, teacher!.id, true, at(10).toISOString()],
      ]);
      // The empty class at the same time as `one` cannot take a seat now.
      await expect(
        handle.db.execute(sql`update workshop_sessions set booked_seats = 1 where id = ${sessions[2]!.id}`),
      ).rejects.toMatchObject({ cause: expect.objectContaining({ code: '23P01' }) });
    } finally {
      await handle.close();
      await rm(folder, { recursive: true, force: true });
    }
  });
});

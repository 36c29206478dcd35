import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/support/db.ts';
import { queryRows } from './client.ts';

// A real deadlock needs two connections: PostgreSQL only (PGlite runs one transaction at a time).
describe.skipIf(!process.env.DATABASE_URL)('transactions PostgreSQL aborts to break a deadlock', () => {
  let handle: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    handle = await createTestDatabase();
    await handle.db.execute(sql`create table deadlock_probe (id int primary key, n int not null default 0)`);
    await handle.db.execute(sql`insert into deadlock_probe (id) values (1), (2)`);
  });
  afterAll(() => handle?.close());

  // PostgreSQL looks for the cycle after deadlock_timeout (1 s by default): the test takes that long.
  it('are run again, so both writers commit', async () => {
    const { db } = handle;
    let bothHoldTheirFirstRow!: () => void;
    const barrier = new Promise<void>((resolve) => {
      let waiting = 2;
      bothHoldTheirFirstRow = () => {
        waiting -= 1;
        if (waiting === 0) resolve();
      };
    });
    const attempts = { a: 0, b: 0 };
    // Opposite orders: a takes row 1 then row 2, b takes row 2 then row 1.
    const writer = (name: 'a' | 'b', first: number, second: number) =>
      db.transaction(async (tx) => {
        attempts[name] += 1;
        await tx.execute(sql`update deadlock_probe set n = n + 1 where id = ${first}`);
        if (attempts[name] === 1) {
          bothHoldTheirFirstRow();
          await barrier;
        }
        await tx.execute(sql`update deadlock_probe set n = n + 1 where id = ${second}`);
      });
    await Promise.all([writer('a', 1, 2), writer('b', 2, 1)]);
    expect(attempts.a + attempts.b).toBe(3);
    const rows = await queryRows<{ id: number; n: number }>(
      db,
      sql`select id, n from deadlock_probe order by id`,
    );
    expect(rows).toEqual([
      { id: 1, n: 2 },
      { id: 2, n: 2 },
    ]);
  });

  it('does not run again a transaction that failed for another reason', async () => {
    let attempts = 0;
    await expect(
      handle.db.transaction(async (tx) => {
        attempts += 1;
        await tx.execute(sql`insert into deadlock_probe (id) values (1)`);
      }),
    ).rejects.toThrow();
    expect(attempts).toBe(1);
  });
});

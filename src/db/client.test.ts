import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/support/db.ts';

describe('test database', () => {
  const handlePromise = createTestDatabase();
  afterAll(async () => (await handlePromise).close());

  it('is migrated and writable', async () => {
    const handle = await handlePromise;
    expect(await handle.ready()).toBe(true);
    const result = await handle.db.execute<{ n: number }>(sql`select count(*)::int as n from tenants`);
    expect(result.rows[0]?.n).toBe(0);
  });
});

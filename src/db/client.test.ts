import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/support/db.ts';
import { queryRows } from './client.ts';

describe('test database', () => {
  const handlePromise = createTestDatabase();
  afterAll(async () => (await handlePromise).close());

  it('is migrated and writable', async () => {
    const handle = await handlePromise;
    expect(await handle.ready()).toBe(true);
    const [row] = await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from tenants`);
    expect(row?.n).toBe(0);
  });
});

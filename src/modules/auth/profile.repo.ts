import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { users } from '../../db/schema/index.ts';

/** Name, time zone and (when given) language: better-auth's update-user refuses the zone (an `input: false` field). */
export async function updateProfileRow(
  db: Executor,
  userId: number,
  values: { name: string; timeZone: string; language?: string },
  now: Date,
) {
  const [row] = await db
    .update(users)
    .set({ ...values, updatedAt: now })
    .where(eq(users.id, userId))
    .returning({
      id: users.id,
      name: users.name,
      email: users.email,
      timeZone: users.timeZone,
      language: users.language,
    });
  return row;
}

import type { Executor } from '../../db/client.ts';
import { AppError } from '../../lib/errors.ts';
import { updateProfileRow } from './profile.repo.ts';

/** Renames a person and sets their time zone (where their new classes are planned by default). */
export async function updateAccountProfile(
  db: Executor,
  userId: number,
  values: { name: string; timeZone: string; language?: string },
  now: Date,
) {
  const row = await updateProfileRow(db, userId, values, now);
  if (!row) throw new AppError('UNAUTHORIZED');
  return row;
}

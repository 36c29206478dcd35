import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Outside production a missing APP_SECRET is generated once and kept in DATA_DIR/app-secret,
 * so sessions survive restarts with zero setup. Production must set it (env.ts enforces that).
 */
export async function resolveAppSecret(
  given: string | undefined,
  dataDir: string,
): Promise<{ secret: string; generated: boolean }> {
  if (given) return { secret: given, generated: false };
  const file = path.resolve(dataDir, 'app-secret');
  try {
    const stored = (await readFile(file, 'utf8')).trim();
    if (stored.length >= 32) return { secret: stored, generated: false };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  return { secret, generated: true };
}

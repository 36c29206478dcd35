import type { Executor } from '../../db/client.ts';
import { ensureLandingPage } from './landing.repo.ts';

/**
 * The tenant's landing settings row, created with the defaults on first read: the admin preview
 * of a school that never opened its settings shows what `getSettings` would.
 */
export async function landingPageWithDefaults(db: Executor, tenantId: number) {
  return (await ensureLandingPage(db, tenantId)).page;
}

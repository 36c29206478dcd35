import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';

/** Where browser tests leave their screenshots (CI keeps `test-results/e2e/*.png`). */
export const SCREENSHOT_DIR = path.resolve(import.meta.dirname, '../../../test-results/e2e');

/** A full-page PNG at `test-results/e2e/<name>.png`; returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const file = path.join(SCREENSHOT_DIR, name.endsWith('.png') ? name : `${name}.png`);
  await mkdir(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

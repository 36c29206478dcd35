import axe from 'axe-core';
import type { Frame, Page } from 'playwright-core';
import type { BrowserSession, ContextOptions } from './browser.ts';

// Accessibility checks with axe-core, run inside the page. The pages send a strict CSP (no
// inline script), so axe's source is injected only in a context made with `bypassCSP: true`.

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21aa', 'best-practice'];
const FAILING_IMPACTS = new Set(['serious', 'critical']);

export interface A11yViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  targets: string[];
}

/**
 * Runs axe in `page` (which must belong to a bypassCSP context) and returns every violation. A
 * frame is checked on its own (a school's page embedding ours is not ours to check).
 */
export async function runAxe(page: Page | Frame): Promise<A11yViolation[]> {
  // A dialog fading in, or a button easing out of its busy state, is measured half-transparent
  // (a colour-contrast failure that is not there once it settles): let running animations end.
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((animation) => animation.effect?.getTiming().iterations !== Number.POSITIVE_INFINITY)
        .map((animation) => animation.finished.catch(() => undefined)),
    ),
  );
  await page.addScriptTag({ content: axe.source });
  const results = await page.evaluate(
    (tags) =>
      (window as unknown as { axe: typeof axe }).axe.run(document, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      }),
    AXE_TAGS,
  );
  return results.violations.map((violation) => ({
    id: violation.id,
    impact: violation.impact ?? null,
    help: violation.help,
    helpUrl: violation.helpUrl,
    targets: violation.nodes.map((node) => node.target.map(String).join(' ')),
  }));
}

/** Throws, listing them, if `page` has any serious or critical axe violation. */
export async function expectAccessible(page: Page | Frame): Promise<void> {
  const violations = (await runAxe(page)).filter((v) => v.impact && FAILING_IMPACTS.has(v.impact));
  if (violations.length === 0) return;
  const lines = violations.map(
    (v) => `  - [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n      ${v.targets.join('\n      ')}`,
  );
  throw new Error(
    `${violations.length} serious or critical accessibility violation(s) on ${page.url()}:\n${lines.join('\n')}`,
  );
}

/**
 * Opens `url` in a fresh bypassCSP context of the session (console errors still fail the test)
 * and checks it with axe. For the state a page shows at that URL; pages the test drives
 * through interactions run under the real CSP in their own context.
 */
export async function expectUrlAccessible(
  session: BrowserSession,
  url: string,
  options: Omit<ContextOptions, 'bypassCSP'> = {},
): Promise<void> {
  const page = await session.newPage({ ...options, bypassCSP: true });
  const response = await page.goto(url);
  if (!response?.ok()) throw new Error(`GET ${url} answered ${response?.status()}`);
  await expectAccessible(page);
}

/**
 * Checks with axe the state `page` shows now, which a fresh GET of its URL would not give back
 * (the answer to a form POST, a refusal with its messages): the page's current HTML is served again
 * at its URL to a new bypassCSP context (its script and styles load as usual), and axe runs there.
 * Pass the options `page` was opened with (viewport, time zone).
 */
export async function expectCurrentStateAccessible(
  session: BrowserSession,
  page: Page,
  options: Omit<ContextOptions, 'bypassCSP'> = {},
): Promise<void> {
  const html = await page.content();
  const target = new URL(page.url());
  target.hash = '';
  const copy = await session.newPage({ ...options, bypassCSP: true });
  let served = false;
  await copy.route(
    (url) => url.href === target.href,
    (route) => {
      served = true;
      return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
    },
  );
  await copy.goto(page.url());
  if (!served) throw new Error(`the copy of ${page.url()} was not served`);
  await expectAccessible(copy);
}

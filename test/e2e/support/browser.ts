import { existsSync } from 'node:fs';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './browser-flags.ts';

export { CHROMIUM_ARGS, CHROMIUM_PATH };

export const MOBILE_VIEWPORT = { width: 375, height: 812 };

/** `extraArgs`: more Chromium switches, e.g. `--host-resolver-rules` to send a name to loopback. */
export async function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`no Chromium at ${CHROMIUM_PATH}: install it with \`apt-get install chromium\``);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS, ...extraArgs],
  });
}

export interface ContextOptions {
  /** A phone-sized viewport (375 × 812). */
  mobile?: boolean;
  /**
   * Ignore the pages' Content-Security-Policy. Only for injecting axe-core (an inline script the
   * pages' strict CSP rightly refuses); everything else runs under the real policy.
   */
  bypassCSP?: boolean;
  /** The browser's time zone (IANA), e.g. 'Asia/Tokyo'; default the machine's. */
  timezoneId?: string;
  /** The browser's language (navigator.language, Accept-Language), e.g. 'fr-FR'; default en-US. */
  locale?: string;
  /**
   * Console errors the test expects, not counted as failures. Chromium logs "Failed to load
   * resource: the server responded with a status of 409 (Conflict)" for a page that answers with
   * an error status on purpose (a refused booking form comes back as 403 or 409): allow exactly
   * that with `expectedStatusError(409)`. Page errors (uncaught exceptions) are always counted.
   */
  allowConsoleErrors?: RegExp[];
}

/** The console error Chromium logs when a page (or resource) answers with `status`. */
export function expectedStatusError(status: number): RegExp {
  return new RegExp(`^Failed to load resource: the server responded with a status of ${status} \\(`);
}

export async function newContext(browser: Browser, options: ContextOptions = {}): Promise<BrowserContext> {
  return browser.newContext({
    ...(options.mobile ? { viewport: MOBILE_VIEWPORT, isMobile: true, hasTouch: true } : {}),
    ...(options.bypassCSP ? { bypassCSP: true } : {}),
    ...(options.timezoneId ? { timezoneId: options.timezoneId } : {}),
    locale: options.locale ?? 'en-US',
  });
}

/**
 * Collects what a page reports as broken: `console.error` messages (CSP violations and failed
 * loads appear there) and uncaught exceptions (`pageerror`). Pages opened later in the context
 * are watched too.
 */
export function watchErrors(context: BrowserContext, allowed: RegExp[] = []): string[] {
  const errors: string[] = [];
  const watch = (page: Page) => {
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const { url, lineNumber } = message.location();
      if (isBrowserFaviconMiss(url, message.text())) return;
      if (allowed.some((pattern) => pattern.test(message.text()))) return;
      errors.push(`console error on ${page.url()}: ${message.text()}${url ? ` (${url}:${lineNumber})` : ''}`);
    });
    page.on('pageerror', (error) =>
      errors.push(`page error on ${page.url()}: ${error.stack ?? error.message}`),
    );
  };
  for (const page of context.pages()) watch(page);
  context.on('page', watch);
  return errors;
}

/**
 * Chromium asks every origin for `/favicon.ico` by itself (the pages do not link one) and logs
 * the 404 as a console error, some of the time, depending on when the context closes. That
 * request is not the page's, so it is not counted; a page that links a missing icon still is.
 */
function isBrowserFaviconMiss(url: string, text: string): boolean {
  return URL.canParse(url) && new URL(url).pathname === '/favicon.ico' && /status of 404/.test(text);
}

export interface BrowserSession {
  readonly browser: Browser;
  /**
   * A new context and page, closed after the current test. Any console error or page error in
   * it fails that test (checked after the test body, so the test's own failure shows first).
   */
  newPage(options?: ContextOptions): Promise<Page>;
}

/**
 * One Chromium for the test file (launched before its tests, closed after them), and pages
 * whose console errors fail the test that opened them.
 */
export function useBrowser(options: { extraArgs?: string[] } = {}): BrowserSession {
  let browser: Browser | undefined;
  let opened: Array<{ context: BrowserContext; errors: string[] }> = [];

  beforeAll(async () => {
    browser = await launchBrowser(options.extraArgs);
  });
  afterEach(async () => {
    const current = opened;
    opened = [];
    const errors = current.flatMap((entry) => entry.errors);
    await Promise.all(current.map((entry) => entry.context.close().catch(() => {})));
    if (errors.length > 0) {
      throw new Error(
        `the page reported ${errors.length} error(s):\n${errors.map((e) => `  - ${e}`).join('\n')}`,
      );
    }
  });
  afterAll(async () => {
    await browser?.close();
  });

  return {
    get browser() {
      if (!browser) throw new Error('the browser is not launched yet (use it inside a test or hook)');
      return browser;
    },
    async newPage(options = {}) {
      const context = await newContext(this.browser, options);
      const errors = watchErrors(context, options.allowConsoleErrors);
      opened.push({ context, errors });
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      return page;
    },
  };
}

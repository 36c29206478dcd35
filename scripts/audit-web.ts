// Lighthouse audit of the public web pages and the staff app (`npm run audit:web`), not a test: it
// prints each page's scores against the targets and exits 0 whatever they are; it exits 1 only
// when the service or Lighthouse itself cannot run.
//
//   npm run audit:web                       the demo landing page, one workshop page, and the staff
//                                           app's sign-in and overview (signed in as the demo owner)
//   npm run audit:web -- <page>...          these instead; a page is an absolute URL, a path on the
//                                           in-process service (`/language-academy`), or `manage`
//                                           (books a free demo seat and audits its manage page)
//
// The service runs in this process as the browser tests start it (fresh temp DATA_DIR, embedded
// database, demo data, rate limits off, PUBLIC_BASE_URL = its listening address). Lighthouse
// drives Debian's Chromium (CHROME_PATH, default /usr/bin/chromium) through chrome-launcher, with
// the default mobile form factor and simulated throttling; staff screens (`/app/…`) with
// Lighthouse's desktop config, and their JavaScript weighed in gzip bytes against its budget.
// Reports: test-results/lighthouse/.

import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { DEMO_ADMIN } from '../test/e2e/support/admin.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../test/e2e/support/browser-flags.ts';
import {
  bookFreeDemoSeat,
  DEMO_TENANT,
  type E2eServer,
  getLanding,
  startE2eServer,
} from '../test/e2e/support/server.ts';

const REPORT_DIR = path.resolve(import.meta.dirname, '../test-results/lighthouse');

type Profile = 'public' | 'staff';

interface Category {
  id: string;
  label: string;
  target: number;
}

const CATEGORIES: Record<Profile, Category[]> = {
  public: [
    { id: 'performance', label: 'performance', target: 95 },
    { id: 'accessibility', label: 'accessibility', target: 100 },
    { id: 'best-practices', label: 'best practices', target: 95 },
    { id: 'seo', label: 'SEO', target: 100 },
  ],
  // The staff app is not for search engines (noindex); issue 11's targets, desktop.
  staff: [
    { id: 'performance', label: 'performance', target: 95 },
    { id: 'accessibility', label: 'accessibility', target: 100 },
    { id: 'best-practices', label: 'best practices', target: 100 },
  ],
};

/** Chunks the screens import on demand after their first paint (chart library, CSV parser). */
const LAZY_CHUNK = /\/(overview-charts|papaparse)[^/]*\.js$/;

/** JavaScript budgets of staff screens, gzip bytes (issue 11). */
const JS_BUDGET: Record<string, number> = { 'staff-sign-in': 120 * 1024, 'staff-overview': 250 * 1024 };

interface Target {
  name: string;
  url: string;
  profile: Profile;
  /** Request headers for every request Lighthouse makes (a session cookie). */
  headers?: Record<string, string>;
}

interface Outcome extends Target {
  status: number | string;
  scores?: Record<string, number | null>;
  /** Audits that cost points in a category below its target. */
  findings?: string[];
  reports?: string[];
  /** gzip bytes of the scripts the page loaded. */
  scriptGzipBytes?: { total: number; lazy: number };
  error?: string;
}

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log('usage: npm run audit:web [-- <absolute URL | /path on the in-process service | manage>...]');
  process.exit(0);
}

let server: E2eServer | undefined;
let exitCode = 0;
try {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`no Chromium at ${CHROMIUM_PATH} (set CHROME_PATH, or \`apt-get install chromium\`)`);
  }
  const needsServer = args.length === 0 || args.some((arg) => !/^https?:\/\//.test(arg));
  if (needsServer) {
    process.stdout.write('starting the service (demo data, embedded database)… ');
    server = await startE2eServer({ logLevel: process.env.AUDIT_LOG_LEVEL ?? 'silent' });
    console.log(server.baseUrl);
  }
  const targets = args.length === 0 ? await defaultTargets(server!) : await namedTargets(args, server);

  const outcomes: Outcome[] = [];
  for (const target of targets) {
    let outcome = await audit(target);
    // Lighthouse's trace recording fails now and then on a busy machine (NO_NAVSTART): once more.
    if (outcome.error && outcome.status === 200) {
      console.log(`  ${outcome.error.split('\n')[0]} — running Lighthouse again`);
      outcome = await audit(target);
    }
    outcomes.push(outcome);
  }

  printTable(outcomes);
  if (outcomes.some((o) => o.error)) exitCode = 1;
} catch (error) {
  console.error(
    '\naudit:web could not run:',
    error instanceof Error ? (error.stack ?? error.message) : error,
  );
  exitCode = 1;
} finally {
  await server?.close().catch((error: unknown) => console.error('stopping the service failed:', error));
}
process.exit(exitCode);

/** The demo landing page, the first workshop's page, the staff sign-in and the owner's overview. */
async function defaultTargets(service: E2eServer): Promise<Target[]> {
  const targets: Target[] = [
    { name: 'landing', url: `${service.baseUrl}/${DEMO_TENANT}`, profile: 'public' },
  ];
  const landing = await getLanding(service.baseUrl);
  const workshop = landing.workshops[0];
  if (workshop) targets.push({ name: 'workshop', url: workshop.bookingUrl, profile: 'public' });
  else console.log('the demo landing JSON lists no workshop: no workshop page to audit');
  targets.push({ name: 'staff-sign-in', url: `${service.baseUrl}/app/sign-in`, profile: 'staff' });
  targets.push({
    name: 'staff-overview',
    url: `${service.baseUrl}/app/`,
    profile: 'staff',
    headers: { cookie: await ownerSessionCookie(service.baseUrl) },
  });
  return targets;
}

/** Signs the demo owner in and returns the session cookie, as the browser would send it. */
async function ownerSessionCookie(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(DEMO_ADMIN),
  });
  if (response.status !== 200) throw new Error(`demo owner sign-in failed: ${response.status}`);
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .join('; ');
}

/** The gzip size of the scripts the page requested (fetched again, gzip only): all, and the lazy ones. */
async function scriptGzipBytes(lhr: {
  audits: Record<string, { details?: unknown }>;
}): Promise<{ total: number; lazy: number }> {
  const items =
    (lhr.audits['network-requests']?.details as { items?: { url: string; resourceType?: string }[] })
      ?.items ?? [];
  let total = 0;
  let lazy = 0;
  for (const item of items.filter((i) => i.resourceType === 'Script')) {
    const response = await fetch(item.url, { headers: { 'accept-encoding': 'gzip' } });
    const body = await response.arrayBuffer();
    // fetch decodes the body; the encoded size is what the header says, else re-gzip it.
    const length = Number(response.headers.get('content-length'));
    const bytes =
      Number.isFinite(length) && length > 0 ? length : gzipSync(Buffer.from(body), { level: 9 }).length;
    total += bytes;
    if (LAZY_CHUNK.test(item.url)) lazy += bytes;
  }
  return { total, lazy };
}

async function namedTargets(names: string[], service: E2eServer | undefined): Promise<Target[]> {
  const targets: Target[] = [];
  for (const [index, arg] of names.entries()) {
    if (/^https?:\/\//.test(arg)) {
      targets.push({ name: nameFor(new URL(arg).pathname, index), url: arg, profile: profileOf(arg) });
    } else if (arg === 'manage') {
      const booked = await bookFreeDemoSeat(service!.baseUrl, {
        name: 'Audit Student',
        email: `audit-${index}@example.test`,
      });
      targets.push({ name: 'manage', url: booked.manageUrl, profile: 'public' });
    } else if (arg.startsWith('/')) {
      targets.push({ name: nameFor(arg, index), url: `${service!.baseUrl}${arg}`, profile: profileOf(arg) });
    } else {
      throw new Error(`"${arg}" is neither an http(s) URL, a path starting with /, nor "manage"`);
    }
  }
  return targets;
}

function profileOf(url: string): Profile {
  return new URL(url, 'http://x').pathname.startsWith('/app') ? 'staff' : 'public';
}

function nameFor(pathname: string, index: number): string {
  const slug = pathname
    .replace(/[^a-z0-9]+/gi, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
  return slug || `page-${index + 1}`;
}

async function audit(target: Target): Promise<Outcome> {
  const categories = CATEGORIES[target.profile];
  const status = await fetch(target.url, { redirect: 'follow', headers: target.headers ?? {} }).then(
    async (response) => {
      await response.body?.cancel();
      return response.status;
    },
    (error: unknown) => `unreachable (${error instanceof Error ? error.message : String(error)})`,
  );
  if (status !== 200) {
    console.log(`\n!! ${target.name}: ${target.url} answered ${status}, not 200 — not audited`);
    return { ...target, status };
  }

  console.log(`\nLighthouse: ${target.name} ${target.url}`);
  let chrome: chromeLauncher.LaunchedChrome | undefined;
  try {
    chrome = await chromeLauncher.launch({
      chromePath: CHROMIUM_PATH,
      chromeFlags: ['--headless', ...CHROMIUM_ARGS],
      logLevel: 'silent',
    });
    const result = await lighthouse(
      target.url,
      {
        port: chrome.port,
        output: ['json', 'html'],
        logLevel: 'error',
        onlyCategories: categories.map((c) => c.id),
        ...(target.headers ? { extraHeaders: target.headers } : {}),
      },
      target.profile === 'staff' ? desktopConfig : undefined,
    );
    if (!result) throw new Error('Lighthouse returned no result');
    const { lhr } = result;
    await mkdir(REPORT_DIR, { recursive: true });
    const [json, html] = result.report as string[];
    const reports = [
      path.join(REPORT_DIR, `${target.name}.json`),
      path.join(REPORT_DIR, `${target.name}.html`),
    ];
    await writeFile(reports[0]!, json!);
    await writeFile(reports[1]!, html!);
    if (lhr.runtimeError) {
      return { ...target, status, reports, error: `${lhr.runtimeError.code}: ${lhr.runtimeError.message}` };
    }

    const scores: Record<string, number | null> = {};
    const findings: string[] = [];
    for (const category of categories) {
      const found = lhr.categories[category.id];
      const score = found?.score == null ? null : Math.round(found.score * 100);
      scores[category.id] = score;
      if (!found || (score !== null && score >= category.target)) continue;
      for (const ref of found.auditRefs) {
        const result = lhr.audits[ref.id];
        if (!result || ref.weight === 0 || result.score === null || result.score >= 0.9) continue;
        const value = result.displayValue ? ` (${result.displayValue})` : '';
        findings.push(`${category.label}: ${ref.id} — ${result.title}${value}`);
      }
    }
    const scripts = target.profile === 'staff' ? await scriptGzipBytes(lhr) : undefined;
    return { ...target, status, scores, findings, reports, scriptGzipBytes: scripts };
  } catch (error) {
    return {
      ...target,
      status,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    };
  } finally {
    chrome?.kill();
  }
}

function printTable(all: Outcome[]): void {
  for (const profile of ['public', 'staff'] as const) {
    const outcomes = all.filter((o) => o.profile === profile);
    if (outcomes.length > 0) printProfile(profile, outcomes);
  }
  const audited = all.filter((o) => o.scores).length;
  console.log(
    `\n${audited} of ${all.length} page(s) audited. Scores are reported, not enforced: this exits 0 unless Lighthouse fails.`,
  );
}

function printProfile(profile: Profile, outcomes: Outcome[]): void {
  const CATS = CATEGORIES[profile];
  const headers = [
    'page',
    'HTTP',
    ...CATS.map((c) => c.label),
    ...(profile === 'staff' ? ['JS gzip (first paint)'] : []),
  ];
  const targetsRow = [
    'target',
    '',
    ...CATS.map((c) => (c.target === 100 ? '100' : `≥ ${c.target}`)),
    ...(profile === 'staff' ? ['budget'] : []),
  ];
  const rows = outcomes.map((o) => [
    o.name,
    String(o.status),
    ...CATS.map((c) => {
      if (o.error) return 'error';
      if (!o.scores) return '—';
      const score = o.scores[c.id];
      if (score === null || score === undefined) return 'n/a';
      return `${score} ${score >= c.target ? 'ok' : 'LOW'}`;
    }),
    ...(profile === 'staff' ? [jsCell(o)] : []),
  ]);
  const all = [headers, targetsRow, ...rows];
  const widths = headers.map((_, i) => Math.max(...all.map((row) => row[i]!.length)));
  const line = (row: string[]) => row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ');

  const mode = profile === 'staff' ? 'staff app, desktop' : 'public pages, mobile';
  console.log(`\nLighthouse scores (${mode}, simulated throttling)\n`);
  console.log(line(headers));
  console.log(line(targetsRow));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
  console.log('');
  for (const o of outcomes) {
    console.log(`${o.name}: ${o.url}`);
    if (o.status !== 200) console.log(`  not audited: answered ${o.status}, not 200`);
    if (o.error) console.log(`  Lighthouse failed: ${o.error}`);
    for (const finding of o.findings ?? []) console.log(`  - ${finding}`);
    if (o.reports)
      console.log(`  reports: ${o.reports.map((r) => path.relative(process.cwd(), r)).join(', ')}`);
  }
}

function jsCell(o: Outcome): string {
  if (o.scriptGzipBytes === undefined) return '—';
  const { total, lazy } = o.scriptGzipBytes;
  const first = total - lazy;
  const budget = JS_BUDGET[o.name];
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  const onDemand = lazy > 0 ? ` + ${kb(lazy)} on demand (all ${kb(total)})` : '';
  if (budget === undefined) return `${kb(first)}${onDemand}`;
  return `${kb(first)} ${first <= budget ? 'ok' : 'OVER'} (≤ ${budget / 1024})${onDemand}`;
}

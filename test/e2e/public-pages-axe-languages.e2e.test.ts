import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCALES, type Locale } from '../../src/lib/i18n/locales.schema.ts';
import {
  createDemoWorkshop,
  createSlotWorkshop,
  type SignedInAdmin,
  signInDemoAdmin,
} from './support/admin.ts';
import { runAxe } from './support/axe.ts';
import { expectedStatusError, useBrowser } from './support/browser.ts';
import { DEMO_TENANT, type E2eServer, startE2eServer } from './support/server.ts';

// Issue 18 in Chromium: every public page in each of the six languages (chosen with ?lang=) is
// axe-clean (every violation, whatever its impact), says its language in <html lang> and logs no
// console error. One browser context per language, its page reused for every address; the server
// tests (i18n-pages, private-pages-languages) check the words themselves.

let server: E2eServer;
let admin: SignedInAdmin;

interface Target {
  name: string;
  /** A path on the service, or an absolute URL (the Stripe emulator's Checkout page). */
  url: string;
  /**
   * Stripe's page, not the service's (the emulator stands in for it): its language is the
   * session's, not the address's, and only serious or critical violations count.
   */
  stripe?: boolean;
}

/** The addresses visited in every language, in order. */
let targets: Target[] = [];
/** The booking form of the fixed-session workshop, to be posted empty (a refusal with messages). */
let fixedWorkshopPath = '';
/** Stripe Checkout (the emulator's page) for a pass bought in each language. */
const checkouts = new Map<Locale, string>();

const TEMPLATES = ['education', 'tutor_personal', 'center_small', 'kids_1', 'kids_2'] as const;
type Template = (typeof TEMPLATES)[number];

async function post<T>(path: string, body: object): Promise<T> {
  const response = await fetch(`${server.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ tenantSlug: DEMO_TENANT, ...body }),
  });
  if (response.status !== 201) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

const local = (url: string) => {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
};

const attendee = (email: string) => ({ name: 'Zoé Müller', email, timeZone: 'Europe/Paris' });

type Created = { manageUrl: string; checkoutUrl?: string; payment?: { checkoutUrl: string } | null };

/** A free 1:1 workshop booked by slot on UTC evenings, and its first free slot. */
async function slotWorkshop() {
  const { workshop, slots } = await createSlotWorkshop(admin, server.baseUrl, {
    title: 'Tutoría Zeta',
    scheduleName: 'UTC evenings (languages)',
    hours: { start: '18:00', end: '22:00' },
  });
  const slot = slots[0];
  if (!slot) throw new Error('the slot workshop has no free time');
  return { workshop, startTime: slot.startTime };
}

beforeAll(async () => {
  server = await startE2eServer();
  admin = await signInDemoAdmin(server.baseUrl);
  const path = (bookingUrl: string) => new URL(bookingUrl).pathname;

  // A fixed schedule of three weekly sessions: its page offers a session or the whole course.
  const fixed = await createDemoWorkshop(admin, {
    title: 'Taller Zeta',
    description: 'Zeta zeta, conversación y práctica.',
    recurrence: { frequency: 'weekly', count: 3 },
  });
  fixedWorkshopPath = path(fixed.bookingUrl);
  const fixedInfo = (await (
    await fetch(`${server.baseUrl}/api/v1/public/workshops/${fixed.slug}?tenantSlug=${DEMO_TENANT}`)
  ).json()) as { schedule: Array<{ startTime: string }> };
  const booked = await post<Created>('/api/v1/public/bookings', {
    workshopSlug: fixed.slug,
    startTime: fixedInfo.schedule[0]!.startTime,
    attendee: attendee('zoe.booked@example.test'),
  });
  const enrolled = await post<Created>('/api/v1/public/enrolments', {
    workshopSlug: fixed.slug,
    attendee: attendee('zoe.enrolled@example.test'),
  });

  // A paid workshop: the manage page asks to pay, then Checkout's return pages.
  const paid = await createDemoWorkshop(admin, { title: 'Taller Zeta Plus', price: 2500, currency: 'EUR' });
  const paidInfo = (await (
    await fetch(`${server.baseUrl}/api/v1/public/workshops/${paid.slug}?tenantSlug=${DEMO_TENANT}`)
  ).json()) as { schedule: Array<{ startTime: string }> };
  const paidBooking = await post<Created>('/api/v1/public/bookings', {
    workshopSlug: paid.slug,
    startTime: paidInfo.schedule[0]!.startTime,
    attendee: attendee('zoe.paid@example.test'),
  });

  // One seat, taken: its page has the waitlist form; someone waits in line.
  const full = await createDemoWorkshop(admin, {
    title: 'Taller Zeta Lleno',
    seats: 1,
    recurrence: { frequency: 'none' },
  });
  const fullInfo = (await (
    await fetch(`${server.baseUrl}/api/v1/public/workshops/${full.slug}?tenantSlug=${DEMO_TENANT}`)
  ).json()) as { schedule: Array<{ startTime: string }> };
  const fullStart = fullInfo.schedule[0]!.startTime;
  await post('/api/v1/public/bookings', {
    workshopSlug: full.slug,
    startTime: fullStart,
    attendee: attendee('zoe.seated@example.test'),
  });
  const waiting = await post<Created>('/api/v1/public/waitlist', {
    workshopSlug: full.slug,
    startTime: fullStart,
    attendee: attendee('zoe.waiting@example.test'),
  });

  // Booked after the fixed workshops are made: their sessions start three days ahead at the hour of
  // the run, and the teacher may not get a new session over a slot that already has a booking.
  const slots = await slotWorkshop();
  const slotBooking = await post<Created>('/api/v1/public/bookings', {
    workshopSlug: slots.workshop.slug,
    startTime: slots.startTime,
    attendee: attendee('zoe.slot@example.test'),
  });

  // A class pass on sale, one bought and paid (its page), and one bought in each language (Checkout).
  const pass = await admin.trpc.immersio.pass.create.mutate({
    name: 'Bono Zeta',
    classes: 10,
    price: 12000,
    currency: 'EUR',
    validDays: 90,
  });
  const buy = (email: string, language?: Locale) =>
    post<Created>(`/api/v1/public/passes/${pass.id}/purchase`, {
      buyer: { name: 'Zoé Müller', email },
      ...(language && { language }),
    });
  const bought = await buy('zoe.pass@example.test');
  const emulator = server.running.stripeEmulator;
  if (!emulator) throw new Error('the e2e server runs without the Stripe emulator');
  await emulator.pay(new URL(bought.checkoutUrl!).pathname.split('/').pop()!);
  for (const locale of LOCALES) {
    checkouts.set(locale, (await buy(`zoe.checkout.${locale}@example.test`, locale)).checkoutUrl!);
  }

  targets = [
    { name: 'landing page', url: `/${DEMO_TENANT}` },
    { name: 'workshop page (fixed sessions, whole course)', url: fixedWorkshopPath },
    { name: 'workshop page (slots)', url: path(slots.workshop.bookingUrl) },
    { name: 'workshop page (paid)', url: path(paid.bookingUrl) },
    { name: 'workshop page (full: waitlist form)', url: path(full.bookingUrl) },
    { name: 'manage page (just booked)', url: `${local(booked.manageUrl)}&booked=1` },
    { name: 'manage page (slot: change time)', url: local(slotBooking.manageUrl) },
    { name: 'manage page (to pay)', url: local(paidBooking.manageUrl) },
    { name: 'manage page (back from Checkout)', url: `${local(paidBooking.manageUrl)}&checkout=success` },
    { name: 'enrolment page', url: local(enrolled.manageUrl) },
    { name: 'waitlist page', url: local(waiting.manageUrl) },
    { name: 'passes page', url: `/${DEMO_TENANT}/passes` },
    { name: 'pass page', url: local(bought.manageUrl) },
  ];
});
afterAll(() => server?.close());

const browser = useBrowser();

function withLanguage(url: string, locale: Locale): string {
  const target = new URL(url, server.baseUrl);
  target.searchParams.set('lang', locale);
  return target.toString();
}

/** What is wrong with the page shown now: its language and every axe violation. */
async function problemsOf(page: Page, name: string, locale: Locale, stripe = false): Promise<string[]> {
  const problems: string[] = [];
  const lang = await page.locator('html').getAttribute('lang');
  if (lang !== locale) problems.push(`${name} [${locale}]: <html lang="${lang}">`);
  const violations = await runAxe(page);
  for (const v of stripe
    ? violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    : violations) {
    problems.push(
      `${name} [${locale}]: [${v.impact}] ${v.id}: ${v.help}\n      ${v.targets.join('\n      ')}`,
    );
  }
  return problems;
}

async function visit(page: Page, target: Target, locale: Locale): Promise<string[]> {
  const url = target.stripe ? target.url : withLanguage(target.url, locale);
  // The pages' scripts are deferred: they have run by DOMContentLoaded, images need not have loaded.
  const response = await page.goto(url, { waitUntil: 'domcontentloaded' });
  if (response?.status() !== 200) return [`${target.name} [${locale}]: status ${response?.status()}`];
  return problemsOf(page, target.name, locale, target.stripe);
}

/** The fixed workshop's booking form posted with no name nor e-mail: refused, with its messages. */
async function refusedForm(page: Page, locale: Locale): Promise<string[]> {
  await page.goto(withLanguage(fixedWorkshopPath, locale), { waitUntil: 'domcontentloaded' });
  const form = page.locator('form.booking-form');
  await form.evaluate((element) => {
    (element as HTMLFormElement).noValidate = true;
  });
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST'),
    form.locator('button[type="submit"]').click(),
  ]);
  await page.waitForLoadState('domcontentloaded');
  const name = 'booking form refused';
  if (response.status() !== 400) return [`${name} [${locale}]: status ${response.status()}`];
  await page.locator('.alert-error[role="alert"]').waitFor();
  if ((await page.locator('#name[aria-invalid="true"]').count()) !== 1) {
    return [`${name} [${locale}]: the empty name is not marked invalid`];
  }
  return problemsOf(page, name, locale);
}

describe('every public page in every language, in Chromium', () => {
  for (const locale of LOCALES) {
    it(`${locale}: axe-clean, <html lang="${locale}">, no console error`, async () => {
      // The refused form answers 400 on purpose; Chromium logs that status as a console error.
      const page = await browser.newPage({ bypassCSP: true, allowConsoleErrors: [expectedStatusError(400)] });
      const problems: string[] = [];
      for (const target of targets) problems.push(...(await visit(page, target, locale)));
      problems.push(...(await refusedForm(page, locale)));
      const checkout = { name: 'Stripe Checkout (emulator)', url: checkouts.get(locale)!, stripe: true };
      problems.push(...(await visit(page, checkout, locale)));
      expect(problems.join('\n')).toBe('');
    });
  }

  // The default template is in every language above; each other one in English and, in turn, two
  // more languages, so every language meets every layout across the templates without 30 visits.
  it('the landing page in its other templates', async () => {
    const page = await browser.newPage({ bypassCSP: true });
    const problems: string[] = [];
    const before = (await admin.trpc.immersio.landing.getSettings.query({})).templateId as Template;
    const others = TEMPLATES.filter((t) => t !== before);
    const translated = LOCALES.filter((l) => l !== 'en');
    try {
      for (const [index, templateId] of others.entries()) {
        await admin.trpc.immersio.landing.updateSettings.mutate({ templateId });
        const pair = [translated[(2 * index) % 5]!, translated[(2 * index + 1) % 5]!];
        for (const locale of ['en', ...pair] as Locale[]) {
          const target = { name: `landing page (${templateId})`, url: `/${DEMO_TENANT}` };
          problems.push(...(await visit(page, target, locale)));
        }
      }
    } finally {
      await admin.trpc.immersio.landing.updateSettings.mutate({ templateId: before });
    }
    expect(problems.join('\n')).toBe('');
  });
});

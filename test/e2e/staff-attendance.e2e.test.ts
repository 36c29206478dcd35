import { sql } from 'drizzle-orm';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoWorkshop, type SignedInAdmin, signInAs } from './support/admin.ts';
import { expectAccessible } from './support/axe.ts';
import { MOBILE_VIEWPORT, useBrowser } from './support/browser.ts';
import { expectNoHorizontalScroll } from './support/layout.ts';
import { createBooking, type E2eServer, startE2eServer } from './support/server.ts';
import { DEMO_OWNER, signInToApp } from './support/staff.ts';

// Issue 17, part 3 in the staff app: once a session has started, its roster offers
// "Attended / No-show" per confirmed booking and "Mark the rest attended"; before, it does not.

let server: E2eServer;
let owner: SignedInAdmin;
beforeAll(async () => {
  server = await startE2eServer();
  owner = await signInAs(server.baseUrl, DEMO_OWNER);
});
afterAll(() => server?.close());

const browser = useBrowser();

async function visible(locator: Locator) {
  await locator.first().waitFor({ state: 'visible' });
}

/** A free class of the demo school with these students booked; `started` moves it into the past. */
async function classWith(title: string, students: string[], options: { started: boolean }) {
  const created = await createDemoWorkshop(owner, { title, recurrence: { frequency: 'none' } });
  const { sessions, slug } = await owner.trpc.immersio.workshop.get.query({ workshopId: created.id });
  const session = sessions[0]!;
  for (const name of students) {
    await createBooking(server.baseUrl, {
      workshopSlug: slug,
      startTime: session.startTime.toISOString(),
      attendee: {
        name,
        email: `${name.split(' ')[0]!.toLowerCase()}@example.test`,
        timeZone: 'Europe/Lisbon',
      },
    });
  }
  if (options.started) {
    // The e2e server runs on the real clock: the class (booked while ahead) is moved to have
    // begun 30 minutes ago, sessions and bookings alike.
    const shift = sql`(${session.startTime}::timestamptz - (now() - interval '30 minutes'))`;
    await server.database.db.execute(
      sql`update workshop_sessions set start_time = start_time - ${shift}, end_time = end_time - ${shift},
            busy_from = busy_from - ${shift}, busy_until = busy_until - ${shift} where id = ${session.id}`,
    );
    await server.database.db.execute(
      sql`update bookings set start_time = start_time - ${shift}, end_time = end_time - ${shift}
          where session_id = ${session.id}`,
    );
  }
  return session.id;
}

async function openRoster(page: Page, sessionId: number) {
  await page.goto(`${server.baseUrl}/app/sessions/${sessionId}`);
  await visible(page.getByRole('heading', { level: 1 }));
}

function rosterRow(page: Page, name: string) {
  return page.getByRole('region', { name: 'Roster' }).getByRole('row').filter({ hasText: name });
}

describe('staff attendance', () => {
  it('marks one no-show, then the rest attended; accessible, and fits a phone', async () => {
    const sessionId = await classWith('Attendance Lab', ['Amara Attends', 'Noel Noshow', 'Rhea Rest'], {
      started: true,
    });
    const page = await browser.newPage({ bypassCSP: true });
    await signInToApp(page, server.baseUrl, DEMO_OWNER);
    await openRoster(page, sessionId);
    await visible(page.getByText('0 attended · 0 no-show · 3 to mark'));
    await expectAccessible(page);

    const noel = rosterRow(page, 'Noel Noshow').getByRole('group', { name: 'Attendance of Noel Noshow' });
    await noel.getByRole('button', { name: 'No-show' }).click();
    await visible(noel.getByRole('button', { name: 'No-show', pressed: true }));
    await visible(page.getByText('0 attended · 1 no-show · 2 to mark'));

    await page.getByRole('button', { name: 'Mark the rest attended (2)' }).click();
    await visible(page.getByRole('status').filter({ hasText: '2 marked attended' }));
    await visible(page.getByText('2 attended · 1 no-show'));
    for (const name of ['Amara Attends', 'Rhea Rest']) {
      await visible(
        rosterRow(page, name)
          .getByRole('group', { name: `Attendance of ${name}` })
          .getByRole('button', { name: 'Attended', pressed: true }),
      );
    }
    expect(await page.getByRole('button', { name: /Mark the rest attended/ }).count()).toBe(0);
    await expectAccessible(page);

    // The mark reached the server: the staff list shows it too.
    const listed = await owner.trpc.immersio.booking.sessionRoster.query({ sessionId });
    expect(listed.bookings.map((b) => [b.attendee.name, b.attendance?.status])).toEqual([
      ['Amara Attends', 'attended'],
      ['Noel Noshow', 'no_show'],
      ['Rhea Rest', 'attended'],
    ]);

    const phone = await browser.newPage({ mobile: true });
    await signInToApp(phone, server.baseUrl, DEMO_OWNER);
    await phone.goto(`${server.baseUrl}/app/sessions/${sessionId}`);
    await visible(
      phone.getByRole('list', { name: 'Roster' }).getByRole('group', { name: 'Attendance of Rhea Rest' }),
    );
    await expectNoHorizontalScroll(phone, MOBILE_VIEWPORT.width);
  });

  it('offers no attendance control before the session starts', async () => {
    const sessionId = await classWith('Future Lab', ['Fiona Future'], { started: false });
    const page = await browser.newPage();
    await signInToApp(page, server.baseUrl, DEMO_OWNER);
    await openRoster(page, sessionId);
    await visible(rosterRow(page, 'Fiona Future'));
    expect(await page.getByRole('group', { name: /Attendance of/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /Mark the rest attended/ }).count()).toBe(0);
  });
});

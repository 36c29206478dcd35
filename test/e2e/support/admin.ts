import { createTRPCClient, httpLink } from '@trpc/client';
import superjson from 'superjson';
import { DEMO } from '../../../src/seed/demo.ts';
import type { AppRouter } from '../../../src/trpc/router.ts';

// The demo school's admin, as the dashboard would act for them: signed in with the README's demo
// credentials, calling the tRPC API with the session as a bearer token. Browser tests use it to set
// up what a page should show (landing settings, a whitelisted or one-seat workshop). No vitest
// imports (like server.ts).

export const DEMO_ADMIN = { email: DEMO.owner.email, password: DEMO.owner.password };

export type AdminClient = ReturnType<typeof trpcClient>;

export interface SignedInAdmin {
  /** The admin's user id (e.g. a workshop's `teacherId`). */
  userId: number;
  token: string;
  trpc: AdminClient;
}

function trpcClient(baseUrl: string, token: string) {
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${baseUrl}/api/trpc`,
        transformer: superjson,
        headers: () => ({ authorization: `Bearer ${token}` }),
      }),
    ],
  });
}

/** Signs in with `POST /api/auth/sign-in/email`; throws unless it answers 200. */
export async function signInAs(
  baseUrl: string,
  credentials: { email: string; password: string },
): Promise<SignedInAdmin> {
  const response = await fetch(`${baseUrl}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(credentials),
  });
  if (response.status !== 200) {
    throw new Error(`sign-in as ${credentials.email} failed: ${response.status} ${await response.text()}`);
  }
  const body = (await response.json()) as { token: string; user: { id: number | string } };
  return { userId: Number(body.user.id), token: body.token, trpc: trpcClient(baseUrl, body.token) };
}

/** The demo tenant's owner (`admin@language-academy.test`), signed in. */
export function signInDemoAdmin(baseUrl: string): Promise<SignedInAdmin> {
  return signInAs(baseUrl, DEMO_ADMIN);
}

type CreateInput = Parameters<AdminClient['immersio']['workshop']['create']['mutate']>[0];

// A teacher is never in two booked classes at once (migration 0012): each workshop made here
// starts two hours after the previous one.
let made = 0;

/**
 * A new active workshop of the demo school, created through `immersio.workshop.create` and taught
 * by the admin: free, online, 8 seats, two weekly sessions from three days ahead unless `overrides`
 * say otherwise. Returns what create answers plus its public slug and booking URL.
 */
export async function createDemoWorkshop(admin: SignedInAdmin, overrides: Partial<CreateInput> = {}) {
  return admin.trpc.immersio.workshop.create.mutate({
    title: 'E2E Workshop',
    description: 'A workshop made by the browser tests.',
    duration: 60,
    price: 0,
    currency: 'USD',
    seats: 8,
    locations: [{ type: 'zoom', link: 'https://zoom.us/j/123456789' }],
    teacherId: admin.userId,
    startTime: new Date(Date.now() + 3 * 86_400_000 + made++ * 7_200_000),
    timeZone: 'America/New_York',
    recurrence: { frequency: 'weekly', count: 2 },
    cancellationNoticeHours: 12,
    refundWindowHours: 24,
    ...overrides,
  });
}

/**
 * A 1:1 slot workshop of the admin's, bookable every day of the week in `hours` (UTC), and its free
 * slots from three to six days ahead as the public slots API lists them.
 */
export async function createSlotWorkshop(
  admin: SignedInAdmin,
  baseUrl: string,
  options: { title: string; scheduleName: string; hours: { start: string; end: string } },
) {
  const days = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
  const schedule = await admin.trpc.immersio.availability.create.mutate({
    teacherId: admin.userId,
    name: options.scheduleName,
    timeZone: 'UTC',
    weeklyHours: Object.fromEntries(days.map((day) => [day, [options.hours]])) as never,
    overrides: [],
  });
  const workshop = await createDemoWorkshop(admin, {
    title: options.title,
    seats: 1,
    workshopType: 'tutoring',
    scheduleId: schedule.id,
    startTime: undefined,
    timeZone: undefined,
    recurrence: undefined,
  });
  const from = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
  const to = new Date(Date.now() + 6 * 86_400_000).toISOString().slice(0, 10);
  const query = new URLSearchParams({ tenantSlug: DEMO.tenant.slug, from, to, timeZone: 'UTC' });
  const response = await fetch(`${baseUrl}/api/v1/public/workshops/${workshop.slug}/slots?${query}`);
  const body = (await response.json()) as { days: Array<{ slots: Array<{ startTime: string }> }> };
  return { workshop, slots: body.days.flatMap((day) => day.slots) };
}

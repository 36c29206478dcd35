import { sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { type Database, queryRows } from '../db/client.ts';
import type { Env } from '../env.ts';
import { createLocalCacheBus } from '../lib/cache-bus.ts';
import { createLandingService } from '../modules/landing/landing.service.ts';
import { addMember, provisionTenant } from '../modules/tenants/provisioning.ts';
import { findTenant, recordStripeAccount } from '../modules/tenants/tenant-lookup.ts';
import { createWorkshopsService } from '../modules/workshops/workshops.service.ts';

export const DEMO = {
  tenant: { name: 'Language Academy', slug: 'language-academy', plan: 'growth' as const },
  owner: { email: 'admin@language-academy.test', name: 'Maria Lopez', password: 'demo-admin-password' },
  teacher: {
    email: 'jane@language-academy.test',
    name: 'Jane Smith',
    password: 'demo-teacher-password',
    timeZone: 'America/New_York',
  },
  stripeAccountId: 'acct_1DemoLanguageAcademy',
};

export async function isEmpty(db: Database): Promise<boolean> {
  const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from tenants`);
  return (row?.n ?? 0) === 0;
}

// Twenty classes, as docs/development.md ("Demo data") and the landing benchmark describe:
// [title, minutes, cents, local hour].
const CATALOGUE: Array<[string, number, number, number]> = [
  ['Business English', 60, 1500, 18],
  ['Conversational Spanish', 45, 1200, 17],
  ['French for Beginners', 60, 0, 10],
  ['German Grammar Clinic', 50, 1800, 19],
  ['Italian Through Cooking', 90, 2500, 12],
  ['Japanese Kana in a Month', 60, 2000, 20],
  ['Mandarin Tones Workshop', 45, 1600, 8],
  ['Portuguese for Travellers', 60, 1400, 16],
  ['IELTS Speaking Practice', 60, 2200, 7],
  ['Korean Reading Club', 45, 0, 21],
  ['Arabic Script Basics', 60, 1500, 11],
  ['Dutch Small Talk', 30, 900, 13],
  ['Russian Pronunciation', 45, 1300, 15],
  ['Academic Writing in English', 90, 3000, 9],
  ['Spanish for Kids', 30, 800, 16],
  ['English Job Interview Prep', 60, 2500, 19],
  ['French Film Discussion', 75, 1200, 20],
  ['Turkish Essentials', 60, 1500, 14],
  ['Greek Alphabet and Sounds', 45, 0, 18],
  ['Swedish Everyday Phrases', 45, 1000, 17],
];

/**
 * The demo tenant of the README, with a published landing page, twenty workshops of eight
 * weekly sessions each and one tutoring workshop booked by slot, built through the same services
 * as the API. Idempotent: an existing
 * demo tenant is left as it is.
 */
export async function seedDemo(db: Database, env: Env): Promise<{ created: boolean; tenantId: number }> {
  const existing = await findTenant(db, { slug: DEMO.tenant.slug });
  if (existing) return { created: false, tenantId: existing.id };
  const { tenant, owner } = await provisionTenant(db, {
    ...DEMO.tenant,
    owner: DEMO.owner,
    timeZone: 'America/New_York',
  });
  const teacher = await addMember(db, { tenantId: tenant.id, role: 'MEMBER', user: DEMO.teacher });
  // A test-mode Connect account, so paid classes can be booked against the local Stripe emulator.
  await recordStripeAccount(db, {
    tenantId: tenant.id,
    stripeAccountId: DEMO.stripeAccountId,
    publishableKey: 'pk_test_demo0000000000',
    livemode: false,
    createdBy: owner.id,
  });

  const now = () => new Date();
  const bus = createLocalCacheBus();
  const landing = createLandingService({ db, env, bus, now });
  await landing.updateSettings({
    tenantId: tenant.id,
    changes: {
      pageTitle: 'Learn Languages Online',
      pageSubtitle: 'Small live classes with native-speaking teachers',
      teacherBio: 'We have taught languages online and in our Brooklyn studio since 2012.',
      ctaText: 'Book Now',
      metaTitle: 'Language Academy: live language classes',
      metaDescription: 'Book a seat in a live language class: English, Spanish, French and more.',
    },
  });
  await landing.publish({ tenantId: tenant.id });

  const workshops = createWorkshopsService({ db, env, bus, now, wakeOutbox: () => {} });
  const tomorrow = DateTime.now().setZone(DEMO.teacher.timeZone).plus({ days: 1 }).startOf('day');
  for (const [index, [title, duration, price, hour]] of CATALOGUE.entries()) {
    const byJane = index % 2 === 1;
    await workshops.create({
      tenantId: tenant.id,
      actorId: owner.id,
      input: {
        title,
        description: `${title}: a small live class. Bring your questions; leave speaking more.`,
        duration,
        price,
        currency: 'USD',
        seats: 4 + (index % 5) * 2,
        locations:
          index % 4 === 3
            ? [{ type: 'in_person', address: '120 Bedford Avenue, Brooklyn, NY' }]
            : [{ type: 'zoom', link: `https://zoom.us/j/${900000000 + index}` }],
        teacherId: byJane ? teacher.id : owner.id,
        whitelistEnabled: title === 'Academic Writing in English',
        whitelistEmails:
          title === 'Academic Writing in English' ? ['student@language-academy.test'] : undefined,
        syncStudentsFromImmersio: false,
        refundWindowHours: 24,
        cancellationNoticeHours: 12,
        workshopType: index % 3 === 0 ? 'live_class' : 'workshop',
        startTime: tomorrow
          .plus({ days: index % 7 })
          .set({ hour })
          .toJSDate(),
        timeZone: DEMO.teacher.timeZone,
        recurrence: { frequency: 'weekly', count: 8 },
      },
    });
  }
  // Tutoring booked by slot: Jane's free times (her default schedule, around her classes).
  await workshops.create({
    tenantId: tenant.id,
    actorId: owner.id,
    input: {
      title: 'Private Spanish Tutoring',
      description: 'One to one, at a time that suits you: pick a free slot in Jane’s week.',
      duration: 45,
      price: 4000,
      currency: 'USD',
      seats: 1,
      locations: [{ type: 'zoom', link: 'https://zoom.us/j/900000099' }],
      teacherId: teacher.id,
      whitelistEnabled: false,
      syncStudentsFromImmersio: false,
      refundWindowHours: 24,
      cancellationNoticeHours: 12,
      workshopType: 'tutoring',
      bufferAfterMinutes: 15,
    },
  });
  return { created: true, tenantId: tenant.id };
}

import { describe, expect, it } from 'vitest';
import { createTenant, trpcError, useTestApp } from '../support/app.ts';

const app = useTestApp();
const DAY = 86_400_000;

const base = (teacherId: number) => ({
  title: 'Spanish A2 evening course',
  duration: 90,
  price: 2000,
  seats: 6,
  locations: [{ type: 'zoom' as const, link: 'https://zoom.us/j/123456' }],
  teacherId,
  startTime: new Date(Date.now() + 3 * DAY),
  timeZone: 'Europe/Madrid',
  recurrence: { frequency: 'weekly' as const, count: 4 },
});

describe('workshop class settings (waitlist and enrolment)', () => {
  it('defaults to a waitlist with a two-hour offer and enrolment by session or course', async () => {
    const t = await createTenant(app);
    const { id } = await t.owner.client.immersio.workshop.create.mutate(base(t.owner.id));
    const got = await t.owner.client.immersio.workshop.get.query({ workshopId: id });
    expect(got).toMatchObject({
      waitlistEnabled: true,
      waitlistOfferMinutes: 120,
      enrolment: 'both',
      coursePrice: null,
    });
  });

  it('are set on create, changed and cleared on update', async () => {
    const t = await createTenant(app);
    const { id } = await t.owner.client.immersio.workshop.create.mutate({
      ...base(t.owner.id),
      waitlistEnabled: false,
      waitlistOfferMinutes: 30,
      enrolment: 'course',
      coursePrice: 6000,
    });
    expect(await t.owner.client.immersio.workshop.get.query({ workshopId: id })).toMatchObject({
      waitlistEnabled: false,
      waitlistOfferMinutes: 30,
      enrolment: 'course',
      coursePrice: 6000,
    });
    const updated = await t.owner.client.immersio.workshop.update.mutate({
      workshopId: id,
      waitlistEnabled: true,
      enrolment: 'session',
      coursePrice: null,
    });
    expect(updated).toMatchObject({
      waitlistEnabled: true,
      waitlistOfferMinutes: 30,
      enrolment: 'session',
      coursePrice: null,
    });
  });

  it('refuses out-of-range values with VALIDATION_ERROR', async () => {
    const t = await createTenant(app);
    const { id } = await t.owner.client.immersio.workshop.create.mutate(base(t.owner.id));
    for (const bad of [
      { waitlistOfferMinutes: 1 },
      { waitlistOfferMinutes: 20_000 },
      { coursePrice: -1 },
      { enrolment: 'term' },
    ]) {
      const error = await trpcError(
        t.owner.client.immersio.workshop.update.mutate({ workshopId: id, ...(bad as object) }),
      );
      expect(error).toMatchObject({ appCode: 'VALIDATION_ERROR', httpStatus: 400 });
    }
  });
});

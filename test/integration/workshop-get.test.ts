import { describe, expect, it } from 'vitest';
import { addSignedInMember, createTenant, trpcClient, trpcError, useTestApp } from '../support/app.ts';

const app = useTestApp();

describe('immersio.workshop.get', () => {
  it('returns the full workshop with its sessions to any member of the tenant', async () => {
    const t = await createTenant(app);
    const start = new Date(Date.now() + 86_400_000);
    const created = await t.owner.client.immersio.workshop.create.mutate({
      title: 'Conversation Club',
      description: '<b>bold</b> talk',
      duration: 90,
      price: 2500,
      currency: 'eur',
      seats: 12,
      locations: [
        { type: 'in_person', address: '1 Main Street' },
        { type: 'google_meet', link: 'https://meet.google.com/abc' },
      ],
      teacherId: t.owner.id,
      whitelistEnabled: true,
      whitelistEmails: ['a@example.test'],
      startTime: start,
      recurrence: { frequency: 'biweekly', count: 2 },
      topicCategory: 'speaking',
      workshopType: 'live_class',
      refundWindowHours: 48,
    });
    const member = await addSignedInMember(app, t.tenantId);
    const workshop = await member.client.immersio.workshop.get.query({ workshopId: created.id });
    expect(workshop).toMatchObject({
      id: created.id,
      eventTypeId: created.eventTypeId,
      title: 'Conversation Club',
      description: '<b>bold</b> talk',
      duration: 90,
      price: 2500,
      currency: 'EUR',
      seats: 12,
      locations: [
        { type: 'in_person', address: '1 Main Street' },
        { type: 'google_meet', link: 'https://meet.google.com/abc' },
      ],
      teacher: { id: t.owner.id },
      status: 'active',
      workshopType: 'live_class',
      topicCategory: 'speaking',
      whitelistEnabled: true,
      whitelistCount: 1,
      refundWindowHours: 48,
      cancellationNoticeHours: 24,
      recurrence: { frequency: 'biweekly', count: 2 },
      bookingUrl: created.bookingUrl,
    });
    expect(workshop.sessions).toHaveLength(2);
    expect(workshop.sessions[0]).toMatchObject({
      startTime: start,
      seats: 12,
      bookedSeats: 0,
      status: 'scheduled',
    });
    expect(workshop.sessions[1]!.startTime.getTime() - start.getTime()).toBe(14 * 86_400_000);
  });

  it("another tenant's or an unknown id is 404 WORKSHOP_NOT_FOUND; bad id 400; no session 401", async () => {
    const a = await createTenant(app);
    const b = await createTenant(app);
    const { id } = await a.owner.client.immersio.workshop.create.mutate({
      title: 'Private to A',
      duration: 30,
      price: 0,
      seats: 2,
      locations: [{ type: 'link', link: 'https://example.com/room' }],
      teacherId: a.owner.id,
    });
    expect(await trpcError(b.owner.client.immersio.workshop.get.query({ workshopId: id }))).toMatchObject({
      appCode: 'WORKSHOP_NOT_FOUND',
      httpStatus: 404,
    });
    expect(
      await trpcError(a.owner.client.immersio.workshop.get.query({ workshopId: 999_999 })),
    ).toMatchObject({
      appCode: 'WORKSHOP_NOT_FOUND',
    });
    expect(await trpcError(a.owner.client.immersio.workshop.get.query({ workshopId: -1 }))).toMatchObject({
      appCode: 'VALIDATION_ERROR',
    });
    expect(
      await trpcError(trpcClient(app.baseUrl).immersio.workshop.get.query({ workshopId: id })),
    ).toMatchObject({
      appCode: 'UNAUTHORIZED',
    });
  });
});

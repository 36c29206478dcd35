import { describe, expect, it } from 'vitest';
import { workshopCreatedEvent } from './workshop-events.ts';

const input = {
  now: new Date('2024-11-30T10:00:00.000Z'),
  tenant: { id: 1, slug: 'language-academy' },
  workshop: {
    id: 42,
    eventTypeId: 156,
    title: 'Business English Workshop',
    slug: 'business-english-workshop',
    duration: 60,
    price: 1500,
    currency: 'USD',
    seats: 8,
    immersioCourseId: 'course_abc123',
  },
  teacher: { id: 5, name: 'Jane Smith', email: 'jane@example.com', timeZone: 'Europe/Paris' },
};

describe('WORKSHOP_CREATED', () => {
  it('is built as the spec shows it, keys in its order', () => {
    expect(JSON.stringify(workshopCreatedEvent(input))).toBe(
      JSON.stringify({
        event: 'WORKSHOP_CREATED',
        timestamp: '2024-11-30T10:00:00.000Z',
        data: {
          workshop: {
            id: 42,
            eventTypeId: 156,
            title: 'Business English Workshop',
            slug: 'business-english-workshop',
            duration: 60,
            price: 1500,
            currency: 'USD',
            seats: 8,
            immersioCourseId: 'course_abc123',
            teacher: { id: 5, name: 'Jane Smith', email: 'jane@example.com' },
          },
          tenant: { id: 1, slug: 'language-academy' },
        },
      }),
    );
  });

  it('refuses an event its schema does not describe', () => {
    expect(() => workshopCreatedEvent({ ...input, workshop: { ...input.workshop, seats: 0 } })).toThrow();
  });
});

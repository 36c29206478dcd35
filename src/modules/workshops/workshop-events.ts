import { z } from 'zod';
import { webhookEventSchema } from '../outbox/webhook-event.ts';

// WORKSHOP_CREATED (spec section 3), built exactly as the spec shows it and checked against its
// schema before it is written to the outbox (kind `webhook`) with the new workshop.

const id = z.number().int().positive();

export const workshopCreatedEventSchema = webhookEventSchema(
  'WORKSHOP_CREATED',
  z.object({
    workshop: z.object({
      id,
      eventTypeId: id,
      title: z.string(),
      slug: z.string(),
      duration: z.number().int().positive(),
      price: z.number().int().nonnegative(),
      currency: z.string(),
      seats: z.number().int().positive(),
      immersioCourseId: z.string().nullable(),
      teacher: z.object({ id, name: z.string(), email: z.string() }),
    }),
    tenant: z.object({ id, slug: z.string() }),
  }),
);

export type WorkshopCreatedEvent = z.output<typeof workshopCreatedEventSchema>;

export function workshopCreatedEvent(input: {
  now: Date;
  tenant: { id: number; slug: string };
  workshop: {
    id: number;
    eventTypeId: number;
    title: string;
    slug: string;
    duration: number;
    price: number;
    currency: string;
    seats: number;
    immersioCourseId: string | null;
  };
  teacher: { id: number; name: string; email: string };
}): WorkshopCreatedEvent {
  const { workshop: w, teacher } = input;
  return workshopCreatedEventSchema.parse({
    event: 'WORKSHOP_CREATED',
    timestamp: input.now.toISOString(),
    data: {
      workshop: {
        id: w.id,
        eventTypeId: w.eventTypeId,
        title: w.title,
        slug: w.slug,
        duration: w.duration,
        price: w.price,
        currency: w.currency,
        seats: w.seats,
        immersioCourseId: w.immersioCourseId,
        teacher: { id: teacher.id, name: teacher.name, email: teacher.email },
      },
      tenant: { id: input.tenant.id, slug: input.tenant.slug },
    },
  });
}

import { z } from 'zod';
import { webhookEventSchema } from '../../outbox/webhook-event.ts';

/**
 * An extension beyond the spec (docs/webhooks.md): a school erased a student's personal data on
 * request. It names the records by their ids and the student by the Immersio ids the school had
 * for them, never by the erased address, so Immersio can erase its side too.
 */
export const studentErasedEventSchema = webhookEventSchema(
  'STUDENT_ERASED',
  z.object({
    student: z.object({
      /** sha256 of `<tenant id>:<lower-cased address>`, as in the school's privacy audit. */
      emailHash: z.string(),
      immersioStudentIds: z.array(z.string()),
      bookingUids: z.array(z.string()),
      enrolmentUids: z.array(z.string()),
      passUids: z.array(z.string()),
      erasedAt: z.iso.datetime(),
    }),
    tenant: z.object({
      id: z.number().int().positive(),
      slug: z.string(),
      immersioOrgId: z.string().nullable(),
    }),
  }),
);

export type StudentErasedEvent = z.output<typeof studentErasedEventSchema>;

export function studentErasedEvent(input: {
  now: Date;
  tenant: { id: number; slug: string; immersioOrgId: string | null };
  emailHash: string;
  immersioStudentIds: string[];
  bookingUids: string[];
  enrolmentUids: string[];
  passUids: string[];
}): StudentErasedEvent {
  return studentErasedEventSchema.parse({
    event: 'STUDENT_ERASED',
    timestamp: input.now.toISOString(),
    data: {
      student: {
        emailHash: input.emailHash,
        immersioStudentIds: input.immersioStudentIds,
        bookingUids: input.bookingUids,
        enrolmentUids: input.enrolmentUids,
        passUids: input.passUids,
        erasedAt: input.now.toISOString(),
      },
      tenant: input.tenant,
    },
  });
}

import { bookingEmailHandler } from '../../src/modules/bookings/booking-email.handler.ts';
import { bookingEmailJobSchema } from '../../src/modules/bookings/booking-jobs.ts';
import type { TestApp } from './app.ts';
import { outboxOf } from './bookings.ts';

export interface QueuedEmail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  attachments?: Array<{ filename: string; content: string; contentType: string }>;
}

/**
 * E-mails a tenant queued in the outbox, oldest first, optionally only those to one address.
 * Booking e-mail jobs (kind `booking-email`) are rendered as the worker renders them when sent.
 */
export async function queuedEmails(app: TestApp, tenantId: number, to?: string): Promise<QueuedEmail[]> {
  const emails: QueuedEmail[] = [];
  const container = app.running.container;
  const render = bookingEmailHandler({
    db: container.db,
    env: container.env,
    now: container.now,
    sendEmail: async (payload) => {
      emails.push(payload as QueuedEmail);
    },
  });
  for (const message of await outboxOf(app, tenantId)) {
    if (message.kind === 'email') emails.push(message.payload as unknown as QueuedEmail);
    if (message.kind === 'booking-email')
      await render(bookingEmailJobSchema.parse(message.payload), { id: message.id, tenantId, attempt: 1 });
  }
  return to === undefined ? emails : emails.filter((e) => e.to === to);
}

import { integer, pgTable, primaryKey, timestamp } from 'drizzle-orm/pg-core';
import { bookings } from './bookings.ts';

/**
 * One row per reminder e-mail sent (issue 17): the `booking.reminder` job claims its
 * (booking, offset, session start) here in the transaction that sends it, so retries and other
 * instances never send the same reminder twice. A moved booking is a new start, so a new reminder.
 */
export const bookingReminders = pgTable(
  'booking_reminders',
  {
    bookingId: integer('booking_id')
      .notNull()
      .references(() => bookings.id, { onDelete: 'cascade' }),
    offsetMinutes: integer('offset_minutes').notNull(),
    startTime: timestamp('start_time', { withTimezone: true }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.bookingId, t.offsetMinutes, t.startTime] })],
);

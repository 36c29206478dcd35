import { pipeline, Readable } from 'node:stream';
import { type Stringifier, stringify } from 'csv-stringify';
import { DateTime } from 'luxon';
import type { Executor } from '../../db/client.ts';
import type { StaffBooking } from './procedures/list-bookings.schema.ts';
import { toStaffBooking } from './staff-booking-view.ts';
import {
  listStaffBookings,
  type StaffBookingFilters,
  type StaffBookingOrder,
} from './staff-bookings.repo.ts';

/** Rows fetched per statement: memory stays flat however many bookings are exported. */
export const EXPORT_BATCH = 500;

const COLUMNS = [
  ['booking', 'Booking'],
  ['status', 'Status'],
  ['sessionStart', 'Session start'],
  ['sessionEnd', 'Session end'],
  ['sessionTimeZone', 'Session time zone'],
  ['workshop', 'Workshop'],
  ['teacher', 'Teacher'],
  ['attendee', 'Attendee'],
  ['email', 'E-mail'],
  ['attendeeTimeZone', 'Attendee time zone'],
  ['paid', 'Paid'],
  ['amount', 'Amount'],
  ['currency', 'Currency'],
  ['paymentStatus', 'Payment status'],
  ['refundAmount', 'Refund amount'],
  ['refundStatus', 'Refund status'],
  ['source', 'Source'],
  ['immersioStudentId', 'Immersio student ID'],
  ['bookedAt', 'Booked at (UTC)'],
  ['cancelledAt', 'Cancelled at (UTC)'],
  ['cancelledBy', 'Cancelled by'],
  ['cancellationReason', 'Cancellation reason'],
  // Last, so the columns spreadsheets already import keep their places.
  ['attendance', 'Attendance'],
  // "Label: answer" per question, separated by " | " (issue 17).
  ['answers', 'Answers'],
] as const;

type CsvRecord = Record<(typeof COLUMNS)[number][0], string>;

/**
 * A spreadsheet runs a cell starting with one of these as a formula (CSV injection): such text
 * is written with a leading apostrophe, which spreadsheets show as text.
 */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** Minor units to a plain decimal in the currency's own precision (1500 USD → 15.00, 1500 JPY → 1500). */
function majorUnits(cents: number, currency: string): string {
  const digits =
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  return (cents / 10 ** digits).toFixed(digits);
}

const local = (date: Date, zone: string) => DateTime.fromJSDate(date, { zone }).toFormat('yyyy-MM-dd HH:mm');

function toRecord(b: StaffBooking): CsvRecord {
  return {
    booking: b.uid,
    status: b.status,
    sessionStart: local(b.session.startTime, b.session.timeZone),
    sessionEnd: local(b.session.endTime, b.session.timeZone),
    sessionTimeZone: b.session.timeZone,
    workshop: b.workshop.title,
    teacher: b.teacher.name,
    attendee: b.attendee.name,
    email: b.attendee.email,
    attendeeTimeZone: b.attendee.timeZone,
    paid: b.paid ? 'yes' : 'no',
    amount: b.payment ? majorUnits(b.payment.amount, b.payment.currency) : '',
    currency: b.payment?.currency ?? '',
    paymentStatus: b.payment?.status ?? '',
    refundAmount: b.refund ? majorUnits(b.refund.amount, b.refund.currency) : '',
    refundStatus: b.refund?.status ?? '',
    source: b.registrationSource,
    immersioStudentId: b.immersioStudentId ?? '',
    bookedAt: b.createdAt.toISOString(),
    cancelledAt: b.cancellation?.cancelledAt.toISOString() ?? '',
    cancelledBy: b.cancellation?.cancelledBy ?? '',
    cancellationReason: b.cancellation?.reason ?? '',
    attendance: b.attendance?.status ?? '',
    answers: b.answers.map((a) => `${a.label}: ${a.answer}`).join(' | '),
  };
}

/** The bookings, one statement per batch, each continuing after the last id of the one before. */
async function* exportedRecords(
  db: Executor,
  filters: StaffBookingFilters,
  order: StaffBookingOrder,
  batchSize: number,
): AsyncGenerator<CsvRecord> {
  let afterId: number | undefined;
  for (;;) {
    const rows = await listStaffBookings(
      db,
      filters,
      order,
      afterId === undefined ? { limit: batchSize, offset: 0 } : { limit: batchSize, afterId },
    );
    for (const row of rows) yield toRecord(toStaffBooking(row));
    if (rows.length < batchSize) return;
    afterId = rows.at(-1)!.id;
  }
}

/**
 * The bookings as an RFC 4180 CSV stream (CRLF, fields with a comma, quote or line break quoted,
 * a UTF-8 BOM so spreadsheets read names right). The next batch is read only when the client
 * has taken the previous one. `onError` hears of a failure after the response has started.
 */
export function bookingsCsv(
  db: Executor,
  filters: StaffBookingFilters,
  options: { order: StaffBookingOrder; batchSize?: number; onError: (error: Error) => void },
): Stringifier {
  const csv = stringify({
    header: true,
    columns: COLUMNS.map(([key, header]) => ({ key, header })),
    record_delimiter: 'windows',
    bom: true,
    quoted_match: /[\r\n]/,
    cast: { string: neutraliseFormula },
  });
  const records = Readable.from(
    exportedRecords(db, filters, options.order, options.batchSize ?? EXPORT_BATCH),
  );
  pipeline(records, csv, (error) => {
    if (error) options.onError(error);
  });
  return csv;
}

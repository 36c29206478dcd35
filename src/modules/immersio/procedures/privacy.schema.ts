import { z } from 'zod';

export const privacyRequestInput = z.object({
  /** The student's address; compared case-insensitively. */
  email: z.string().trim().max(320).pipe(z.email()),
});

const rows = z.array(z.record(z.string(), z.unknown()));
const counts = z.record(z.string(), z.number().int().nonnegative());

/** Whole rows as stored: the export is everything the school holds, not a curated view. */
export const exportStudentOutput = z.object({
  email: z.string(),
  exportedAt: z.date(),
  counts,
  bookings: rows,
  payments: rows,
  refunds: rows,
  waitlistEntries: rows,
  enrolments: rows,
  /** Each bought pass with `credits`, its credit history. */
  passes: rows,
  whitelistEntries: rows,
  immersio: z.object({ studentIds: z.array(z.string()), identities: rows }),
});

export const eraseStudentOutput = z.object({
  /** False when the school held nothing under the address (audited all the same, no event). */
  erased: z.boolean(),
  subjectEmailHash: z.string(),
  erasedAt: z.date(),
  counts,
});

import { z } from 'zod';
import { dbId } from '../../../lib/boundary.schema.ts';
import { workshopFields } from '../../workshops/procedures/workshop-fields.schema.ts';

// The fields a class pass is described by (issue 16), shared by create (with defaults) and
// update (all optional). Bounds are the database's checks (migration 0021).

export const passFields = {
  name: z.string().trim().min(1).max(100),
  /** Credits a purchase gives: one per class booked. */
  classes: z.number().int().min(1).max(1000),
  /** In cents (the currency's minor unit). */
  price: z.number().int().min(1).max(100_000_000),
  currency: workshopFields.currency,
  /** Days a bought pass stays usable, counted from its payment. */
  validDays: z.number().int().min(1).max(3650),
  /** The workshops it pays for; left out (or null on update): every workshop of the school. */
  workshopIds: z.array(dbId()).min(1).max(200),
};

export const passStatus = z.enum(['active', 'archived']);

export const classPassOutput = z.object({
  id: z.number(),
  name: z.string(),
  classes: z.number(),
  price: z.number(),
  currency: z.string(),
  validDays: z.number(),
  workshopIds: z.array(z.number()).nullable(),
  /** The workshops it pays for with their titles; null: every workshop. */
  workshops: z.array(z.object({ id: z.number(), title: z.string() })).nullable(),
  status: passStatus,
  createdAt: z.date(),
  updatedAt: z.date(),
});

export type ClassPassView = z.infer<typeof classPassOutput>;

export const passHolderState = z.enum(['pending', 'active', 'expired', 'unpaid']);

/** A pass a student bought, as staff see it. */
export const passHolderOutput = z.object({
  id: z.number(),
  uid: z.string(),
  passId: z.number(),
  name: z.string(),
  state: passHolderState,
  classes: z.number(),
  creditsRemaining: z.number(),
  expiresAt: z.date().nullable(),
  buyer: z.object({ name: z.string(), email: z.string() }),
  immersioStudentId: z.string().nullable(),
  amount: z.number(),
  currency: z.string(),
  paidAt: z.date().nullable(),
  createdAt: z.date(),
});

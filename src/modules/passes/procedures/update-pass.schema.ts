import { z } from 'zod';
import { dbId } from '../../../lib/boundary.schema.ts';
import { classPassOutput, passFields, passStatus } from './pass-fields.schema.ts';

const f = passFields;

/** Changes apply to purchases from now on: a bought pass keeps what it was sold as. */
export const updatePassInput = z.object({
  passId: dbId(),
  name: f.name.optional(),
  classes: f.classes.optional(),
  price: f.price.optional(),
  currency: f.currency.optional(),
  validDays: f.validDays.optional(),
  /** null: every workshop. */
  workshopIds: f.workshopIds.nullable().optional(),
  /** archived: no longer on sale. */
  status: passStatus.optional(),
});

export type UpdatePassInput = z.output<typeof updatePassInput>;

export const updatePassOutput = classPassOutput;

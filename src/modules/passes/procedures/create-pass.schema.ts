import { z } from 'zod';
import { classPassOutput, passFields } from './pass-fields.schema.ts';

const f = passFields;

export const createPassInput = z.object({
  name: f.name,
  classes: f.classes,
  price: f.price,
  currency: f.currency.default('USD'),
  validDays: f.validDays,
  workshopIds: f.workshopIds.optional(),
});

export type CreatePassInput = z.output<typeof createPassInput>;

export const createPassOutput = classPassOutput;

import { z } from 'zod';
import { classPassOutput, passStatus } from './pass-fields.schema.ts';

export const listPassesInput = z.object({ status: passStatus.optional() }).optional();

export const listPassesOutput = z.object({
  /** The school's public page selling its passes. */
  pageUrl: z.string(),
  passes: z.array(
    classPassOutput.extend({
      /** Bought and paid for. */
      sold: z.number(),
      /** Of those, the ones with credits left that have not expired. */
      activeHolders: z.number(),
    }),
  ),
});

export type PassListItem = z.infer<typeof listPassesOutput>['passes'][number];

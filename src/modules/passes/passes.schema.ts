import { z } from 'zod';
import { dbId } from '../../lib/boundary.schema.ts';
import { languageField } from '../../lib/i18n/record-language.ts';

// The public class-pass API's inputs, shared by the routes and the OpenAPI document.

export const passesQuery = z.object({ tenantSlug: z.string().trim().toLowerCase().min(1).max(100) });
export const passParams = z.object({ id: z.coerce.number().pipe(dbId()) });
export const purchaseBody = z.strictObject({
  tenantSlug: z.string().trim().toLowerCase().min(1).max(100).optional(),
  buyer: z.strictObject({
    name: z.string().trim().min(1).max(200),
    email: z.string().trim().max(254).pipe(z.email()),
  }),
  // Beyond the spec (issue 18): the language of the pass's e-mails, as for a booking.
  language: languageField.optional(),
});
export const studentPassParams = z.object({
  uid: z.string().regex(/^pass_[a-f0-9]{20}$/, 'is not a pass id'),
});
export const tokenQuery = z.object({ token: z.string().min(1).max(200) });

import { publicQuery } from '../../../trpc/procedures.ts';
import { checkSignupSlug } from '../signup-check-slug.ts';
import { checkSlugInput, checkSlugOutput } from './signup-check-slug.schema.ts';

/**
 * The sign-up form's live address check. Slugs are public (they are the schools' URLs), so the
 * per-IP public budget is enough for a check made while typing.
 */
export const checkSlug = publicQuery({
  input: checkSlugInput,
  output: checkSlugOutput,
  resolve: ({ ctx, input }) => checkSignupSlug({ db: ctx.container.db }, input),
});

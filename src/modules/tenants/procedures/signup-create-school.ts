import { publicMutation } from '../../../trpc/procedures.ts';
import { createSchool as createSchoolUseCase } from '../signup-create-school.ts';
import { createSchoolInput, createSchoolOutput } from './signup-create-school.schema.ts';

/**
 * Beyond the spec: self-serve sign-up (the `signUp` budget per IP on top of the public one).
 * The app then signs in through /api/auth/sign-in/email, which sets the session cookie.
 */
export const createSchool = publicMutation({
  input: createSchoolInput,
  output: createSchoolOutput,
  rateLimit: 'signUp',
  resolve: ({ ctx, input }) => createSchoolUseCase({ db: ctx.container.db, bus: ctx.container.bus }, input),
});

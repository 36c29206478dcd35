import { router } from '../../trpc/init.ts';
import { checkSlug } from './procedures/signup-check-slug.ts';
import { createSchool } from './procedures/signup-create-school.ts';

/** Self-serve school sign-up (public procedures, rate-limited). */
export const signupRouter = router({ checkSlug, createSchool });

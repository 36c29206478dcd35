import { adminMutation } from '../../../trpc/procedures.ts';
import { syncCoursesInput, syncCoursesOutput } from './sync-courses.schema.ts';

/** Spec section 5: sync operations, 5 per hour per tenant. */
export const syncCourses = adminMutation({
  input: syncCoursesInput,
  output: syncCoursesOutput,
  rateLimit: 'sync',
  rateLimitPer: 'tenant',
  resolve: ({ ctx, input }) => ctx.container.integration.syncCourses({ tenantId: ctx.tenant.id, ...input }),
});

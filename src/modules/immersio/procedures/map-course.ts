import { adminMutation } from '../../../trpc/procedures.ts';
import { mapCourseInput, mapCourseOutput } from './map-course.schema.ts';

export const mapCourse = adminMutation({
  input: mapCourseInput,
  output: mapCourseOutput,
  resolve: ({ ctx, input }) => ctx.container.integration.mapCourse({ tenantId: ctx.tenant.id, ...input }),
});

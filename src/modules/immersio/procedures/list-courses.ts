import { tenantQuery } from '../../../trpc/procedures.ts';
import { listCourses as listCoursesUseCase } from '../list-courses.ts';
import { listCoursesOutput } from './list-courses.schema.ts';

/** Beyond the spec. Any member may read it: teachers filter their classes by course too. */
export const listCourses = tenantQuery({
  output: listCoursesOutput,
  resolve: ({ ctx }) => listCoursesUseCase({ db: ctx.container.db }, { tenantId: ctx.tenant.id }),
});

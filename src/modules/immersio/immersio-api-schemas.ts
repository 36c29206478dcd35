import { z } from 'zod';

// Immersio's answers as docs/immersio-api.md documents them; the client checks every answer against these.

const isoDate = z.iso.datetime({ offset: true }).transform((value) => new Date(value));

export const immersioOrganizationSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  courseCount: z.number().int().nonnegative(),
});

export const immersioCourseSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  description: z.string().nullable(),
  status: z.enum(['active', 'archived']),
  studentCount: z.number().int().nonnegative(),
  updatedAt: isoDate,
});

export const immersioStudentSchema = z.object({
  id: z.string().min(1),
  email: z.string(),
  name: z.string(),
  enrolledAt: isoDate,
});

const pageSchema = <T extends z.ZodType>(item: T) =>
  z.object({ data: z.array(item), nextCursor: z.string().min(1).nullable() });

export const immersioCoursePageSchema = pageSchema(immersioCourseSchema);
export const immersioStudentPageSchema = pageSchema(immersioStudentSchema);

export type ImmersioOrganization = z.output<typeof immersioOrganizationSchema>;
export type ImmersioCourse = z.output<typeof immersioCourseSchema>;
export type ImmersioStudent = z.output<typeof immersioStudentSchema>;
export interface ImmersioPage<T> {
  data: T[];
  nextCursor: string | null;
}

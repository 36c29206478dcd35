/**
 * Immersio's REST API as the booking service consumes it (docs/immersio-api.md): organisation,
 * courses (incremental, cursor-paged) and a course's students. Transport, retries and the key's
 * handling are immersio-transport.ts; the answers' shapes immersio-api-schemas.ts.
 */
import { ImmersioApiError } from './immersio-api-error.ts';
import {
  type ImmersioCourse,
  type ImmersioOrganization,
  type ImmersioPage,
  type ImmersioStudent,
  immersioCoursePageSchema,
  immersioOrganizationSchema,
  immersioStudentPageSchema,
} from './immersio-api-schemas.ts';
import {
  createImmersioTransport,
  type ImmersioClientOptions,
  type RequestOptions,
} from './immersio-transport.ts';

export interface ListCoursesOptions extends RequestOptions {
  /** Only courses whose `updatedAt` is at or after this instant. */
  updatedSince?: Date | string;
  cursor?: string;
  /** 1..100, Immersio's default 50. */
  limit?: number;
}

export interface ListStudentsOptions extends RequestOptions {
  cursor?: string;
  limit?: number;
}

export interface ImmersioClient {
  getOrganization(options?: RequestOptions): Promise<ImmersioOrganization>;
  listCourses(options?: ListCoursesOptions): Promise<ImmersioPage<ImmersioCourse>>;
  listCourseStudents(courseId: string, options?: ListStudentsOptions): Promise<ImmersioPage<ImmersioStudent>>;
  /** Every course (changed since `updatedSince`), page after page. */
  allCourses(options?: Omit<ListCoursesOptions, 'cursor'>): AsyncGenerator<ImmersioCourse, void, undefined>;
  /** Every student enrolled in the course, page after page. */
  allCourseStudents(
    courseId: string,
    options?: Omit<ListStudentsOptions, 'cursor'>,
  ): AsyncGenerator<ImmersioStudent, void, undefined>;
}

function checkLimit(limit: number | undefined) {
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > 100))
    throw new RangeError('limit must be an integer from 1 to 100');
}

export function createImmersioClient(options: ImmersioClientOptions): ImmersioClient {
  const request = createImmersioTransport(options);

  const listCourses = (opts: ListCoursesOptions = {}) => {
    checkLimit(opts.limit);
    const since = opts.updatedSince instanceof Date ? opts.updatedSince.toISOString() : opts.updatedSince;
    return request(
      'v1/courses',
      { updatedSince: since, cursor: opts.cursor, limit: opts.limit?.toString() },
      immersioCoursePageSchema,
      opts,
    );
  };

  const listCourseStudents = (courseId: string, opts: ListStudentsOptions = {}) => {
    checkLimit(opts.limit);
    if (!courseId) throw new TypeError('courseId is required');
    return request(
      `v1/courses/${encodeURIComponent(courseId)}/students`,
      { cursor: opts.cursor, limit: opts.limit?.toString() },
      immersioStudentPageSchema,
      opts,
    );
  };

  async function* paginate<T>(
    operation: string,
    fetchPage: (cursor: string | undefined) => Promise<ImmersioPage<T>>,
  ): AsyncGenerator<T, void, undefined> {
    const seen = new Set<string>();
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await fetchPage(cursor);
      pages++;
      yield* page.data;
      if (page.nextCursor !== null && seen.has(page.nextCursor)) {
        throw new ImmersioApiError({
          message: `Immersio ${operation} failed: the same cursor came back twice (page ${pages})`,
          status: 200,
          code: 'INVALID_RESPONSE',
          retryable: false,
          attempts: 1,
          operation,
        });
      }
      if (page.nextCursor !== null) seen.add(page.nextCursor);
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
  }

  return {
    getOrganization: (opts = {}) => request('v1/organization', {}, immersioOrganizationSchema, opts),
    listCourses,
    listCourseStudents,
    allCourses: (opts = {}) =>
      paginate('GET /v1/courses', (cursor) => listCourses({ ...opts, ...(cursor ? { cursor } : {}) })),
    allCourseStudents: (courseId, opts = {}) =>
      paginate(`GET /v1/courses/${encodeURIComponent(courseId)}/students`, (cursor) =>
        listCourseStudents(courseId, { ...opts, ...(cursor ? { cursor } : {}) }),
      ),
  };
}

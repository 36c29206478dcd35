/**
 * The REST API behind per-organisation API keys: `GET /v1/organization`, `/v1/courses`
 * (`updatedSince`, cursor pages) and `/v1/courses/:id/students`.
 */
import type http from 'node:http';
import type { RecordedRequest, Send, SendError } from './http-server.ts';
import { courseJson, type OrgStore } from './org-store.ts';

const MAX_PAGE = 100;
const DEFAULT_PAGE = 50;

const encodeCursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function decodeCursor(raw: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

export function handleRestApi(
  req: http.IncomingMessage,
  url: URL,
  record: RecordedRequest,
  send: Send,
  sendError: SendError,
  store: OrgStore,
) {
  const method = record.method;
  const path = url.pathname;
  const operation = record.operation;
  const auth = req.headers.authorization ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(auth);
  const org = match ? store.orgByKey.get(match[1]!) : undefined;
  if (!org) {
    return sendError(401, 'UNAUTHORIZED', match ? 'Invalid API key' : 'Missing API key', {
      'www-authenticate': 'Bearer realm="immersio"',
    });
  }
  record.orgId = org.id;
  if (method !== 'GET')
    return sendError(405, 'METHOD_NOT_ALLOWED', `${method} is not allowed`, { allow: 'GET' });
  if (operation === 'organization')
    return send(200, { id: org.id, name: org.name, courseCount: org.courses.size });
  const limitRaw = url.searchParams.get('limit');
  let limit = DEFAULT_PAGE;
  if (limitRaw !== null) {
    if (!/^\d+$/.test(limitRaw) || Number(limitRaw) < 1 || Number(limitRaw) > MAX_PAGE)
      return sendError(400, 'VALIDATION_ERROR', `limit must be an integer from 1 to ${MAX_PAGE}`);
    limit = Number(limitRaw);
  }
  const cursorRaw = url.searchParams.get('cursor');
  const cursor = cursorRaw ? decodeCursor(cursorRaw) : null;
  if (operation === 'courses') {
    const sinceRaw = url.searchParams.get('updatedSince');
    let since = Number.NEGATIVE_INFINITY;
    if (sinceRaw !== null) {
      since = Date.parse(sinceRaw);
      if (!/^\d{4}-\d{2}-\d{2}T/.test(sinceRaw) || Number.isNaN(since))
        return sendError(400, 'VALIDATION_ERROR', 'updatedSince must be an ISO 8601 date-time');
    }
    if (
      cursorRaw &&
      (cursor?.k !== 'courses' || typeof cursor.u !== 'number' || typeof cursor.i !== 'string')
    )
      return sendError(400, 'INVALID_CURSOR', 'cursor is not valid');
    const after = cursor as { u: number; i: string } | null;
    const list = [...org.courses.values()]
      .filter((c) => c.updatedAt.getTime() >= since)
      .sort(
        (a, b) => a.updatedAt.getTime() - b.updatedAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
      )
      .filter(
        (c) =>
          !after || c.updatedAt.getTime() > after.u || (c.updatedAt.getTime() === after.u && c.id > after.i),
      );
    const pageItems = list.slice(0, limit);
    const last = pageItems.at(-1);
    const nextCursor =
      list.length > limit && last
        ? encodeCursor({ k: 'courses', u: last.updatedAt.getTime(), i: last.id })
        : null;
    return send(200, { data: pageItems.map(courseJson), nextCursor });
  }
  if (operation === 'students') {
    const courseId = decodeURIComponent(path.split('/')[3]!);
    const course = org.courses.get(courseId);
    if (!course) return sendError(404, 'NOT_FOUND', 'Course not found');
    if (cursorRaw && (cursor?.k !== 'students' || cursor.c !== courseId || typeof cursor.q !== 'number'))
      return sendError(400, 'INVALID_CURSOR', 'cursor is not valid');
    const afterSeq = cursor ? (cursor.q as number) : 0;
    const list = [...course.enrollments.values()]
      .filter((e) => e.seq > afterSeq)
      .sort((a, b) => a.seq - b.seq);
    const pageItems = list.slice(0, limit);
    const last = pageItems.at(-1);
    const nextCursor =
      list.length > limit && last ? encodeCursor({ k: 'students', c: courseId, q: last.seq }) : null;
    return send(200, {
      data: pageItems.map((e) => {
        const student = org.students.get(e.studentId)!;
        return {
          id: student.id,
          email: student.email,
          name: student.name,
          enrolledAt: e.enrolledAt.toISOString(),
        };
      }),
      nextCursor,
    });
  }
  return sendError(404, 'NOT_FOUND', 'No such endpoint');
}

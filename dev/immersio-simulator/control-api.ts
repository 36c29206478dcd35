/**
 * The unauthenticated `/_simulator/*` control API, so `npm run dev:immersio` can be driven with
 * curl: it runs the same mutations (and so sends their webhooks) and answers once they settle.
 */
import type http from 'node:http';
import type { FailureInjector, InjectedFailure } from './failure-injection.ts';
import type { SimOperation } from './http-server.ts';
import { courseJson, type OrgStore } from './org-store.ts';
import type { CourseInput, CoursePatch, StudentInput } from './org-types.ts';
import { readBody } from './read-body.ts';
import { SimulatorError } from './simulator-error.ts';
import type { WebhookSender } from './webhooks.ts';

export interface ControlContext {
  store: OrgStore;
  webhooks: WebhookSender;
  failures: FailureInjector;
}

export async function handleControl(
  method: string,
  path: string,
  req: http.IncomingMessage,
  send: (status: number, body: unknown) => void,
  ctx: ControlContext,
) {
  const { addCourse, updateCourse, deleteCourse, enroll, unenroll, updateStudent } = ctx.store;
  const { deliveries, webhooksSettled } = ctx.webhooks;
  const raw = method === 'GET' || method === 'DELETE' ? '' : await readBody(req);
  let body: Record<string, unknown> = {};
  if (raw) {
    try {
      body = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      throw new SimulatorError(400, 'VALIDATION_ERROR', 'body must be JSON');
    }
  }
  const parts = path.split('/').slice(2).map(decodeURIComponent);
  const done = async (status: number, result: unknown) => {
    const before = deliveries.length;
    await webhooksSettled();
    send(status, { result, webhooks: deliveries.slice(before) });
  };
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  // orgs/:org/courses[/:course[/students[/:student]]], orgs/:org/students/:student, fail
  if (parts[0] === 'fail' && method === 'POST') {
    ctx.failures.failNext(String(body.target) as SimOperation, body as InjectedFailure);
    return send(200, { ok: true });
  }
  if (parts[0] !== 'orgs' || !parts[1])
    throw new SimulatorError(404, 'NOT_FOUND', 'No such control endpoint');
  const orgId = parts[1];
  if (parts[2] === 'courses' && parts.length === 3 && method === 'POST')
    return done(201, courseJson(addCourse(orgId, body as unknown as CourseInput)));
  if (parts[2] === 'courses' && parts.length === 4 && method === 'PATCH')
    return done(200, courseJson(updateCourse(orgId, parts[3]!, body as CoursePatch)));
  if (parts[2] === 'courses' && parts.length === 4 && method === 'DELETE') {
    deleteCourse(orgId, parts[3]!);
    return done(200, { deleted: parts[3] });
  }
  if (parts[2] === 'courses' && parts[4] === 'students' && parts.length === 5 && method === 'POST')
    return done(201, enroll(orgId, parts[3]!, body as unknown as StudentInput));
  if (parts[2] === 'courses' && parts[4] === 'students' && parts.length === 6 && method === 'DELETE') {
    unenroll(orgId, parts[3]!, parts[5]!);
    return done(200, { unenrolled: parts[5] });
  }
  if (parts[2] === 'students' && parts.length === 4 && method === 'PATCH')
    return done(200, updateStudent(orgId, parts[3]!, { email: str(body.email), name: str(body.name) }));
  throw new SimulatorError(404, 'NOT_FOUND', 'No such control endpoint');
}

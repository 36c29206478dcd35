import { AppError } from '../../lib/errors.ts';
import { staffPassView } from './pass-views.ts';
import type { PassesDeps } from './passes-deps.ts';
import {
  findStudentPass,
  listStudentPasses,
  passEntries,
  type StudentPassFilter,
} from './student-passes.repo.ts';

// The passes students bought, as staff read them (immersio.pass.listHolders, getHolder; any
// member may read, only OWNER/ADMIN adjust: adjust-pass-credits.ts).

export async function listPassHolders(
  deps: Pick<PassesDeps, 'db' | 'now'>,
  query: StudentPassFilter & {
    tenantId: number;
    limit: number;
    cursor?: { createdAt: Date; id: number } | undefined;
  },
) {
  const now = deps.now();
  // One row more than the page says whether there is a next one.
  const rows = await listStudentPasses(deps.db, query.tenantId, {
    passId: query.passId,
    search: query.search,
    state: query.state,
    now,
    limit: query.limit + 1,
    after: query.cursor,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => staffPassView(row, now)),
    nextCursor: rows.length > query.limit && last ? { createdAt: last.createdAt, id: last.id } : null,
  };
}

export async function getPassHolder(
  deps: Pick<PassesDeps, 'db' | 'now'>,
  query: { tenantId: number; studentPassId: number },
) {
  const pass = await findStudentPass(deps.db, query.tenantId, query.studentPassId);
  if (!pass) throw new AppError('NOT_FOUND', 'Pass not found');
  return {
    pass: staffPassView(pass, deps.now()),
    history: await passEntries(deps.db, query.tenantId, pass.id),
  };
}

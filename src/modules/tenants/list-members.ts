import type { Executor } from '../../db/client.ts';
import * as repo from './tenants.repo.ts';

/** Everyone who teaches or runs the school: the staff app's teacher pickers and filters. */
export function listMembers(deps: { db: Executor }, input: { tenantId: number }) {
  return repo.listMembers(deps.db, input.tenantId).then((members) => ({ members }));
}

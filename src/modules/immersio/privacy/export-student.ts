import type { Database } from '../../../db/client.ts';
import { writePrivacyAudit } from './privacy-erase.repo.ts';
import { normaliseEmail, recordCounts, studentRecords, subjectEmailHash } from './student-records.ts';

export interface PrivacyRequest {
  tenantId: number;
  /** The staff user's id, or `cli`. */
  actor: string;
  email: string;
}

/**
 * Everything the school holds about one student, as JSON. An address the school does not know
 * gives empty sets (the answer to "what do you hold about me" is then "nothing"); it is audited
 * all the same.
 */
export async function exportStudent(deps: { db: Database; now: () => Date }, request: PrivacyRequest) {
  const email = normaliseEmail(request.email);
  return deps.db.transaction(async (tx) => {
    const records = await studentRecords(tx, request.tenantId, email);
    const counts = recordCounts(records);
    await writePrivacyAudit(tx, request.tenantId, {
      actor: request.actor,
      action: 'export',
      subjectEmailHash: subjectEmailHash(request.tenantId, email),
      counts,
    });
    return { email, exportedAt: deps.now(), counts, ...records };
  });
}

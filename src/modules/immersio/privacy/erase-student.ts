import { randomBytes } from 'node:crypto';
import type { Database } from '../../../db/client.ts';
import { AppError } from '../../../lib/errors.ts';
import { enqueue } from '../../outbox/enqueue.ts';
import { WEBHOOK_KIND } from '../../outbox/webhook-event.ts';
import { findTenant } from '../../tenants/tenant-lookup.ts';
import type { PrivacyRequest } from './export-student.ts';
import {
  anonymiseBookings,
  anonymiseEnrolments,
  anonymisePasses,
  anonymiseWaitlist,
  deleteImmersioIdentities,
  deleteWhitelistEntries,
  futureLiveBookings,
  scrubOutbox,
  writePrivacyAudit,
} from './privacy-erase.repo.ts';
import { tenantImmersioOrg } from './privacy-read.repo.ts';
import { studentErasedEvent } from './student-erased-event.ts';
import {
  normaliseEmail,
  recordCounts,
  recordNames,
  studentRecords,
  subjectEmailHash,
} from './student-records.ts';

export interface EraseDeps {
  db: Database;
  now: () => Date;
  wakeOutbox?: () => void;
}

/** An address that cannot receive mail (RFC 2606 `.invalid`), unique per erasure. */
function erasedAddress(): string {
  return `erased-${randomBytes(12).toString('hex')}@erased.invalid`;
}

/**
 * Anonymises one student in place, in one transaction with the audit row and STUDENT_ERASED:
 * names, addresses, answers and free text go; amounts, statuses, times and seats stay, so the
 * books and the sessions' counts are unchanged. Refused (CONFLICT) while the student holds a seat
 * in a session yet to end: staff cancel those first through the normal path, which refunds
 * under the school's policy (docs/privacy.md).
 */
export async function eraseStudent(deps: EraseDeps, request: PrivacyRequest) {
  const email = normaliseEmail(request.email);
  const emailHash = subjectEmailHash(request.tenantId, email);
  const now = deps.now();
  const outcome = await deps.db.transaction(async (tx) => {
    const live = await futureLiveBookings(tx, request.tenantId, email, now);
    if (live.length > 0) {
      throw new AppError(
        'CONFLICT',
        `The student holds ${live.length} booking(s) in sessions yet to end: cancel them first (${live
          .map((b) => b.uid)
          .join(', ')})`,
      );
    }
    const records = await studentRecords(tx, request.tenantId, email);
    const counts = recordCounts(records);
    const found = Object.values(counts).some((n) => n > 0);
    const placeholder = erasedAddress();
    const bookingUids = await anonymiseBookings(tx, request.tenantId, email, placeholder, now);
    await anonymiseWaitlist(tx, request.tenantId, email, placeholder, now);
    const enrolmentUids = await anonymiseEnrolments(tx, request.tenantId, email, placeholder, now);
    const passUids = await anonymisePasses(tx, request.tenantId, email, placeholder, now);
    await deleteWhitelistEntries(tx, request.tenantId, email);
    await deleteImmersioIdentities(
      tx,
      request.tenantId,
      records.immersio.identities.map((i) => i.id),
    );
    if (found) await scrubOutbox(tx, request.tenantId, email, recordNames(records), placeholder);
    await writePrivacyAudit(tx, request.tenantId, {
      actor: request.actor,
      action: 'erase',
      subjectEmailHash: emailHash,
      counts,
    });
    if (found) {
      const tenant = (await findTenant(tx, { id: request.tenantId }))!;
      const event = studentErasedEvent({
        now,
        tenant: { id: tenant.id, slug: tenant.slug, immersioOrgId: await tenantImmersioOrg(tx, tenant.id) },
        emailHash,
        immersioStudentIds: records.immersio.studentIds,
        bookingUids,
        enrolmentUids,
        passUids,
      });
      await enqueue(tx, { kind: WEBHOOK_KIND, tenantId: request.tenantId, payload: event });
    }
    return { counts, found };
  });
  if (outcome.found) deps.wakeOutbox?.();
  return { erased: outcome.found, subjectEmailHash: emailHash, erasedAt: now, counts: outcome.counts };
}

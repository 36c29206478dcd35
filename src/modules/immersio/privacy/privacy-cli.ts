import type { Database } from '../../../db/client.ts';
import { AppError } from '../../../lib/errors.ts';
import { findTenant } from '../../tenants/tenant-lookup.ts';
import { eraseStudent } from './erase-student.ts';
import { exportStudent } from './export-student.ts';

export interface PrivacyCommand {
  action: 'export' | 'erase';
  tenantSlug: string;
  email: string;
}

/**
 * `npm run cli -- privacy export|erase --tenant <slug> --email <address>`: the staff procedures'
 * use cases for an operator, audited with actor `cli`. The outbox worker of a running instance
 * delivers STUDENT_ERASED (it polls; nothing here wakes it).
 */
export async function runPrivacyCommand(deps: { db: Database; now?: () => Date }, command: PrivacyCommand) {
  const tenant = await findTenant(deps.db, { slug: command.tenantSlug });
  if (!tenant) throw new AppError('TENANT_NOT_FOUND', `No tenant with slug ${command.tenantSlug}`);
  const useCaseDeps = { db: deps.db, now: deps.now ?? (() => new Date()) };
  const request = { tenantId: tenant.id, actor: 'cli', email: command.email };
  return command.action === 'export'
    ? exportStudent(useCaseDeps, request)
    : eraseStudent(useCaseDeps, request);
}

import type { Database } from '../../db/client.ts';
import { uniqueViolation } from '../../db/errors.ts';
import type { CacheBus } from '../../lib/cache-bus.ts';
import { AppError, type ErrorCode, isAppError } from '../../lib/errors.ts';
import { isValidTimeZone } from '../../lib/time-zones.ts';
import { findAccountByEmail, isCurrentPassword } from '../auth/accounts.ts';
import type { CreateSchoolInput } from './procedures/signup-create-school.schema.ts';
import { provisionTenant, RESERVED_TENANT_SLUGS } from './provisioning.ts';
import { findTenantRecord } from './tenants.repo.ts';

export const SIGNUP_PLAN = 'lite';

const SLUG_TAKEN = 'This address is already taken: choose another';
const SLUG_RESERVED = "This address is kept for the service's own pages: choose another";
const EMAIL_IN_USE =
  "An account with this email already exists: sign in, or enter that account's password to add this school to it";

/**
 * Self-serve sign-up: a school on the `lite` plan with its owner, through the same provisioning
 * as the operator CLI. An e-mail that already has an account is used only with that account's
 * current password (the person adds a school to it); it never gets a new password, and an
 * account without one (made by Immersio sign-in) is never claimed. Taken slugs and e-mails are
 * field errors; the unique constraints decide when two sign-ups race.
 */
export async function createSchool(deps: { db: Database; bus: CacheBus }, input: CreateSchoolInput) {
  if (RESERVED_TENANT_SLUGS.has(input.slug)) throw fieldError('VALIDATION_ERROR', 'slug', SLUG_RESERVED);
  // Checked before the transaction for a clear answer without a rolled-back insert.
  if (await findTenantRecord(deps.db, { slug: input.slug })) throw fieldError('CONFLICT', 'slug', SLUG_TAKEN);
  const existing = await findAccountByEmail(deps.db, input.email);
  if (existing && !(await isCurrentPassword(deps.db, existing.id, input.password))) {
    throw fieldError('CONFLICT', 'email', EMAIL_IN_USE);
  }
  const timeZone = input.timeZone && isValidTimeZone(input.timeZone) ? input.timeZone : undefined;
  try {
    const { tenant, owner } = await provisionTenant(deps.db, {
      name: input.schoolName,
      slug: input.slug,
      plan: SIGNUP_PLAN,
      owner: {
        email: input.email,
        name: input.ownerName,
        password: input.password,
        ...(timeZone && { timeZone }),
      },
      ...(timeZone && { timeZone }),
    });
    // A signed-in account's cached memberships must show the new school.
    if (existing) await deps.bus.publish({ type: 'user', userId: owner.id });
    return { tenantId: tenant.id, slug: tenant.slug };
  } catch (error) {
    throw asFieldError(error);
  }
}

/** What a sign-up that lost a race (or met a changed account) tells the form (exported for its test). */
export function asFieldError(error: unknown): unknown {
  const constraint = uniqueViolation(error);
  if (constraint === 'tenants_slug_unique') return fieldError('CONFLICT', 'slug', SLUG_TAKEN);
  if (constraint === 'users_email_lower_uq') return fieldError('CONFLICT', 'email', EMAIL_IN_USE);
  if (isAppError(error) && error.code === 'CONFLICT') return fieldError('CONFLICT', 'slug', SLUG_TAKEN);
  if (isAppError(error) && error.code === 'UNAUTHORIZED')
    return fieldError('CONFLICT', 'email', EMAIL_IN_USE);
  return error;
}

function fieldError(code: ErrorCode, path: 'slug' | 'email', message: string): AppError {
  return new AppError(code, message, { issues: [{ path, message }] });
}

import type { Executor } from '../../db/client.ts';
import { type SlugAvailability, signupSlug } from './procedures/signup-check-slug.schema.ts';
import { RESERVED_TENANT_SLUGS } from './provisioning.ts';
import { findTenantRecord } from './tenants.repo.ts';

/**
 * Whether a school could sign up with this address right now. Only a hint for the form: two
 * sign-ups may race for a free slug, and createSchool's unique constraint decides.
 */
export async function checkSignupSlug(
  deps: { db: Executor },
  input: { slug: string },
): Promise<SlugAvailability> {
  const parsed = signupSlug.safeParse(input.slug);
  if (!parsed.success) return { available: false, reason: 'invalid' };
  if (RESERVED_TENANT_SLUGS.has(parsed.data)) return { available: false, reason: 'reserved' };
  if (await findTenantRecord(deps.db, { slug: parsed.data })) return { available: false, reason: 'taken' };
  return { available: true };
}

import type { Database } from '../../db/client.ts';
import { AppError } from '../../lib/errors.ts';
import { findOrCreateUserWithPassword } from '../auth/accounts.ts';
import type { PlanType } from './plans.ts';
import * as repo from './tenants.repo.ts';

export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * Creates a tenant with its owner, since the spec has no tenant sign-up: used by the operator
 * CLI and the demo seed. An existing user becomes owner only by giving their current password.
 */
export async function provisionTenant(
  db: Database,
  input: {
    name: string;
    slug: string;
    plan: PlanType;
    owner: { email: string; name: string; password: string; timeZone?: string };
    timeZone?: string;
  },
) {
  if (!SLUG_PATTERN.test(input.slug)) {
    throw new AppError(
      'VALIDATION_ERROR',
      'slug: lower-case letters, digits and dashes, at most 63 characters',
    );
  }
  return db.transaction(async (tx) => {
    if (await repo.findTenantBySlug(tx, input.slug)) {
      throw new AppError('CONFLICT', `A tenant with slug ${input.slug} already exists`);
    }
    const tenant = await repo.insertTenant(tx, {
      name: input.name,
      slug: input.slug,
      plan: input.plan,
      ...(input.timeZone ? { timeZone: input.timeZone } : {}),
    });
    const { user } = await findOrCreateUserWithPassword(tx, input.owner);
    await repo.insertMembership(tx, { tenantId: tenant.id, userId: user.id, role: 'OWNER' });
    return { tenant, owner: user };
  });
}

/** Adds an existing or new user to a tenant directly (seed data, operator CLI). */
export async function addMember(
  db: Database,
  input: {
    tenantId: number;
    role: repo.Role;
    user: { email: string; name: string; password: string; timeZone?: string };
  },
) {
  return db.transaction(async (tx) => {
    const { user } = await findOrCreateUserWithPassword(tx, input.user);
    await repo.insertMembership(tx, { tenantId: input.tenantId, userId: user.id, role: input.role });
    return user;
  });
}

import type { Database } from '../../db/client.ts';
import { AppError } from '../../lib/errors.ts';
import { findOrCreateUserWithPassword } from '../auth/accounts.ts';
import type { PlanType } from './plans.ts';
import type { Role } from './roles.ts';
import * as repo from './tenants.repo.ts';

export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * Slugs no tenant may take. A tenant's pages live at `{PUBLIC_BASE_URL}/{slug}`, so a slug equal to
 * the first path segment of one of the service's own routes (src/server.ts and the route files)
 * would be shadowed by that route, and a few more are kept for routes and host names to come
 * (`www.{BOOKING_DOMAIN}`, an admin app, sign-in pages).
 */
export const RESERVED_TENANT_SLUGS: ReadonlySet<string> = new Set([
  // Routes served today: /api/…, /assets/…, /uploads/…, /bookings/…, /enrolments/…, /invite/…
  'api',
  'assets',
  'uploads',
  'bookings',
  'enrolments',
  'invite',
  'passes',
  'waitlist',
  // Names of routes under /api and their likely top-level twins.
  'auth',
  'trpc',
  'v1',
  'health',
  'ready',
  // /metrics (Prometheus, issue 19).
  'metrics',
  'oauth',
  'sso',
  'webhooks',
  'public',
  'invites',
  'manage',
  'checkout',
  'static',
  'favicon',
  'robots',
  'sitemap',
  // Host names and pages a service like this keeps for itself.
  'www',
  'app',
  'admin',
  'dashboard',
  'account',
  'login',
  'logout',
  'signin',
  'sign-in',
  'signup',
  'sign-up',
  'register',
  'settings',
  'help',
  'support',
  'docs',
  'status',
  'mail',
  'cdn',
  'immersio',
  'stripe',
]);

/** Why `slug` cannot name a tenant (in VALIDATION_ERROR's words), or null if it can. */
export function tenantSlugProblem(slug: string): string | null {
  if (!SLUG_PATTERN.test(slug)) return 'slug: lower-case letters, digits and dashes, at most 63 characters';
  if (RESERVED_TENANT_SLUGS.has(slug)) {
    return `slug: "${slug}" is reserved for the service's own pages, choose another`;
  }
  return null;
}

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
  const problem = tenantSlugProblem(input.slug);
  if (problem) throw new AppError('VALIDATION_ERROR', problem);
  return db.transaction(async (tx) => {
    if (await repo.findTenantRecord(tx, { slug: input.slug })) {
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
    role: Role;
    user: { email: string; name: string; password: string; timeZone?: string };
  },
) {
  return db.transaction(async (tx) => {
    const { user } = await findOrCreateUserWithPassword(tx, input.user);
    await repo.insertMembership(tx, { tenantId: input.tenantId, userId: user.id, role: input.role });
    return user;
  });
}

import type { Executor } from '../../db/client.ts';
import type { PlanType } from './plans.ts';
import * as repo from './tenants.repo.ts';

// The tenants domain as other domains see it: one way to find a tenant, its members' schools,
// and the row lock that serialises a tenant's plan limits.

export type { TenantRecord } from './tenants.repo.ts';

/** A tenant with its live Stripe account and Immersio organisation, by id or by slug. */
export function findTenant(db: Executor, by: { id: number } | { slug: string }) {
  return repo.findTenantRecord(db, by);
}

/** The schools a user belongs to, with their role in each, oldest membership first. */
export function listMemberships(db: Executor, userId: number) {
  return repo.listMembershipsForUser(db, userId);
}

/**
 * Locks the tenant's row until the transaction ends, so checks against the plan's limits (teachers,
 * workshops, bookings) made after it cannot race each other.
 */
export function lockTenantForLimits(db: Executor, tenantId: number) {
  return repo.lockTenant(db, tenantId);
}

/** The operator's plan change (CLI); running instances see it when their tenant cache expires. */
export function setTenantPlan(db: Executor, tenantId: number, plan: PlanType) {
  return repo.updateTenantPlan(db, tenantId, plan);
}

/** Records a connected Stripe account for a tenant (the demo seed's test-mode account). */
export function recordStripeAccount(db: Executor, values: Parameters<typeof repo.insertStripeCredential>[1]) {
  return repo.insertStripeCredential(db, values);
}

import type { Executor } from '../../db/client.ts';
import { findTenantBrand, type TenantBrand } from './tenant-brand.repo.ts';

export type { TenantBrand };

/** The school's name, logo, landing colours and zone, as its public pages show them. */
export function tenantBrand(deps: { db: Executor }, tenantId: number): Promise<TenantBrand | undefined> {
  return findTenantBrand(deps.db, tenantId);
}

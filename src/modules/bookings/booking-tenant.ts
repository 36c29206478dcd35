import type { TenantRecord } from '../tenants/tenant-lookup.ts';

/** The tenant as a booking needs it: its plan and zone, and where its payments and webhooks go. */
export type BookingTenant = TenantRecord;

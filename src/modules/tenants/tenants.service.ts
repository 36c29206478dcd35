import type { Database } from '../../db/client.ts';
import type { Env } from '../../env.ts';
import type { CacheBus } from '../../lib/cache-bus.ts';
import { AppError } from '../../lib/errors.ts';
import { hashToken, newToken } from '../../lib/tokens.ts';
import { TtlCache } from '../../lib/ttl-cache.ts';
import { emailJob } from '../outbox/email-job.ts';
import { enqueueJob } from '../outbox/enqueue.ts';
import { inviteEmail } from './invite-email.ts';
import { assertWithinLimit, PLANS, planView } from './plans.ts';
import * as repo from './tenants.repo.ts';

export const INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export interface TenantsDeps {
  db: Database;
  env: Env;
  bus: CacheBus;
  now: () => Date;
  wakeOutbox: () => void;
  /** Asks Stripe whether a connected account exists (the payments service). */
  verifyStripeAccount?: (accountId: string) => Promise<void>;
}

export type TenantView = NonNullable<Awaited<ReturnType<typeof repo.findTenantView>>>;

/** The spec's tenant.get shape, built once per cache fill. */
function toTenantOutput(view: TenantView) {
  return {
    id: view.id,
    name: view.name,
    slug: view.slug,
    logoUrl: view.logoUrl,
    plan: planView(view.plan),
    stripeConnected: view.stripeConnected,
    immersioConnected: view.immersioConnected,
    landingPagePublished: view.landingPagePublished,
    createdAt: view.createdAt,
  };
}

export function createTenantsService(deps: TenantsDeps) {
  // tenant.get is the hottest read in the product; writers publish a 'tenant' event.
  const views = new TtlCache<number, { view: TenantView; output: ReturnType<typeof toTenantOutput> }>({
    ttlMs: 60_000,
  });
  deps.bus.subscribe((event) => {
    if (event.type === 'tenant') views.delete(event.tenantId);
    else if (event.type === 'all') views.clear();
  });

  async function load(tenantId: number) {
    // Roles and plan live here too: not cached while other instances' changes cannot reach us.
    const delivering = deps.bus.delivering();
    const cached = delivering ? views.get(tenantId) : undefined;
    if (cached) return cached;
    const view = await repo.findTenantView(deps.db, tenantId);
    if (!view) throw new AppError('TENANT_NOT_FOUND');
    const entry = { view, output: toTenantOutput(view) };
    if (delivering) views.set(tenantId, entry);
    return entry;
  }

  return {
    /** Callers must not mutate the result: it is the cached object. */
    async get({ tenantId }: { tenantId: number }) {
      return (await load(tenantId)).output;
    },

    async plan(tenantId: number) {
      return PLANS[(await load(tenantId)).view.plan];
    },

    async updateStripeCredentials(input: {
      tenantId: number;
      actorId: number;
      stripeAccountId: string;
      stripePublishableKey: string;
    }) {
      await deps.verifyStripeAccount?.(input.stripeAccountId);
      const now = deps.now();
      const credential = await deps.db.transaction(async (tx) => {
        // Concurrent saves take turns: without the lock both supersede nothing, then the second
        // insert hits the one-active-credential constraint.
        await repo.lockTenant(tx, input.tenantId);
        await repo.supersedeStripeCredentials(tx, input.tenantId, now);
        return repo.insertStripeCredential(tx, {
          tenantId: input.tenantId,
          stripeAccountId: input.stripeAccountId,
          publishableKey: input.stripePublishableKey,
          livemode: input.stripePublishableKey.startsWith('pk_live_'),
          createdBy: input.actorId,
        });
      });
      await deps.bus.publish({ type: 'tenant', tenantId: input.tenantId });
      return { success: true, credentialId: credential.id };
    },

    async inviteTeacher(input: {
      tenantId: number;
      actorId: number;
      actorName: string;
      email: string;
      name?: string | undefined;
      role: 'ADMIN' | 'MEMBER';
    }) {
      const email = input.email.trim().toLowerCase();
      const token = newToken();
      const now = deps.now();
      const inviteLink = `${deps.env.PUBLIC_BASE_URL}/invite/${token}`;
      const invite = await deps.db.transaction(async (tx) => {
        const tenant = await repo.lockTenant(tx, input.tenantId);
        if (!tenant) throw new AppError('TENANT_NOT_FOUND');
        if (await repo.findMemberByEmail(tx, input.tenantId, email)) {
          throw new AppError('CONFLICT', `${email} is already a member of ${tenant.name}`);
        }
        const unresolved = await repo.findUnresolvedInvite(tx, input.tenantId, email);
        if (unresolved && unresolved.expiresAt > now) {
          throw new AppError(
            'CONFLICT',
            `An invite for ${email} is already open until ${unresolved.expiresAt.toISOString()}`,
          );
        }
        // An expired invite no longer counts; close it so the new one can take its place.
        if (unresolved) await repo.revokeInvite(tx, input.tenantId, unresolved.id, now);
        const used =
          (await repo.countMembers(tx, input.tenantId)) +
          (await repo.countOpenInvites(tx, input.tenantId, now));
        assertWithinLimit(PLANS[tenant.plan], 'maxTeachers', used);
        const expiresAt = new Date(now.getTime() + INVITE_TTL_MS);
        const row = await repo.insertInvite(tx, {
          tenantId: input.tenantId,
          email,
          name: input.name?.trim() || null,
          role: input.role,
          tokenHash: hashToken(token),
          invitedBy: input.actorId,
          expiresAt,
        });
        await enqueueJob(
          tx,
          emailJob,
          inviteEmail({
            to: email,
            inviteeName: input.name ?? null,
            tenantName: tenant.name,
            inviterName: input.actorName,
            role: input.role,
            link: inviteLink,
            expiresAt,
            language: tenant.defaultLanguage,
          }),
          { tenantId: input.tenantId },
        );
        return row;
      });
      deps.wakeOutbox();
      return { success: true, inviteId: invite.id, inviteLink };
    },
  };
}

export type TenantsService = ReturnType<typeof createTenantsService>;

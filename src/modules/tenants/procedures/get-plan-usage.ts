import { adminQuery } from '../../../trpc/procedures.ts';
import { planUsage } from '../plan-usage.ts';
import { getPlanUsageOutput } from './get-plan-usage.schema.ts';

/** Beyond the spec: the plan, this month's usage of its limits and what each plan offers. */
export const getPlanUsage = adminQuery({
  output: getPlanUsageOutput,
  resolve: ({ ctx }) =>
    planUsage({ db: ctx.container.db, now: ctx.container.now }, { tenantId: ctx.tenant.id }),
});

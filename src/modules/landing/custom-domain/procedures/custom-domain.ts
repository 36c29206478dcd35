import { adminMutation, adminQuery } from '../../../../trpc/procedures.ts';
import { getCustomDomain as getUseCase } from '../get-custom-domain.ts';
import { setCustomDomain as setUseCase } from '../set-custom-domain.ts';
import { verifyCustomDomain as verifyUseCase } from '../verify-custom-domain.ts';
import {
  customDomainOutput,
  getCustomDomainInput,
  setCustomDomainInput,
  verifyCustomDomainInput,
} from './custom-domain.schema.ts';

// The school's own domain for its booking site (issue 20, part 2): OWNER and ADMIN.

export const getCustomDomain = adminQuery({
  input: getCustomDomainInput,
  output: customDomainOutput,
  resolve: ({ ctx }) =>
    getUseCase({ db: ctx.container.db, env: ctx.container.env }, { tenantId: ctx.tenant.id }),
});

export const setCustomDomain = adminMutation({
  input: setCustomDomainInput,
  output: customDomainOutput,
  resolve: ({ ctx, input }) =>
    setUseCase(
      { db: ctx.container.db, bus: ctx.container.bus, env: ctx.container.env },
      { tenantId: ctx.tenant.id, domain: input.domain },
    ),
});

export const verifyCustomDomain = adminMutation({
  input: verifyCustomDomainInput,
  output: customDomainOutput,
  resolve: ({ ctx }) =>
    verifyUseCase(
      {
        db: ctx.container.db,
        bus: ctx.container.bus,
        txt: ctx.container.txtLookup,
        now: ctx.container.now,
        env: ctx.container.env,
      },
      { tenantId: ctx.tenant.id },
    ),
});

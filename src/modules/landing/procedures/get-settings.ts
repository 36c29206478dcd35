import { tenantQuery } from '../../../trpc/procedures.ts';
import { getSettingsInput, getSettingsOutput } from './get-settings.schema.ts';

export const getSettings = tenantQuery({
  input: getSettingsInput,
  output: getSettingsOutput,
  resolve: ({ ctx }) => ctx.container.landing.getSettings({ tenantId: ctx.tenant.id }),
});

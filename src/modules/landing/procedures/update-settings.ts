import { adminMutation } from '../../../trpc/procedures.ts';
import { updateSettingsInput, updateSettingsOutput } from './update-settings.schema.ts';

export const updateSettings = adminMutation({
  input: updateSettingsInput,
  output: updateSettingsOutput,
  resolve: ({ ctx, input }) =>
    ctx.container.landing.updateSettings({ tenantId: ctx.tenant.id, changes: input }),
});

import { adminMutation } from '../../../trpc/procedures.ts';
import { publishInput, publishOutput } from './publish.schema.ts';

export const publish = adminMutation({
  input: publishInput,
  output: publishOutput,
  resolve: ({ ctx }) => ctx.container.landing.publish({ tenantId: ctx.tenant.id }),
});

import { adminMutation } from '../../../trpc/procedures.ts';
import { exportStudentOutput, privacyRequestInput } from './privacy.schema.ts';

/** A mutation: it writes the audit row, and the address travels in a body, not a logged URL. */
export const exportStudent = adminMutation({
  input: privacyRequestInput,
  output: exportStudentOutput,
  apiKeys: false,
  resolve: ({ ctx, input }) =>
    ctx.container.privacy.exportStudent({
      tenantId: ctx.tenant.id,
      actor: String(ctx.viewer.userId),
      email: input.email,
    }),
});

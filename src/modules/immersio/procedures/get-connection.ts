import { adminQuery } from '../../../trpc/procedures.ts';
import { getConnectionStatus } from '../connection-status.ts';
import { getConnectionOutput } from './get-connection.schema.ts';

/** Beyond the spec: the organisation, webhook URL and sync time, for OWNER/ADMIN. */
export const getConnection = adminQuery({
  output: getConnectionOutput,
  resolve: ({ ctx }) => getConnectionStatus({ db: ctx.container.db }, { tenantId: ctx.tenant.id }),
});

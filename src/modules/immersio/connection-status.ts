import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.ts';
import { type RawRow, toDate, toDateOrNull } from '../../db/rows.ts';

export interface ConnectionStatus {
  immersioOrgId: string;
  orgName: string | null;
  webhookUrl: string | null;
  connectedAt: Date;
  coursesSyncedAt: Date | null;
  webhookDisabledAt: Date | null;
  webhookSecretRotatedAt: Date | null;
}

/**
 * The school's live Immersio connection as the staff app shows it (null when not connected).
 * Never the API key or the signing secret: the secret has its own call, made on demand.
 */
export async function getConnectionStatus(
  deps: { db: Executor },
  input: { tenantId: number },
): Promise<{ connection: ConnectionStatus | null }> {
  const [row] = await queryRows<RawRow<ConnectionStatus>>(
    deps.db,
    sql`select immersio_org_id as "immersioOrgId", org_name as "orgName", webhook_url as "webhookUrl",
          connected_at as "connectedAt", courses_synced_at as "coursesSyncedAt",
          webhook_disabled_at as "webhookDisabledAt", webhook_secret_rotated_at as "webhookSecretRotatedAt"
        from immersio_integrations
        where tenant_id = ${input.tenantId} and disconnected_at is null`,
  );
  if (!row) return { connection: null };
  return {
    connection: {
      ...row,
      connectedAt: toDate(row.connectedAt),
      coursesSyncedAt: toDateOrNull(row.coursesSyncedAt),
      webhookDisabledAt: toDateOrNull(row.webhookDisabledAt),
      webhookSecretRotatedAt: toDateOrNull(row.webhookSecretRotatedAt),
    },
  };
}

import { router } from '../../trpc/init.ts';
import { connect } from './procedures/connect.ts';
import { getConnection } from './procedures/get-connection.ts';
import { getSyncHistory } from './procedures/get-sync-history.ts';
import { getWebhookSecret } from './procedures/get-webhook-secret.ts';
import { listCourses } from './procedures/list-courses.ts';
import { listDeliveries } from './procedures/list-deliveries.ts';
import { mapCourse } from './procedures/map-course.ts';
import { redeliver } from './procedures/redeliver.ts';
import { rotateWebhookSecret } from './procedures/rotate-webhook-secret.ts';
import { syncCourses } from './procedures/sync-courses.ts';

// immersio.integration.* (spec section 1.3) and the webhook administration beyond the spec.
export const integrationRouter = router({
  connect,
  syncCourses,
  mapCourse,
  getSyncHistory,
  listCourses,
  // Beyond the spec: the connection as the staff app shows it.
  getConnection,
  // Outgoing webhooks (docs/decisions.md, "Outgoing webhooks").
  listDeliveries,
  redeliver,
  getWebhookSecret,
  rotateWebhookSecret,
});

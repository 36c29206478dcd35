import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DateTime } from 'luxon';
import type { Container } from '../../container.ts';
import { parseOrThrow } from '../../http/parse.ts';
import { AppError } from '../../lib/errors.ts';
import { extractCredential } from '../auth/credentials.ts';
import { budgetKeyOf } from '../viewer/viewer-resolver.ts';
import { exportQuery } from './bookings-export.schema.ts';
import { bookingsCsv } from './bookings-export.ts';
import { bookingFiltersInput } from './procedures/list-bookings.schema.ts';
import { type StaffViewer, scopeBookingFilters } from './staff-booking-filters.ts';

/** The staff member and their active school, from the session cookie or a bearer token. */
async function staffViewer(container: Container, req: FastifyRequest): Promise<StaffViewer> {
  const viewer = await container.sessions.resolve(extractCredential(req.headers));
  if (!viewer) throw new AppError('UNAUTHORIZED');
  const decision = await container.rateLimiter.check('authenticated', budgetKeyOf(viewer));
  if (!decision.allowed) throw new AppError('RATE_LIMITED');
  const membership = viewer.memberships.find((m) => m.tenantId === viewer.activeTenantId);
  if (!membership) throw new AppError('FORBIDDEN', 'You are not a member of any tenant');
  return { tenantId: membership.tenantId, userId: viewer.userId, role: membership.role };
}

function slug(text: string): string {
  return (
    text
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'session'
  );
}

/**
 * `GET /api/v1/staff/bookings.csv?status&from&to&workshopId&teacherId` exports the filtered
 * booking list (as `immersio.booking.list`, newest first); with `sessionId` it exports that
 * session's roster in booking order. Streamed from the database in batches.
 */
export function registerBookingsExportRoute(app: FastifyInstance, container: Container): void {
  app.get('/api/v1/staff/bookings.csv', async (req, reply) => {
    const viewer = await staffViewer(container, req);
    const filters = parseOrThrow(bookingFiltersInput, parseOrThrow(exportQuery, req.query));
    const { filters: scoped, session } = await scopeBookingFilters(container.db, viewer, filters);
    const filename = session
      ? `roster-${slug(session.workshopTitle)}-${DateTime.fromJSDate(session.startTime, { zone: session.timeZone }).toFormat('yyyy-MM-dd-HHmm')}.csv`
      : `bookings-${DateTime.fromJSDate(container.now(), { zone: 'utc' }).toFormat('yyyy-MM-dd')}.csv`;
    const csv = bookingsCsv(container.db, scoped, {
      order: session ? 'oldest' : 'newest',
      onError: (error) => {
        // A client that goes away mid-download is not a failure of ours.
        if ((error as NodeJS.ErrnoException).code === 'ERR_STREAM_PREMATURE_CLOSE') return;
        req.log.error({ err: error }, 'bookings CSV export failed mid-stream');
      },
    });
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${filename}"`)
      .header('cache-control', 'private, no-store')
      .send(csv);
  });
}

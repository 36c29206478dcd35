import { buttonClass } from '../../components/ui/button.tsx';

/** The CSV export's filters: those of the list, or one session for its roster. */
export interface ExportFilters {
  status?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  workshopId?: number | undefined;
  teacherId?: number | undefined;
  sessionId?: number | undefined;
}

export function exportUrl(filters: ExportFilters): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const query = params.toString();
  return `/api/v1/staff/bookings.csv${query ? `?${query}` : ''}`;
}

/**
 * A plain download link: the browser sends the session cookie and saves the streamed file
 * itself, so a large export never passes through the page's memory.
 */
export function ExportLink({ filters, children }: { filters: ExportFilters; children: string }) {
  return (
    <a href={exportUrl(filters)} download className={buttonClass('secondary')}>
      {children}
    </a>
  );
}

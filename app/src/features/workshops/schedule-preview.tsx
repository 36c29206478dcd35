import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Badge } from '../../components/ui/states.tsx';
import { useErrorText } from '../../lib/i18n/error-text.ts';
import { intlLocale, useT } from '../../lib/i18n/i18n.tsx';
import { useDebounced } from '../../lib/use-debounced.ts';
import { useTRPC } from '../../trpc.ts';
import { ScrollRegion } from './feedback.tsx';

export interface PreviewRequest {
  startTime: Date | undefined;
  timeZone: string | undefined;
  teacherId: number | undefined;
  duration: number | undefined;
  recurrence:
    | { frequency: 'weekly' | 'biweekly' | 'monthly'; count?: number | undefined; endDate?: Date | undefined }
    | undefined;
}

// One per language: the app's language can change while it runs.
const dayFormats = new Map<string, Intl.DateTimeFormat>();

function formatLocalDate(localDate: string) {
  const locale = intlLocale() ?? 'en';
  let dayFormat = dayFormats.get(locale);
  if (!dayFormat) {
    dayFormat = new Intl.DateTimeFormat(locale, {
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      timeZone: 'UTC',
    });
    dayFormats.set(locale, dayFormat);
  }
  const [y, m, d] = localDate.split('-').map(Number);
  return dayFormat.format(new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1)));
}

/**
 * The dates the server would plan, asked of `immersio.workshop.previewSchedule` (the same
 * recurrence code as create) a moment after the fields stop changing. A change of UTC offset
 * inside the series (daylight saving) is marked on the row where it happens.
 */
export function SchedulePreview({ request }: { request: PreviewRequest }) {
  const trpc = useTRPC();
  const t = useT();
  const errorText = useErrorText();
  const settled = useDebounced(request, 400);
  const ready =
    settled.startTime !== undefined &&
    settled.teacherId !== undefined &&
    settled.duration !== undefined &&
    Number.isInteger(settled.duration) &&
    settled.duration >= 15 &&
    settled.duration <= 480;
  const query = useQuery({
    ...trpc.immersio.workshop.previewSchedule.queryOptions({
      startTime: settled.startTime ?? new Date(0),
      teacherId: settled.teacherId ?? 0,
      duration: settled.duration ?? 60,
      ...(settled.timeZone ? { timeZone: settled.timeZone } : {}),
      ...(settled.recurrence ? { recurrence: settled.recurrence } : {}),
    }),
    enabled: ready,
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: 60_000,
  });

  // The summary is announced as it changes; the table is not read out on every keystroke.
  let status: ReactNode;
  let table: ReactNode = null;
  if (!ready) {
    status = <p className="text-sm text-slate-600">{t('app.workshops.preview.incomplete')}</p>;
  } else if (query.isError) {
    status = <p className="text-sm text-red-700">{errorText(query.error, 'app.workshops.preview.failed')}</p>;
  } else if (!query.data) {
    status = <p className="text-sm text-slate-600">{t('app.workshops.preview.working')}</p>;
  } else {
    const { sessions, timeZone } = query.data;
    const changes = sessions.filter((s, i) => i > 0 && s.utcOffset !== sessions[i - 1]?.utcOffset).length;
    status = (
      <p className="text-sm text-slate-700">
        {t('app.workshops.preview.summary', { count: sessions.length, zone: timeZone })}
        {changes > 0 ? (
          <strong className="ml-1 font-semibold text-amber-900">{t('app.workshops.preview.clocks')}</strong>
        ) : null}
      </p>
    );
    table = (
      <ScrollRegion label={t('app.workshops.preview.region')} className="mt-2 max-h-80">
        <table className="w-full text-left text-sm">
          <thead className="sticky top-0 bg-slate-50 text-slate-700">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium">
                #
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                {t('app.workshops.preview.date')}
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                {t('app.workshops.preview.time')}
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                {t('app.workshops.preview.offset')}
              </th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((s, i) => {
              const changed = i > 0 && s.utcOffset !== sessions[i - 1]?.utcOffset;
              return (
                <tr
                  key={s.startTime.toISOString()}
                  className={changed ? 'bg-amber-50' : 'border-t border-slate-100'}
                >
                  <td className="px-3 py-1.5 text-slate-600">{i + 1}</td>
                  <td className="px-3 py-1.5 text-slate-900">{formatLocalDate(s.localDate)}</td>
                  <td className="px-3 py-1.5 text-slate-900">{s.localTime}</td>
                  <td className="px-3 py-1.5">
                    <span className={changed ? 'font-semibold text-amber-900' : 'text-slate-700'}>
                      {s.utcOffset}
                    </span>
                    {changed ? (
                      <span className="ml-2">
                        <Badge tone="amber">{t('app.workshops.preview.clocksBadge')}</Badge>
                      </span>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollRegion>
    );
  }
  return (
    <div className="space-y-1">
      <h3 className="text-sm font-semibold text-slate-900">{t('app.workshops.preview.title')}</h3>
      <div aria-live="polite">{status}</div>
      {table}
    </div>
  );
}

import type { inferRouterOutputs } from '@trpc/server';
import { Button } from '../../components/ui/button.tsx';
import { Badge } from '../../components/ui/states.tsx';
import { TableHead } from '../../components/ui/table-head.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useT } from '../../lib/i18n/i18n.tsx';
import type { AppRouter } from '../../trpc.ts';

export type ApiKey = inferRouterOutputs<AppRouter>['immersio']['apiKey']['list']['keys'][number];

/** The keys (cards on a phone, a table wider): name, shown prefix, created by, last used, expiry, revoke. */
export function ApiKeyRows({
  keys,
  timeZone,
  onRevoke,
}: {
  keys: ApiKey[];
  timeZone: string;
  onRevoke: (key: ApiKey) => void;
}) {
  const t = useT();
  const now = Date.now();
  const expiry = (key: ApiKey) =>
    key.expiresAt ? (
      <>
        {formatDateTime(key.expiresAt, timeZone)}
        {key.expiresAt.getTime() <= now ? (
          <span className="ml-2">
            <Badge tone="red">{t('app.apiKeys.rows.expired')}</Badge>
          </span>
        ) : null}
      </>
    ) : (
      t('app.apiKeys.rows.never')
    );
  const used = (key: ApiKey) =>
    key.lastUsedAt ? formatDateTime(key.lastUsedAt, timeZone) : t('app.apiKeys.rows.never');
  const revoke = (key: ApiKey) => (
    <Button
      variant="secondary"
      size="sm"
      aria-label={t('app.apiKeys.rows.revokeLabel', { name: key.name })}
      onClick={() => onRevoke(key)}
    >
      {t('app.apiKeys.rows.revoke')}
    </Button>
  );
  return (
    <>
      {/* A phone gets cards: six columns do not fit. */}
      <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white md:hidden">
        {keys.map((key) => (
          <li key={key.id} className="space-y-2 p-4 text-sm">
            <p className="break-words font-semibold text-slate-900">{key.name}</p>
            <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-slate-700">
              <dt className="text-slate-600">{t('app.apiKeys.rows.key')}</dt>
              <dd className="break-all font-mono">{key.prefix}…</dd>
              <dt className="text-slate-600">{t('app.apiKeys.rows.created')}</dt>
              <dd>
                {t('app.apiKeys.rows.createdBy', {
                  date: formatDateTime(key.createdAt, timeZone),
                  name: key.createdBy.name,
                })}
              </dd>
              <dt className="text-slate-600">{t('app.apiKeys.rows.lastUsed')}</dt>
              <dd>{used(key)}</dd>
              <dt className="text-slate-600">{t('app.apiKeys.rows.expires')}</dt>
              <dd>{expiry(key)}</dd>
            </dl>
            {revoke(key)}
          </li>
        ))}
      </ul>
      <div className="hidden overflow-x-auto rounded-lg border border-slate-200 bg-white md:block">
        <table className="w-full divide-y divide-slate-200 text-sm">
          <caption className="sr-only">{t('app.apiKeys.rows.caption')}</caption>
          <TableHead
            columns={[
              t('app.apiKeys.rows.name'),
              t('app.apiKeys.rows.key'),
              t('app.apiKeys.rows.created'),
              t('app.apiKeys.rows.lastUsed'),
              t('app.apiKeys.rows.expires'),
              { label: t('app.apiKeys.rows.actions'), hidden: true },
            ]}
          />
          <tbody className="divide-y divide-slate-200">
            {keys.map((key) => (
              <tr key={key.id}>
                <th
                  scope="row"
                  className="max-w-56 break-words px-3 py-3 text-left font-medium text-slate-900"
                >
                  {key.name}
                </th>
                <td className="whitespace-nowrap px-3 py-3 font-mono text-slate-700">{key.prefix}…</td>
                <td className="px-3 py-3 text-slate-700">
                  {formatDateTime(key.createdAt, timeZone)}
                  <span className="block text-xs text-slate-600">
                    {t('app.apiKeys.rows.by', { name: key.createdBy.name })}
                  </span>
                </td>
                <td className="px-3 py-3 text-slate-700">{used(key)}</td>
                <td className="px-3 py-3 text-slate-700">{expiry(key)}</td>
                <td className="px-3 py-3 text-right">{revoke(key)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

import { Button } from '../../components/ui/button.tsx';
import { Badge } from '../../components/ui/states.tsx';
import { TableHead } from '../../components/ui/table-head.tsx';
import { formatMoney } from '../../lib/format.ts';
import { useT } from '../../lib/i18n/i18n.tsx';
import type { PassItem } from './types.ts';

/** The school's passes: what each gives, what it covers, how many were sold and are in use. */
export function PassRows({
  passes,
  canManage,
  onEdit,
  onToggleSale,
}: {
  passes: PassItem[];
  canManage: boolean;
  onEdit: (pass: PassItem) => void;
  onToggleSale: (pass: PassItem) => void;
}) {
  const t = useT();
  return (
    <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full text-left text-sm">
        <caption className="sr-only">{t('app.passes.rows.caption')}</caption>
        <TableHead
          columns={[
            t('app.passes.holders.pass'),
            t('app.passes.rows.price'),
            t('app.passes.rows.covers'),
            { label: t('app.passes.rows.sold'), alignRight: true },
            { label: t('app.passes.rows.inUse'), alignRight: true },
            t('app.passes.rows.status'),
            ...(canManage ? [{ label: t('app.passes.actions'), hidden: true }] : []),
          ]}
        />
        <tbody className="divide-y divide-slate-100">
          {passes.map((pass) => (
            <tr key={pass.id}>
              <th scope="row" className="max-w-64 break-words px-3 py-3 text-left font-medium text-slate-900">
                {pass.name}
                <span className="block text-xs font-normal text-slate-600">
                  {t('app.passes.rows.summary', { classes: pass.classes, days: pass.validDays })}
                </span>
              </th>
              <td className="whitespace-nowrap px-3 py-3 tabular-nums">
                {formatMoney(pass.price, pass.currency)}
              </td>
              <td className="max-w-64 px-3 py-3 text-slate-700">
                {pass.workshops === null
                  ? t('app.passes.rows.everyWorkshop')
                  : pass.workshops.map((w) => w.title).join(', ')}
              </td>
              <td className="px-3 py-3 text-right tabular-nums">{pass.sold}</td>
              <td className="px-3 py-3 text-right tabular-nums">{pass.activeHolders}</td>
              <td className="px-3 py-3">
                {pass.status === 'active' ? (
                  <Badge tone="green">{t('app.passes.rows.onSale')}</Badge>
                ) : (
                  <Badge>{t('app.passes.rows.archived')}</Badge>
                )}
              </td>
              {canManage ? (
                <td className="whitespace-nowrap px-3 py-3 text-right">
                  <div className="flex justify-end gap-2">
                    <Button
                      variant="secondary"
                      size="sm"
                      aria-label={t('app.passes.rows.editName', { name: pass.name })}
                      onClick={() => onEdit(pass)}
                    >
                      {t('app.passes.rows.edit')}
                    </Button>
                    <Button
                      variant="secondary"
                      size="sm"
                      aria-label={t(
                        pass.status === 'active'
                          ? 'app.passes.rows.archiveName'
                          : 'app.passes.rows.putBackName',
                        { name: pass.name },
                      )}
                      onClick={() => onToggleSale(pass)}
                    >
                      {t(pass.status === 'active' ? 'app.passes.rows.archive' : 'app.passes.rows.putOnSale')}
                    </Button>
                  </div>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

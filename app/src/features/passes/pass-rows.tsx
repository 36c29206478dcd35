import { Button } from '../../components/ui/button.tsx';
import { Badge } from '../../components/ui/states.tsx';
import { TableHead } from '../../components/ui/table-head.tsx';
import { formatMoney } from '../../lib/format.ts';
import { classCount, type PassItem } from './types.ts';

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
  return (
    <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full text-left text-sm">
        <caption className="sr-only">Passes of this school</caption>
        <TableHead
          columns={[
            'Pass',
            'Price',
            'Covers',
            { label: 'Sold', alignRight: true },
            { label: 'In use', alignRight: true },
            'Status',
            ...(canManage ? [{ label: 'Actions', hidden: true }] : []),
          ]}
        />
        <tbody className="divide-y divide-slate-100">
          {passes.map((pass) => (
            <tr key={pass.id}>
              <th scope="row" className="max-w-64 break-words px-3 py-3 text-left font-medium text-slate-900">
                {pass.name}
                <span className="block text-xs font-normal text-slate-600">
                  {classCount(pass.classes)}, valid{' '}
                  {pass.validDays === 1 ? '1 day' : `${pass.validDays} days`}
                </span>
              </th>
              <td className="whitespace-nowrap px-3 py-3 tabular-nums">
                {formatMoney(pass.price, pass.currency)}
              </td>
              <td className="max-w-64 px-3 py-3 text-slate-700">
                {pass.workshops === null ? 'Every workshop' : pass.workshops.map((w) => w.title).join(', ')}
              </td>
              <td className="px-3 py-3 text-right tabular-nums">{pass.sold}</td>
              <td className="px-3 py-3 text-right tabular-nums">{pass.activeHolders}</td>
              <td className="px-3 py-3">
                {pass.status === 'active' ? <Badge tone="green">On sale</Badge> : <Badge>Archived</Badge>}
              </td>
              {canManage ? (
                <td className="whitespace-nowrap px-3 py-3 text-right">
                  <div className="flex justify-end gap-2">
                    <Button
                      variant="secondary"
                      size="sm"
                      aria-label={`Edit ${pass.name}`}
                      onClick={() => onEdit(pass)}
                    >
                      Edit
                    </Button>
                    <Button
                      variant="secondary"
                      size="sm"
                      aria-label={`${pass.status === 'active' ? 'Archive' : 'Put back on sale'} ${pass.name}`}
                      onClick={() => onToggleSale(pass)}
                    >
                      {pass.status === 'active' ? 'Archive' : 'Put on sale'}
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

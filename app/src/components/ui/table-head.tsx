import { cx } from '../../lib/cx.ts';

export interface Column {
  label: string;
  /** Announced to screen readers only (e.g. an actions column). */
  hidden?: boolean;
  alignRight?: boolean;
  /** Extra classes for the header cell, e.g. `hidden md:table-cell` for a column a phone leaves out. */
  className?: string;
}

/** The header row of the app's tables, one style for all. */
export function TableHead({ columns }: { columns: readonly (string | Column)[] }) {
  return (
    <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase text-slate-700">
      <tr>
        {columns.map((column) => {
          const { label, hidden, alignRight, className } =
            typeof column === 'string' ? { label: column } : column;
          return (
            <th
              key={label}
              scope="col"
              className={cx(
                'whitespace-nowrap px-3 py-2',
                alignRight ? 'text-right' : 'text-left',
                className,
              )}
            >
              {hidden ? <span className="sr-only">{label}</span> : label}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}

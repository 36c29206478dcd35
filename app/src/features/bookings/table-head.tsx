import { cx } from '../../lib/cx.ts';

export interface Column {
  label: string;
  /** Announced to screen readers only (e.g. an actions column). */
  hidden?: boolean;
  alignRight?: boolean;
}

/** The header row of the feature's tables, one style for all. */
export function TableHead({ columns }: { columns: readonly (string | Column)[] }) {
  return (
    <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase text-slate-700">
      <tr>
        {columns.map((column) => {
          const { label, hidden, alignRight } = typeof column === 'string' ? { label: column } : column;
          return (
            <th
              key={label}
              scope="col"
              className={cx('whitespace-nowrap px-3 py-2', alignRight && 'text-right')}
            >
              {hidden ? <span className="sr-only">{label}</span> : label}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}

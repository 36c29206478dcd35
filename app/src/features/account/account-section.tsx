import type { ReactNode } from 'react';

/** The card each of the account page's forms sits in. */
export const ACCOUNT_CARD = 'mt-3 space-y-4 rounded-lg border border-slate-200 bg-white p-4';

/** One part of the account page, named by its heading (`<id>-heading`). */
export function AccountSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="text-lg font-semibold text-slate-900">
        {title}
      </h2>
      {children}
    </section>
  );
}

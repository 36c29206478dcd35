import type { ReactNode } from 'react';
import { useT } from '../../lib/i18n/i18n.tsx';

/** The narrow centred card the signed-out screens share. */
export function AuthLayout({
  title,
  children,
  footer,
}: {
  title: string;
  children: ReactNode;
  footer?: ReactNode;
}) {
  const t = useT();
  return (
    <main className="flex min-h-screen items-start justify-center px-4 py-12 sm:items-center">
      <div className="w-full max-w-md">
        <p className="mb-6 text-center text-lg font-bold text-brand-700">
          <a href="/">{t('app.auth.brand')}</a>
        </p>
        <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <h1 className="mb-5 text-xl font-semibold text-slate-900">{title}</h1>
          {children}
        </div>
        {footer ? <div className="mt-4 text-center text-sm text-slate-700">{footer}</div> : null}
      </div>
    </main>
  );
}

export function FormError({ message }: { message?: string | undefined }) {
  if (!message) return null;
  return (
    <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
      {message}
    </p>
  );
}

/** Good news from the previous step (a changed password, a new school). */
export function FormNotice({ message }: { message: string }) {
  return (
    <p
      role="status"
      className="rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-900"
    >
      {message}
    </p>
  );
}

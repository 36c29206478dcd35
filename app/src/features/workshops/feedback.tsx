import { Link } from '@tanstack/react-router';
import { type ReactNode, useCallback } from 'react';
import { buttonClass } from '../../components/ui/button.tsx';
import { EmptyState } from '../../components/ui/states.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { useErrorText } from '../../lib/i18n/error-text.ts';
import { type AppMessageKey, useT } from '../../lib/i18n/i18n.tsx';

/** A failed action's toast: what failed, and the server's reason in the reader's language. */
export function useToastError(): (title: AppMessageKey, error: unknown) => void {
  const toast = useToast();
  const t = useT();
  const errorText = useErrorText();
  return useCallback(
    (title, error) =>
      toast(t(title), { tone: 'error', description: errorText(error, 'app.workshops.error.tryAgain') }),
    [toast, t, errorText],
  );
}

/** A screen or tab this person may not see, or that does not exist, with a way back to the list. */
export function Unavailable({
  title,
  children,
  back,
}: {
  title: string;
  children: ReactNode;
  back?: boolean;
}) {
  const t = useT();
  return (
    <EmptyState
      title={title}
      action={
        back ? (
          <Link to="/workshops" className={buttonClass('secondary')}>
            {t('app.workshops.feedback.back')}
          </Link>
        ) : null
      }
    >
      {children}
    </EmptyState>
  );
}

/** A box that scrolls inside the page (tables on a phone); focusable so the keyboard can scroll it. */
export function ScrollRegion({
  label,
  className,
  children,
}: {
  label: string;
  className: string;
  children: ReactNode;
}) {
  return (
    <section
      aria-label={label}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus
      tabIndex={0}
      className={`overflow-auto rounded-md border border-slate-200 ${className}`}
    >
      {children}
    </section>
  );
}

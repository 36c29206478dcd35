import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { buttonClass } from '../../components/ui/button.tsx';
import { EmptyState } from '../../components/ui/states.tsx';
import type { useToast } from '../../components/ui/toast.tsx';

/** A failed action's toast: what failed, and the server's reason. */
export function toastError(toast: ReturnType<typeof useToast>, title: string, error: unknown) {
  toast(title, { tone: 'error', description: error instanceof Error ? error.message : undefined });
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
  return (
    <EmptyState
      title={title}
      action={
        back ? (
          <Link to="/workshops" className={buttonClass('secondary')}>
            Back to workshops
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

import * as RadixToast from '@radix-ui/react-toast';
import { useT } from '../../lib/i18n/i18n.tsx';

export type Tone = 'success' | 'error' | 'info';

export interface ToastItem {
  id: number;
  title: string;
  description?: string | undefined;
  tone: Tone;
}

/** The toasts on screen and their live region (Radix: announced, swipe or Escape to dismiss). */
export default function ToastList({
  items,
  onDismiss,
}: {
  items: ToastItem[];
  onDismiss: (id: number) => void;
}) {
  const t = useT();
  return (
    <RadixToast.Provider swipeDirection="right" duration={5000}>
      {items.map((item) => (
        <RadixToast.Root
          key={item.id}
          type={item.tone === 'error' ? 'foreground' : 'background'}
          onOpenChange={(open) => {
            if (!open) onDismiss(item.id);
          }}
          className={`rounded-md border p-3 shadow-lg ${item.tone === 'error' ? 'border-red-300 bg-red-50 text-red-900' : 'border-slate-200 bg-white text-slate-900'}`}
        >
          <RadixToast.Title className="text-sm font-semibold">{item.title}</RadixToast.Title>
          {item.description ? (
            <RadixToast.Description className="mt-1 text-sm">{item.description}</RadixToast.Description>
          ) : null}
          <RadixToast.Close
            className="absolute right-2 top-2 text-xs text-slate-600"
            aria-label={t('app.ui.dismiss')}
          >
            ✕
          </RadixToast.Close>
        </RadixToast.Root>
      ))}
      <RadixToast.Viewport className="fixed bottom-4 right-4 z-[60] flex w-80 max-w-[calc(100vw-2rem)] flex-col gap-2 [&>li]:relative" />
    </RadixToast.Provider>
  );
}

import * as RadixToast from '@radix-ui/react-toast';
import { createContext, type ReactNode, useCallback, useContext, useState } from 'react';

type Tone = 'success' | 'error' | 'info';
interface ToastItem {
  id: number;
  title: string;
  description?: string | undefined;
  tone: Tone;
}

const ToastContext = createContext<(title: string, options?: { description?: string; tone?: Tone }) => void>(
  () => {},
);

/** `const toast = useToast(); toast('Saved')`: a polite, dismissible notice (Radix toast). */
export function useToast() {
  return useContext(ToastContext);
}

let nextId = 1;

export function ToastProvider({ children }: { children: ReactNode }) {
  const [items, setItems] = useState<ToastItem[]>([]);
  const show = useCallback((title: string, options?: { description?: string; tone?: Tone }) => {
    setItems((list) => [
      ...list,
      { id: nextId++, title, description: options?.description, tone: options?.tone ?? 'success' },
    ]);
  }, []);
  return (
    <ToastContext.Provider value={show}>
      <RadixToast.Provider swipeDirection="right" duration={5000}>
        {children}
        {items.map((item) => (
          <RadixToast.Root
            key={item.id}
            type={item.tone === 'error' ? 'foreground' : 'background'}
            onOpenChange={(open) => {
              if (!open) setItems((list) => list.filter((t) => t.id !== item.id));
            }}
            className={`rounded-md border p-3 shadow-lg ${item.tone === 'error' ? 'border-red-300 bg-red-50 text-red-900' : 'border-slate-200 bg-white text-slate-900'}`}
          >
            <RadixToast.Title className="text-sm font-semibold">{item.title}</RadixToast.Title>
            {item.description ? (
              <RadixToast.Description className="mt-1 text-sm">{item.description}</RadixToast.Description>
            ) : null}
            <RadixToast.Close className="absolute right-2 top-2 text-xs text-slate-600" aria-label="Dismiss">
              ✕
            </RadixToast.Close>
          </RadixToast.Root>
        ))}
        <RadixToast.Viewport className="fixed bottom-4 right-4 z-[60] flex w-80 max-w-[calc(100vw-2rem)] flex-col gap-2 [&>li]:relative" />
      </RadixToast.Provider>
    </ToastContext.Provider>
  );
}

import { createContext, lazy, type ReactNode, Suspense, useCallback, useContext, useState } from 'react';
import type { ToastItem, Tone } from './toast-list.tsx';

const ToastContext = createContext<(title: string, options?: { description?: string; tone?: Tone }) => void>(
  () => {},
);

// Radix's toast code is loaded with the first toast, not with every screen.
const ToastList = lazy(() => import('./toast-list.tsx'));

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
  const dismiss = useCallback((id: number) => setItems((list) => list.filter((t) => t.id !== id)), []);
  const [used, setUsed] = useState(false);
  if (items.length > 0 && !used) setUsed(true);
  return (
    <ToastContext.Provider value={show}>
      {children}
      {used ? (
        <Suspense fallback={null}>
          <ToastList items={items} onDismiss={dismiss} />
        </Suspense>
      ) : null}
    </ToastContext.Provider>
  );
}

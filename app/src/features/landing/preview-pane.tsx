import { useEffect, useState } from 'react';
import { cx } from '../../lib/cx.ts';
import { useT } from '../../lib/i18n/i18n.tsx';
import type { LandingUpdate } from './landing-form-model.ts';
import { PreviewFrame } from './preview-frame.tsx';

const WIDTHS = { desktop: 1280, phone: 375 } as const;
type Device = keyof typeof WIDTHS;

/** The pane's size, followed as the window (or the layout) changes. */
function useSize(element: HTMLElement | null) {
  const [size, setSize] = useState({ width: 0, height: 0 });
  useEffect(() => {
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setSize({ width: entry.contentRect.width, height: entry.contentRect.height });
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [element]);
  return size;
}

/**
 * The main preview, as a visitor's wide screen (1280 CSS pixels, scaled down to the pane) or
 * phone (375) shows it: the page's own responsive layout, never an imitation of it.
 */
export function PreviewPane({ draft, problem }: { draft: LandingUpdate | null; problem: string | null }) {
  const t = useT();
  const [device, setDevice] = useState<Device>('desktop');
  const [pane, setPane] = useState<HTMLDivElement | null>(null);
  const size = useSize(pane);
  const width = WIDTHS[device];
  const scale = size.width > 0 ? Math.min(1, size.width / width) : 1;
  return (
    <section aria-labelledby="preview-heading" className="min-w-0 xl:sticky xl:top-4 xl:self-start">
      <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
        <h2 id="preview-heading" className="text-base font-semibold text-slate-900">
          {t('app.landing.preview.title')}
        </h2>
        <fieldset className="flex gap-1 text-sm">
          <legend className="sr-only">{t('app.landing.preview.width')}</legend>
          {(Object.keys(WIDTHS) as Device[]).map((d) => (
            <label
              key={d}
              className={cx(
                'cursor-pointer rounded-md border px-2 py-1 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-600',
                d === device
                  ? 'border-brand-600 bg-brand-50 text-brand-800'
                  : 'border-slate-300 text-slate-700',
              )}
            >
              <input
                type="radio"
                name="preview-device"
                className="sr-only"
                checked={d === device}
                onChange={() => setDevice(d)}
              />
              {d === 'desktop' ? t('app.landing.preview.desktop') : t('app.landing.preview.phone')}
            </label>
          ))}
        </fieldset>
      </div>
      <p className="mb-2 text-xs text-slate-600" role="status">
        {problem ? t('app.landing.preview.paused', { problem }) : t('app.landing.preview.unsaved')}
      </p>
      <div
        ref={setPane}
        className="relative h-[80vh] min-h-96 overflow-hidden rounded-lg border border-slate-300 bg-slate-100"
      >
        <div
          className="absolute top-0 h-full"
          style={{ width: width * scale, left: Math.max(0, (size.width - width * scale) / 2) }}
        >
          <PreviewFrame
            draft={draft}
            title={t('app.landing.preview.frameTitle')}
            name="landing-preview"
            frameClassName="origin-top-left"
            frameStyle={{
              width,
              height: size.height > 0 ? size.height / scale : '100%',
              transform: scale < 1 ? `scale(${scale})` : undefined,
            }}
          />
        </div>
      </div>
    </section>
  );
}

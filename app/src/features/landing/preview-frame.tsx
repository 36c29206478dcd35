import { type CSSProperties, useCallback, useEffect, useRef, useState } from 'react';
import { cx } from '../../lib/cx.ts';
import { useT } from '../../lib/i18n/i18n.tsx';
import type { LandingUpdate } from './landing-form-model.ts';

/** The server's preview route: the real landing templates drawn from unsaved settings. */
export const PREVIEW_PATH = '/api/v1/staff/landing/preview';

interface FrameState {
  id: number;
  draft: string;
  loaded: boolean;
}

let nextId = 1;

/**
 * The school's landing page as the server renders it from `draft`, never drawn in React: each
 * new draft is posted (a form aimed at a fresh iframe, so the answer arrives with the page's own
 * CSP) into a frame that stays hidden until it has loaded, then takes the old one's place and
 * scroll position. A fresh iframe's first navigation replaces its blank page, so previews leave
 * no entries in the browser's history.
 */
export function PreviewFrame({
  draft,
  title,
  name,
  frameClassName,
  frameStyle,
  inert = false,
}: {
  /** The settings to draw; null keeps the last preview (the form has an invalid value). */
  draft: LandingUpdate | null;
  title: string;
  /** Unique on the page: names the frames the forms are aimed at. */
  name: string;
  frameClassName?: string;
  frameStyle?: CSSProperties;
  /** A thumbnail: shown, never focused or read out (its picker label says what it is). */
  inert?: boolean;
}) {
  const t = useT();
  const [frames, setFrames] = useState<FrameState[]>([]);
  const elements = useRef(new Map<number, HTMLIFrameElement>());
  const json = draft ? JSON.stringify(draft) : null;

  useEffect(() => {
    if (json === null) return;
    // Keep the frame on screen; a newer draft replaces one still loading.
    setFrames((list) => [
      ...list.filter((f) => f.loaded).slice(-1),
      { id: nextId++, draft: json, loaded: false },
    ]);
  }, [json]);

  const current = useRef(frames);
  current.current = frames;

  const onLoaded = useCallback((id: number) => {
    const frame = elements.current.get(id);
    // The blank page an iframe starts with loads too: only the posted answer counts.
    if (!frame?.contentWindow || frame.contentWindow.location.href === 'about:blank') return;
    const shown = current.current.filter((f) => f.loaded && f.id < id).at(-1);
    const previous = shown ? elements.current.get(shown.id)?.contentWindow : undefined;
    if (previous) frame.contentWindow.scrollTo(previous.scrollX, previous.scrollY);
    setFrames((list) =>
      list.filter((f) => f.id >= id).map((f) => (f.id === id ? { ...f, loaded: true } : f)),
    );
  }, []);

  const shownId = frames.filter((f) => f.loaded).at(-1)?.id;
  const loading = frames.some((f) => !f.loaded);
  return (
    <div className="relative h-full w-full">
      {frames.map((f) => (
        <PostedFrame
          key={f.id}
          id={f.id}
          name={`${name}-${f.id}`}
          draft={f.draft}
          title={f.id === shownId ? title : t('app.landing.preview.updating', { title })}
          shown={f.id === shownId}
          inert={inert}
          className={frameClassName}
          style={frameStyle}
          register={(el) => {
            if (el) elements.current.set(f.id, el);
            else elements.current.delete(f.id);
          }}
          onLoaded={onLoaded}
        />
      ))}
      {shownId === undefined ? (
        <p className="absolute inset-0 flex items-center justify-center text-sm text-slate-600">
          {loading ? t('app.landing.preview.loading') : t('app.landing.preview.none')}
        </p>
      ) : null}
    </div>
  );
}

function PostedFrame({
  id,
  name,
  draft,
  title,
  shown,
  inert,
  className,
  style,
  register,
  onLoaded,
}: {
  id: number;
  name: string;
  draft: string;
  title: string;
  shown: boolean;
  inert: boolean;
  className?: string | undefined;
  style?: CSSProperties | undefined;
  register: (el: HTMLIFrameElement | null) => void;
  onLoaded: (id: number) => void;
}) {
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    form.current?.submit();
  }, []);
  const hidden = !shown || inert;
  return (
    <>
      <form ref={form} method="post" action={PREVIEW_PATH} target={name} hidden>
        <input type="hidden" name="draft" value={draft} />
      </form>
      <iframe
        ref={register}
        name={name}
        title={title}
        tabIndex={hidden ? -1 : undefined}
        aria-hidden={hidden || undefined}
        onLoad={() => onLoaded(id)}
        style={style}
        className={cx(
          'absolute left-0 top-0 border-0 bg-white',
          shown ? 'visible' : 'invisible',
          className ?? 'h-full w-full',
        )}
      />
    </>
  );
}

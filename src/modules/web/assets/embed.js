/*! Immersio Booking embed v1: <script src="…/embed.js" data-tenant="your-school" [data-workshop="slug"] [data-mode="inline|popup"] [data-lang="en"] async></script> */
// Inline: the school's catalogue, or one workshop, in a frame where the script stands, as tall as
// its content. Popup: any element with `data-ibs-book` (its value a workshop's slug, or empty for
// the catalogue) opens the booking in a dialog. The frame posts `ibs:resize` and
// `ibs:booking-created` to this page (listen for `message` events, or for the same names as
// events on `window`, their data in `detail`).
(() => {
  const BASE = '__IBS_BASE__';
  const ORIGIN = new URL(BASE).origin;
  const script = document.currentScript;
  if (!script) return;
  const options = script.dataset;
  if (!options.tenant) {
    console.warn('Immersio Booking: the embed script needs data-tenant="your-school"');
    return;
  }
  const frames = new Set();

  const address = (workshop) => {
    const url = new URL(`${BASE}/${encodeURIComponent(options.tenant)}`);
    url.searchParams.set('embed', '1');
    if (workshop) url.searchParams.set('workshop', workshop);
    if (options.lang) url.searchParams.set('lang', options.lang);
    return url.href;
  };

  const frame = (workshop, height) => {
    const iframe = document.createElement('iframe');
    iframe.src = address(workshop);
    iframe.title = options.title || 'Book a class';
    iframe.style.cssText = `display:block;width:100%;min-width:280px;border:0;height:${height}px`;
    // Every page the frame loads (it navigates as the visitor books) is greeted anew.
    iframe.addEventListener('load', () =>
      iframe.contentWindow?.postMessage({ type: 'ibs:hello', version: 1 }, ORIGIN),
    );
    frames.add(iframe);
    return iframe;
  };

  window.addEventListener('message', (event) => {
    if (event.origin !== ORIGIN) return;
    const data = event.data;
    if (!data || typeof data.type !== 'string' || !data.type.startsWith('ibs:')) return;
    const iframe = [...frames].find((f) => f.contentWindow === event.source);
    if (!iframe) return;
    if (data.type === 'ibs:resize' && Number.isFinite(data.height)) iframe.style.height = `${data.height}px`;
    window.dispatchEvent(new CustomEvent(data.type, { detail: data }));
  });

  if (options.mode !== 'popup') {
    script.after(frame(options.workshop, 640));
    return;
  }

  const dialog = document.createElement('dialog');
  dialog.setAttribute('aria-label', options.title || 'Book a class');
  dialog.style.cssText =
    'width:min(48rem,calc(100vw - 2rem));max-height:calc(100vh - 2rem);padding:0;border:0;border-radius:12px;overflow:auto;box-shadow:0 1rem 3rem rgba(0,0,0,.3)';
  const close = document.createElement('button');
  close.type = 'button';
  close.textContent = '×';
  close.setAttribute('aria-label', options.closeLabel || 'Close');
  close.style.cssText =
    'position:sticky;top:.5rem;float:right;margin:.5rem;width:44px;height:44px;border:0;border-radius:50%;background:#fff;color:#1b1f24;font:1.75rem/1 sans-serif;cursor:pointer;z-index:1';
  close.addEventListener('click', () => dialog.close());
  dialog.addEventListener('click', (event) => {
    if (event.target === dialog) dialog.close();
  });
  dialog.addEventListener('close', () => {
    for (const f of dialog.querySelectorAll('iframe')) frames.delete(f);
    dialog.replaceChildren(close);
  });
  dialog.append(close);
  (document.body || document.documentElement).append(dialog);

  document.addEventListener('click', (event) => {
    const trigger = event.target instanceof Element ? event.target.closest('[data-ibs-book]') : null;
    if (!trigger) return;
    event.preventDefault();
    dialog.replaceChildren(close, frame(trigger.getAttribute('data-ibs-book') || options.workshop, 480));
    dialog.showModal();
  });
})();

// A page of the service shown inside a school's own website through embed.js (issue 20). It keeps
// the visitor in the frame (links and forms carry `embed=1`), sends what must leave the frame to
// the top (Stripe Checkout cannot be framed; other sites open over the school's page), and talks
// to the host page: `ibs:resize` whenever the page's height changes, and the page's events (a
// booking made) once. It posts only to the host that said `ibs:hello`, and only when that origin
// is one the school lists: the browser vouches for `event.origin`, and a manage link never goes
// to a site the school did not name.
(() => {
  const meta = document.querySelector('meta[name="ibs-embed"]');
  if (!meta || window.parent === window) return;
  const allowed = meta.content.split(' ').filter(Boolean);
  const here = window.location.origin;
  let host = null;
  let events = [];
  try {
    events = JSON.parse(document.getElementById('ibs-events')?.textContent || '[]');
  } catch {
    events = [];
  }

  const keep = (url) => {
    url.searchParams.set('embed', '1');
    return url.href;
  };
  const samePage = (url) =>
    url.pathname === window.location.pathname && url.search === window.location.search;
  for (const link of document.querySelectorAll('a[href]')) {
    const url = new URL(link.getAttribute('href'), window.location.href);
    // `data-top`: a round trip through another site (Sign in with Immersio) that cannot run framed.
    if (url.origin !== here || link.hasAttribute('data-top')) link.target = '_top';
    else if (!samePage(url) && !link.hasAttribute('download')) link.href = keep(url);
  }
  for (const form of document.querySelectorAll('form')) {
    if (form.hasAttribute('data-checkout')) form.target = '_top';
    if (form.method === 'get') {
      const input = document.createElement('input');
      input.type = 'hidden';
      input.name = 'embed';
      input.value = '1';
      form.append(input);
    } else {
      form.action = keep(new URL(form.getAttribute('action') || window.location.href, window.location.href));
    }
  }

  const post = (message) => {
    if (host) window.parent.postMessage({ version: 1, ...message }, host);
  };
  const height = () => Math.ceil(document.documentElement.getBoundingClientRect().height);
  let sent = 0;
  const resize = () => {
    const now = height();
    if (now === sent) return;
    sent = now;
    post({ type: 'ibs:resize', height: now });
  };
  new ResizeObserver(resize).observe(document.documentElement);

  window.addEventListener('message', (event) => {
    if (event.source !== window.parent || !allowed.includes(event.origin)) return;
    if (event.data?.type !== 'ibs:hello') return;
    const first = host === null;
    host = event.origin;
    sent = 0;
    resize();
    if (first) for (const message of events) post(message);
  });
})();

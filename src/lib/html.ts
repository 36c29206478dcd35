const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ESCAPES[char]!);
}

/**
 * The one HTML document shell of every server-rendered page: the public web's pages
 * (src/modules/web/layout.ts adds its CSP-hashed style, script and meta tags in `head`) and the
 * plain pages outside it (`page` below: invitations, sign-in errors).
 */
export function htmlDocument(doc: {
  title: string;
  /** Trusted HTML after the title. */
  head: string;
  /** Trusted HTML. */
  body: string;
  lang?: string | undefined;
  bodyClass?: string | undefined;
}): string {
  const bodyClass = doc.bodyClass ? ` class="${escapeHtml(doc.bodyClass)}"` : '';
  return `<!doctype html><html lang="${escapeHtml(doc.lang ?? 'en')}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(doc.title)}</title>${doc.head}</head><body${bodyClass}>${doc.body}</body></html>`;
}

/** Headers for server-rendered pages: no inline script or style, so the policy forbids both. */
export const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy':
    "default-src 'none'; style-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

export const BASE_CSS = `body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f6f7f9;color:#1d2330}
main{max-width:28rem;margin:3rem auto;padding:2rem;background:#fff;border-radius:12px;box-shadow:0 1px 4px #0002}
h1{font-size:1.4rem;margin-top:0}label{display:block;margin:1rem 0 .25rem;font-weight:600}
input{width:100%;box-sizing:border-box;padding:.6rem;border:1px solid #b8bfcc;border-radius:8px;font:inherit}
button{margin-top:1.5rem;width:100%;padding:.7rem;border:0;border-radius:8px;background:#0b5cd5;color:#fff;font:inherit;font-weight:600;cursor:pointer}
.error{color:#a4001d;background:#fdecef;padding:.6rem;border-radius:8px}.muted{color:#5a6270}`;

/** A plain page outside the public web (BASE_CSS, served at /assets/base.css): `body` is trusted HTML. */
export function page(title: string, body: string): string {
  return htmlDocument({
    title,
    head: '<link rel="stylesheet" href="/assets/base.css">',
    body: `<main>${body}</main>`,
  });
}

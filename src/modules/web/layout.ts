import { createHash } from 'node:crypto';
import { escapeHtml, htmlDocument } from '../../lib/html.ts';
import type { EmbedFrame } from './embed/embed-frame.ts';
import { embedFrameScriptPath, SITE_CSS, siteScriptPath } from './static-assets.ts';

export interface OpenGraph {
  type: 'website' | 'article' | 'product';
  title: string;
  description?: string | null | undefined;
  url: string;
  image?: string | null | undefined;
  siteName?: string | undefined;
}

export interface PageDocument {
  title: string;
  description?: string | null | undefined;
  /** Absolute URL of the page's canonical address. */
  canonicalUrl?: string | undefined;
  /** Private pages (manage links, previews) are never indexed. */
  noindex?: boolean | undefined;
  openGraph?: OpenGraph | undefined;
  /** schema.org data, serialised into a JSON-LD block (a data block: CSP does not run it). */
  jsonLd?: unknown;
  /** Page-specific CSS after the shared sheet (theme variables, template rules). */
  css?: string | undefined;
  bodyClass?: string | undefined;
  /** Trusted HTML: every tenant- or user-provided value in it went through escapeHtml. */
  body: string;
  /**
   * Images worth fetching before the parser finds them (the hero, for LCP); `media` limits a
   * preload to the screens where the image's srcset picks that very file.
   */
  preloadImages?: Array<string | { href: string; media: string }> | undefined;
  lang?: string | undefined;
  /** hreflang alternates and the language switcher (issue 18; page-language.ts builds them). */
  languages?: { alternates: Array<{ hreflang: string; href: string }>; switcher: string } | undefined;
  /** Leave out site.js: pages behind a secret link, whose times are already in the reader's zone. */
  script?: boolean | undefined;
  /** Shown inside a school's website (issue 20): no header or footer, framed only by its origins. */
  embed?: EmbedFrame | undefined;
}

export interface CspOptions {
  /** Origins forms may be submitted to (and redirected to), besides this one: Stripe Checkout. */
  formActions?: string[] | undefined;
  /** Origins that may frame the page (the embed variant's); none otherwise. */
  frameAncestors?: string[] | undefined;
}

/** A finished page: its bytes, validator and the CSP that admits exactly its one inline style. */
export interface RenderedPage {
  html: Buffer;
  etag: string;
  csp: string;
  /** Compressed copies by encoding, made on first use (a cached page is compressed once). */
  encoded: Map<string, Buffer>;
  /** The embed variant: framed by the school's sites, so it sends no `X-Frame-Options: DENY`. */
  embedded?: boolean;
}

/**
 * The whole document. All CSS is inlined in one `<style>` admitted by its hash (no render-blocking
 * request, no 'unsafe-inline'); the one script is external, same-origin and deferred.
 */
export function renderPage(doc: PageDocument, csp: CspOptions = {}): RenderedPage {
  const css = doc.css ? `${SITE_CSS}\n${doc.css}` : SITE_CSS;
  const styleHash = createHash('sha256').update(css).digest('base64');
  const head = [
    doc.description ? `<meta name="description" content="${escapeHtml(doc.description)}">` : '',
    doc.noindex ? '<meta name="robots" content="noindex">' : '',
    doc.canonicalUrl ? `<link rel="canonical" href="${escapeHtml(doc.canonicalUrl)}">` : '',
    ...(doc.languages?.alternates ?? []).map(
      (alt) => `<link rel="alternate" hreflang="${escapeHtml(alt.hreflang)}" href="${escapeHtml(alt.href)}">`,
    ),
    openGraphTags(doc.openGraph),
    ...(doc.preloadImages ?? []).map((image) => {
      const { href, media } = typeof image === 'string' ? { href: image, media: undefined } : image;
      const only = media ? ` media="${escapeHtml(media)}"` : '';
      return `<link rel="preload" as="image" href="${escapeHtml(href)}" fetchpriority="high"${only}>`;
    }),
    `<style>${css}</style>`,
    doc.script === false ? '' : `<script src="${siteScriptPath}" defer></script>`,
    doc.embed ? embedHead(doc.embed) : '',
    doc.jsonLd === undefined
      ? ''
      : `<script type="application/ld+json">${jsonForScript(doc.jsonLd)}</script>`,
  ].join('');
  const html = Buffer.from(
    htmlDocument({
      title: doc.title,
      head,
      // The switcher closes the page, after the footer: the skip link stays the first stop.
      body: `${doc.body}${doc.languages?.switcher ?? ''}`,
      lang: doc.lang,
      bodyClass: doc.embed ? `${doc.bodyClass ?? ''} embedded`.trim() : doc.bodyClass,
    }),
  );
  return {
    html,
    etag: `"${createHash('sha1').update(html).digest('base64url')}"`,
    csp: contentSecurityPolicy(styleHash, { ...csp, frameAncestors: doc.embed?.origins }),
    encoded: new Map(),
    ...(doc.embed && { embedded: true }),
  };
}

/**
 * The frame script and what it reads: the origins it may post to, and the events to post. Both
 * are data (a meta tag, a JSON block), never code, so the CSP admits only the same-origin script.
 */
function embedHead(embed: EmbedFrame): string {
  const events = embed.events?.length
    ? `<script type="application/json" id="ibs-events">${jsonForScript(embed.events)}</script>`
    : '';
  return `<meta name="ibs-embed" content="${escapeHtml(embed.origins.join(' '))}">${events}<script src="${embedFrameScriptPath}" defer></script>`;
}

export function contentSecurityPolicy(styleHash: string, options: CspOptions): string {
  const formAction = ["'self'", ...(options.formActions ?? [])].join(' ');
  return [
    "default-src 'none'",
    "script-src 'self'",
    `style-src 'sha256-${styleHash}'`,
    // Uploaded images are same-origin; a school may also point at images on its own https site.
    "img-src 'self' https: data:",
    "connect-src 'self'",
    `form-action ${formAction}`,
    "base-uri 'none'",
    options.frameAncestors?.length
      ? `frame-ancestors ${options.frameAncestors.join(' ')}`
      : "frame-ancestors 'none'",
  ].join('; ');
}

function openGraphTags(og: OpenGraph | undefined): string {
  if (!og) return '';
  const tags: Array<[string, string | null | undefined]> = [
    ['og:type', og.type],
    ['og:title', og.title],
    ['og:description', og.description],
    ['og:url', og.url],
    ['og:image', og.image],
    ['og:site_name', og.siteName],
  ];
  const twitter = `<meta name="twitter:card" content="${og.image ? 'summary_large_image' : 'summary'}">`;
  return (
    tags
      .filter(([, value]) => value)
      .map(([property, value]) => `<meta property="${property}" content="${escapeHtml(value!)}">`)
      .join('') + twitter
  );
}

/**
 * JSON inside `<script>`: `<` is escaped so a value containing `</script>` cannot end the block,
 * and the line separators JavaScript once treated as newlines are escaped too.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

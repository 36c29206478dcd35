import { escapeHtml } from '../../../lib/html.ts';
import type { Translator } from '../../../lib/i18n/translator.ts';
import { ENGLISH_TR, locationTextIn } from './email-language.ts';
import { safeHttpUrl } from './email-sanitize.ts';
import type { BookingLocation } from './email-types.ts';

// The HTML of the booking e-mails: one small layout with inline styles and no external resources.
// Every value is escaped here; only http(s) URLs become links.

export interface Detail {
  label: string;
  text: string;
  /** Turns the value into a link when it is an http(s) URL. */
  href?: string | undefined;
}

/** The "Where" row: the place in words, a link when online. */
export function whereDetail(location: BookingLocation, tr: Translator = ENGLISH_TR): Detail {
  return {
    label: tr.t('email.label.where'),
    text: locationTextIn(tr, location),
    href: location.type === 'in_person' ? undefined : location.value,
  };
}

/** The price row of several sessions bought at once: `total` (null when free) for `count` sessions. */
export function sessionsPriceDetail(
  total: string | null,
  count: number,
  tr: Translator = ENGLISH_TR,
): Detail {
  return total
    ? { label: tr.t('email.label.paid'), text: tr.t('email.sessionsPrice', { total, count }) }
    : { label: tr.t('email.label.price'), text: tr.t('common.free') };
}

export function detailsText(details: Detail[]): string[] {
  return details.map((d) => `${d.label}: ${d.text.replace(/\n/g, '\n  ')}`);
}

export function detailsHtml(details: Detail[]): string {
  const rows = details
    .map((d) => {
      const url = d.href ? safeHttpUrl(d.href) : null;
      const value = url ? anchor(url, d.text) : multilineHtml(d.text);
      return `<tr><td style="padding:4px 16px 4px 0;color:#5a6270;vertical-align:top;white-space:nowrap">${escapeHtml(d.label)}</td><td style="padding:4px 0;vertical-align:top">${value}</td></tr>`;
    })
    .join('');
  return `<table role="presentation" style="border-collapse:collapse;margin:0 0 16px">${rows}</table>`;
}

export const P_STYLE = 'margin:0 0 16px';
export const H2_STYLE = 'font-size:16px;margin:24px 0 8px';
export const MUTED = 'color:#5a6270;font-size:14px';

export function para(text: string, style?: string): string {
  return `<p style="${P_STYLE}${style ? `;${style}` : ''}">${multilineHtml(text)}</p>`;
}

/** A headed list (`ol` numbers it); its items are HTML already. */
export function listSection(heading: string, itemsHtml: string[], list: 'ul' | 'ol' = 'ul'): string {
  const items = itemsHtml.map((item) => `<li>${item}</li>`).join('');
  return `<h2 style="${H2_STYLE}">${escapeHtml(heading)}</h2><${list} style="margin:0 0 16px;padding-left:20px">${items}</${list}>`;
}

export function multilineHtml(text: string): string {
  return escapeHtml(text).replace(/\n/g, '<br>');
}

export function anchor(href: string, label: string): string {
  const url = safeHttpUrl(href);
  if (!url) return escapeHtml(label);
  return `<a href="${escapeHtml(url)}" style="color:#0b5cd5">${escapeHtml(label)}</a>`;
}

export function button(href: string, label: string): string {
  const url = safeHttpUrl(href);
  if (!url) return para(`${label}: ${href}`);
  return `<p style="margin:24px 0"><a href="${escapeHtml(url)}" style="display:inline-block;padding:10px 18px;background:#0b5cd5;color:#ffffff;text-decoration:none;border-radius:8px;font-weight:600">${escapeHtml(label)}</a></p>`;
}

/** The page around an e-mail's HTML; `lang` is the reader's language (the text's, not the school's). */
export function emailLayout(heading: string, content: string, lang = 'en'): string {
  return (
    `<!doctype html><html lang="${escapeHtml(lang)}"><head><meta charset="utf-8">` +
    '<meta name="viewport" content="width=device-width,initial-scale=1">' +
    `<title>${escapeHtml(heading)}</title></head>` +
    '<body style="margin:0;padding:24px 12px;background:#f6f7f9;color:#1d2330;font:16px/1.5 system-ui,-apple-system,\'Segoe UI\',Roboto,sans-serif">' +
    '<div style="max-width:560px;margin:0 auto;padding:24px;background:#ffffff;border-radius:12px">' +
    `<h1 style="font-size:20px;margin:0 0 16px">${escapeHtml(heading)}</h1>${content}</div></body></html>`
  );
}

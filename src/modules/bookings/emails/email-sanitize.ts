import { singleLine } from '../../../lib/single-line.ts';
import { webUrl } from '../../../lib/web-url.ts';

// What a user typed (titles, names, addresses, reasons), made fit for an e-mail: one line where a
// line is expected, line breaks kept only in free text, no control characters anywhere.

/** Keeps line breaks (normalised to \n) and drops other control characters. */
export function multiLine(value: string): string {
  return value
    .toWellFormed()
    .replace(/\r\n|[\r\u0085\u2028\u2029]/g, '\n')
    .replace(/[^\P{Cc}\n\t]/gu, '')
    .replace(/[ \t]+\n/g, '\n')
    .trim();
}

export function subject(value: string): string {
  return singleLine(value);
}

export function address(email: string): string {
  return email.replace(/[\p{Cc}\s]/gu, '');
}

/** The URL if it is an absolute http(s) URL, otherwise null (no `javascript:` links). */
export function safeHttpUrl(value: string): string | null {
  return webUrl(singleLine(value));
}

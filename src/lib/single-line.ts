/**
 * One line of text for a subject, a heading, a meta tag or a calendar field: control characters
 * and line separators become spaces, runs of white space one space, and the ends are trimmed.
 * Lone surrogates become U+FFFD, as they would when the text is encoded as UTF-8 anyway.
 */
export function singleLine(value: string): string {
  return value
    .toWellFormed()
    .replace(/[\p{Cc}\u2028\u2029]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

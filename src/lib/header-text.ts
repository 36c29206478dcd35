/**
 * Bidirectional controls (LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI, ALM, LRM, RLM): in an
 * attendee's name they would reorder the rest of a subject line ("Trojan Source" spoofing:
 * "Refund for ‮gnp.exe" shows as "Refund for exe.png").
 */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Text fit for one header line (an e-mail subject): no controls, no line breaks, no bidi overrides. */
export function headerText(value: string): string {
  return value
    .replace(BIDI_CONTROLS, '')
    .replace(/[\p{Cc}\u2028\u2029]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

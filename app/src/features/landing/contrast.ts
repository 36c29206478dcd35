// WCAG 2 contrast for the colours a school picks, to warn before the page is seen. The page itself
// stays readable whatever is picked (the server darkens a colour used as text and adjusts a fill
// until its text reads); the warning says the page will not show exactly the colour chosen.

const HEX = /^#([0-9a-f]{6})$/i;
export const WHITE = '#FFFFFF';
/** The near-black the page writes on light fills (theme.ts on the server). */
export const DARK_INK = '#111418';
/** WCAG 2 AA for normal text. */
export const MIN_RATIO = 4.5;

/** Relative luminance of a `#RRGGBB` colour, or null for anything else. */
export function luminance(hex: string): number | null {
  const match = HEX.exec(hex.trim());
  if (!match) return null;
  const digits = match[1]!;
  const [r, g, b] = [0, 2, 4].map((i) => {
    const s = Number.parseInt(digits.slice(i, i + 2), 16) / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The contrast ratio of two `#RRGGBB` colours (1 to 21), or null if either is not one. */
export function contrastRatio(a: string, b: string): number | null {
  const la = luminance(a);
  const lb = luminance(b);
  if (la === null || lb === null) return null;
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

export interface ContrastWarning {
  /** Which pair: `primary-text` is the colour as text on the white page, `primary-fill` text on it. */
  id: `${'primary' | 'secondary'}-${'text' | 'fill'}`;
  which: 'primary' | 'secondary';
  /** The colour as `#RRGGBB`, upper case. */
  colour: string;
  /** The pair's ratio: the colour on white (`text`), or the better of white or dark text on it (`fill`). */
  ratio: number;
}

/**
 * Rounded down, so 4.49 never shows as "4.5:1" next to "below 4.5:1"; digits in `locale` (the
 * screen passes intlLocale(): this module stays free of the app's i18n for its unit test).
 */
export function formatRatio(ratio: number, locale?: string): string {
  const digits = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return `${digits.format(Math.floor(ratio * 10) / 10)}:1`;
}

/**
 * The pairs the landing templates draw with each colour, below 4.5:1: the colour as text or links
 * on the white page, and white or near-black text (whichever reads better) on the colour as a fill.
 * Invalid or missing colours give no warning (the form says what is wrong with them).
 */
export function contrastWarnings(colours: {
  primaryColor: string;
  secondaryColor?: string | null | undefined;
}): ContrastWarning[] {
  const warnings: ContrastWarning[] = [];
  const pairs = [
    ['primary', colours.primaryColor],
    ['secondary', colours.secondaryColor],
  ] as const;
  for (const [which, colour] of pairs) {
    if (!colour) continue;
    const onWhite = contrastRatio(colour, WHITE);
    const withDark = contrastRatio(colour, DARK_INK);
    if (onWhite === null || withDark === null) continue;
    if (onWhite < MIN_RATIO) {
      warnings.push({ id: `${which}-text`, which, colour: colour.toUpperCase(), ratio: onWhite });
    }
    const best = Math.max(onWhite, withDark);
    if (best < MIN_RATIO) {
      warnings.push({ id: `${which}-fill`, which, colour: colour.toUpperCase(), ratio: best });
    }
  }
  return warnings;
}

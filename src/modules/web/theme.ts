/**
 * A tenant's colours as CSS custom properties, with the text on them chosen for contrast
 * (WCAG 2 relative luminance), so any colour a school picks stays readable.
 */

const FALLBACK = '#1f5fbf';
const HEX = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i;

type Rgb = [number, number, number];

function parse(hex: string | null | undefined): Rgb | null {
  if (!hex || !HEX.test(hex)) return null;
  let digits = hex.slice(1);
  if (digits.length === 3) digits = [...digits].map((d) => d + d).join('');
  return [0, 2, 4].map((i) => Number.parseInt(digits.slice(i, i + 2), 16)) as Rgb;
}

function toHex(rgb: Rgb): string {
  return `#${rgb
    .map((c) =>
      Math.round(Math.min(255, Math.max(0, c)))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

function luminance([r, g, b]: Rgb): number {
  const channel = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

export function contrastRatio(a: string, b: string): number {
  const la = luminance(parse(a) ?? [0, 0, 0]);
  const lb = luminance(parse(b) ?? [0, 0, 0]);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

const DARK_INK = '#111418';
const LIGHT_INK = '#ffffff';

/** The text colour (near-black or white) with the higher contrast on `background`. */
export function inkOn(background: string): string {
  return contrastRatio(background, LIGHT_INK) >= contrastRatio(background, DARK_INK) ? LIGHT_INK : DARK_INK;
}

/** `color` mixed towards black (amount > 0) or white (amount < 0). */
function shade(rgb: Rgb, amount: number): Rgb {
  const target = amount > 0 ? 0 : 255;
  const t = Math.abs(amount);
  return rgb.map((c) => c + (target - c) * t) as Rgb;
}

/**
 * The colour darkened (or lightened) just enough to reach `ratio` against `against`, for brand
 * coloured text and links on a light or dark surface.
 */
export function readableOn(color: string, against: string, ratio = 4.5): string {
  const rgb = parse(color) ?? parse(FALLBACK)!;
  const darken = luminance(parse(against) ?? [255, 255, 255]) > 0.4;
  for (let step = 0; step <= 20; step++) {
    const candidate = toHex(shade(rgb, (darken ? 1 : -1) * step * 0.05));
    if (contrastRatio(candidate, against) >= ratio) return candidate;
  }
  return darken ? DARK_INK : LIGHT_INK;
}

export interface Theme {
  brand: string;
  brandInk: string;
  /** The brand colour as text or link on the page's light surface. */
  brandText: string;
  accent: string;
  accentInk: string;
  accentText: string;
}

export function themeFor(primary: string | null | undefined, secondary?: string | null): Theme {
  const brand = parse(primary) ? primary!.toLowerCase() : FALLBACK;
  const accent = parse(secondary) ? secondary!.toLowerCase() : brand;
  return {
    brand,
    brandInk: inkOn(brand),
    brandText: readableOn(brand, '#ffffff'),
    accent,
    accentInk: inkOn(accent),
    accentText: readableOn(accent, '#ffffff'),
  };
}

/** The theme as a `:root` rule; every value is a validated hex colour, so nothing needs escaping. */
export function themeCss(theme: Theme): string {
  return `:root{--brand:${theme.brand};--brand-ink:${theme.brandInk};--brand-text:${theme.brandText};--accent:${theme.accent};--accent-ink:${theme.accentInk};--accent-text:${theme.accentText}}`;
}

import { contrastRatio, readableOn, type Theme, themeCss, themeFor } from './theme.ts';

/**
 * The tenant's colours for a landing template. theme.ts picks white or near-black text for a
 * colour, which for mid-tone colours can fall just short of 4.5:1; here the fill colour is nudged
 * until its text reads, and the brand colour as text is made readable on the darkest light surface
 * the template uses (not only on white). `--tint` is a pale wash of the brand for sections.
 */
export interface LandingTheme extends Theme {
  tint: string;
}

const WHITE = '#ffffff';

export function landingTheme(
  primary: string | null | undefined,
  secondary: string | null | undefined,
  surfaces: readonly string[],
): LandingTheme {
  const base = themeFor(primary, secondary);
  const brand = solid(base.brand, base.brandInk);
  const accent = solid(base.accent, base.accentInk);
  const tint = mix(brand, WHITE, 0.9);
  const darkest = [WHITE, tint, ...surfaces].reduce((a, b) =>
    contrastRatio(a, WHITE) > contrastRatio(b, WHITE) ? a : b,
  );
  return {
    brand,
    brandInk: base.brandInk,
    brandText: readableOn(brand, darkest),
    accent,
    accentInk: base.accentInk,
    accentText: readableOn(accent, darkest),
    tint,
  };
}

/** The `:root` rule: the shared theme variables plus the landing's own. */
export function landingThemeCss(theme: LandingTheme): string {
  return `${themeCss(theme)}:root{--tint:${theme.tint}}`;
}

/** `fill` itself if `ink` reads on it at 4.5:1, else the nearest colour on which it does. */
function solid(fill: string, ink: string): string {
  return contrastRatio(fill, ink) >= 4.5 ? fill : readableOn(fill, ink);
}

/** `a` mixed with `b`; `amount` is b's share. Both are validated 3- or 6-digit hex colours. */
export function mix(a: string, b: string, amount: number): string {
  const pa = rgb(a);
  const pb = rgb(b);
  return `#${pa
    .map((c, i) => Math.round(c + (pb[i]! - c) * amount))
    .map((c) => c.toString(16).padStart(2, '0'))
    .join('')}`;
}

function rgb(hex: string): number[] {
  let digits = hex.slice(1);
  if (digits.length === 3) digits = [...digits].map((d) => d + d).join('');
  return [0, 2, 4].map((i) => Number.parseInt(digits.slice(i, i + 2), 16));
}

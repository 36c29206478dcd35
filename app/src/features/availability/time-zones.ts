const ZONES: readonly string[] = Intl.supportedValuesOf('timeZone');

/**
 * The zones offered in a select: the browser's list, plus the current value when the browser
 * does not list it (UTC, or a name the server knows and this browser does not).
 */
export function timeZoneOptions(current: string): readonly string[] {
  return current === '' || ZONES.includes(current) ? ZONES : [current, ...ZONES];
}

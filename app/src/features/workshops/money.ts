// Prices are typed in major units ("15.50") and stored in the currency's minor units (cents).

/** How many minor-unit digits a currency has: 2 for USD, 0 for JPY, 3 for KWD. */
export function currencyDigits(currency: string): number {
  try {
    // The digits belong to the currency, whatever the language: any fixed locale answers the same.
    return (
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ??
      2
    );
  } catch {
    return 2;
  }
}

/**
 * Minor units from what was typed: "15", "15.5", "15.50" → 1550 for USD. Undefined when it is
 * not a plain non-negative amount with at most the currency's decimals (the schema then says so).
 */
export function minorFromMajor(text: string, currency: string): number | undefined {
  const trimmed = text.trim().replace(',', '.');
  const digits = currencyDigits(currency);
  const match = /^(\d+)(?:\.(\d*))?$/.exec(trimmed);
  if (!match || (match[2]?.length ?? 0) > digits) return undefined;
  const fraction = (match[2] ?? '').padEnd(digits, '0');
  return Number(match[1]) * 10 ** digits + (digits > 0 ? Number(fraction) : 0);
}

/** What the price field shows for a stored amount: 1550 USD → "15.50", 0 → "0". */
export function majorFromMinor(minor: number, currency: string): string {
  if (minor === 0) return '0';
  const digits = currencyDigits(currency);
  return (minor / 10 ** digits).toFixed(digits);
}

/** The currencies Intl knows, for the currency picker. */
export const CURRENCIES: readonly string[] = Intl.supportedValuesOf('currency');

// Money is integer minor units (cents) everywhere; these turn it into text people read.

const formats = new Map<string, Intl.NumberFormat | null>();

function formatFor(currency: string, locale = 'en'): Intl.NumberFormat | null {
  const code = currency.trim().toUpperCase();
  const key = `${locale} ${code}`;
  let format = formats.get(key);
  if (format === undefined) {
    try {
      format = new Intl.NumberFormat(locale, { style: 'currency', currency: code });
    } catch {
      format = null;
    }
    // Currency codes come from validated input; the bound only guards against a flood of junk.
    if (formats.size < 1000) formats.set(key, format);
  }
  return format;
}

/** Digits after the decimal point in `currency`'s minor unit (USD 2, JPY 0, KWD 3). */
export function currencyDigits(currency: string): number {
  return formatFor(currency)?.resolvedOptions().maximumFractionDigits ?? 2;
}

/**
 * An integer amount in the currency's minor unit: 1250 USD → "$12.50", 1500 JPY → "¥1,500"; in
 * another Intl locale its way ("12,50 US$" in `es`).
 */
export function formatMoney(amount: number, currency: string, locale = 'en'): string {
  const format = formatFor(currency, locale);
  if (!format) return `${(amount / 100).toFixed(2)} ${currency.toUpperCase().replace(/[^A-Z]/g, '')}`;
  return format.format(amount / 10 ** currencyDigits(currency));
}

/** A price as the public pages show it: 0 → "Free". */
export function formatPrice(amount: number, currency: string): string {
  return amount > 0 ? formatMoney(amount, currency) : 'Free';
}

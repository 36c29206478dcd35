import { invalid } from './api-error.ts';
import type { FormObject, FormValue } from './form.ts';
import type { Metadata } from './stripe-objects.ts';

export const SESSION_ID_PLACEHOLDER = '{CHECKOUT_SESSION_ID}';

function describeValue(value: FormValue): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function optString(params: FormObject, key: string, param = key): string | undefined {
  const value = params[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalid(`Invalid string: ${describeValue(value)}`, param);
  return value;
}

/** Stripe treats an empty string as "unset". */
export function optNonEmpty(params: FormObject, key: string, param = key): string | undefined {
  const value = optString(params, key, param);
  return value === '' ? undefined : value;
}

export function optObject(params: FormObject, key: string, param = key): FormObject | undefined {
  const value = params[key];
  if (value === undefined || value === '') return undefined;
  if (typeof value === 'string' || Array.isArray(value)) throw invalid('Invalid object', param);
  return value;
}

export function optInteger(params: FormObject, key: string, param: string, min: number): number | undefined {
  const value = params[key];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string' || !/^-?\d+$/.test(value.trim())) {
    throw invalid(`Invalid integer: ${describeValue(value)}`, param, 'parameter_invalid_integer');
  }
  const parsed = Number(value.trim());
  if (!Number.isSafeInteger(parsed))
    throw invalid(`Invalid integer: ${value}`, param, 'parameter_invalid_integer');
  if (parsed < min) {
    throw invalid(
      min === 0
        ? `Invalid non-negative integer: ${value}`
        : `This value must be greater than or equal to ${min}.`,
      param,
      'parameter_invalid_integer',
    );
  }
  return parsed;
}

export function readMetadata(params: FormObject, key: string, param = key): Metadata {
  const value = params[key];
  if (value === undefined || value === '') return {};
  if (typeof value === 'string' || Array.isArray(value)) throw invalid('Invalid object', param);
  const out: Metadata = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== 'string') throw invalid(`Invalid string: ${describeValue(v)}`, `${param}[${k}]`);
    if (v === '') continue;
    if (k.length > 40)
      throw invalid('Metadata keys can have a maximum length of 40 characters.', `${param}[${k}]`);
    if (v.length > 500) {
      throw invalid('Metadata values can have a maximum length of 500 characters.', `${param}[${k}]`);
    }
    out[k] = v;
  }
  if (Object.keys(out).length > 50) throw invalid('Metadata can have a maximum of 50 keys.', param);
  return out;
}

export function readExpand(params: FormObject): string[] {
  const value = params.expand;
  if (value === undefined || value === '') return [];
  const list = typeof value === 'string' ? [value] : Array.isArray(value) ? value : null;
  if (!list || list.some((item) => typeof item !== 'string')) throw invalid('Invalid array', 'expand');
  return list as string[];
}

export function rejectUnknown(params: FormObject, known: readonly string[], prefix = ''): void {
  for (const key of Object.keys(params)) {
    if (!known.includes(key)) {
      const name = prefix ? `${prefix}[${key}]` : key;
      throw invalid(`Received unknown parameter: ${name}`, name, 'parameter_unknown');
    }
  }
}

export function readUrl(params: FormObject, key: string): string | undefined {
  const value = optNonEmpty(params, key);
  if (value === undefined) return undefined;
  // Stripe validates with the placeholder in place; it is substituted only on redirect.
  let parsed: URL;
  try {
    parsed = new URL(value.replaceAll(SESSION_ID_PLACEHOLDER, 'cs_placeholder'));
  } catch {
    throw invalid('Not a valid URL', key, 'url_invalid');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw invalid('Not a valid URL', key, 'url_invalid');
  return value;
}

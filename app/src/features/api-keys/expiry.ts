import type { AppMessageKey } from '../../lib/i18n/i18n.tsx';

/** The lifetimes offered when creating a key; a key without one works until it is revoked. */
export const EXPIRY_CHOICES = [
  { value: 'never', label: 'app.apiKeys.expiry.never', days: null },
  { value: '30', label: 'app.apiKeys.expiry.days', days: 30 },
  { value: '90', label: 'app.apiKeys.expiry.days', days: 90 },
  { value: '365', label: 'app.apiKeys.expiry.year', days: 365 },
] as const satisfies readonly { value: string; label: AppMessageKey; days: number | null }[];

export type ExpiryChoice = (typeof EXPIRY_CHOICES)[number]['value'];

const DAY_MS = 86_400_000;

export function expiresAtFor(choice: ExpiryChoice, now: Date = new Date()): Date | null {
  const days = EXPIRY_CHOICES.find((c) => c.value === choice)?.days ?? null;
  return days === null ? null : new Date(now.getTime() + days * DAY_MS);
}

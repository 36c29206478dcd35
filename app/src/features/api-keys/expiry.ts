/** The lifetimes offered when creating a key; a key without one works until it is revoked. */
export const EXPIRY_CHOICES = [
  { value: 'never', label: 'Never (until revoked)', days: null },
  { value: '30', label: 'In 30 days', days: 30 },
  { value: '90', label: 'In 90 days', days: 90 },
  { value: '365', label: 'In a year', days: 365 },
] as const;

export type ExpiryChoice = (typeof EXPIRY_CHOICES)[number]['value'];

const DAY_MS = 86_400_000;

export function expiresAtFor(choice: ExpiryChoice, now: Date = new Date()): Date | null {
  const days = EXPIRY_CHOICES.find((c) => c.value === choice)?.days ?? null;
  return days === null ? null : new Date(now.getTime() + days * DAY_MS);
}

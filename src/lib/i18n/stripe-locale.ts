import type Stripe from 'stripe';
import { toLocale } from './locales.schema.ts';

// Stripe Checkout writes its own page (labels, errors, the card form) in the language it is
// given as `locale` (issue 18). Every language we offer is one of Stripe's locales under the same
// tag ('en', 'es', 'fr', 'de', 'pt-BR', 'it'); anything else lets Stripe follow the browser.

export function checkoutLocale(
  language: string | null | undefined,
): Stripe.Checkout.SessionCreateParams.Locale {
  return toLocale(language) ?? 'auto';
}

/**
 * The hosted checkout page's own words in the languages the booking service sends as `locale`
 * (issue 18). Real Stripe Checkout translates its page the same way, from its own strings, so the
 * emulator keeps its own small table rather than the service's catalogues. A locale Stripe knows
 * but this table does not (or `auto`, or none) falls back to the browser's language, then English.
 */

export interface CheckoutText {
  lang: string;
  banner: string;
  title: (name: string) => string;
  pay: (total: string) => string;
  cancel: string;
  decline: string;
  expires: (when: string) => string;
  email: (address: string) => string;
  merchant: (account: string) => string;
  session: (id: string) => string;
  expired: string;
  paid: string;
  failed: string;
  back: string;
  closed: string;
}

const TEXTS: Record<string, CheckoutText> = {
  en: {
    lang: 'en',
    banner: 'Test mode — no real money moves. This is the local Stripe emulator.',
    title: (name) => `${name} — Checkout (test mode)`,
    pay: (total) => `Pay ${total}`,
    cancel: 'Cancel',
    decline: 'Simulate a declined payment',
    expires: (when) => `Expires ${when}`,
    email: (address) => `Email: ${address}`,
    merchant: (account) => `Merchant account: ${account}`,
    session: (id) => `Session ${id}`,
    expired: 'This checkout session has expired.',
    paid: 'This checkout session is complete: the payment succeeded.',
    failed: 'This checkout session is complete, but the payment failed.',
    back: 'Return to the merchant',
    closed: 'This checkout session can no longer be paid or cancelled.',
  },
  es: {
    lang: 'es',
    banner: 'Modo de prueba: no se mueve dinero real. Este es el emulador local de Stripe.',
    title: (name) => `${name}: pago (modo de prueba)`,
    pay: (total) => `Pagar ${total}`,
    cancel: 'Cancelar',
    decline: 'Simular un pago rechazado',
    expires: (when) => `Caduca el ${when}`,
    email: (address) => `Correo electrónico: ${address}`,
    merchant: (account) => `Cuenta del comercio: ${account}`,
    session: (id) => `Sesión ${id}`,
    expired: 'Esta sesión de pago ha caducado.',
    paid: 'Esta sesión de pago ha terminado: el pago se ha realizado.',
    failed: 'Esta sesión de pago ha terminado, pero el pago no se ha podido realizar.',
    back: 'Volver al comercio',
    closed: 'Esta sesión de pago ya no se puede pagar ni cancelar.',
  },
  fr: {
    lang: 'fr',
    banner: 'Mode test : aucun argent réel ne circule. Ceci est l’émulateur Stripe local.',
    title: (name) => `${name} – Paiement (mode test)`,
    pay: (total) => `Payer ${total}`,
    cancel: 'Annuler',
    decline: 'Simuler un paiement refusé',
    expires: (when) => `Expire le ${when}`,
    email: (address) => `E-mail : ${address}`,
    merchant: (account) => `Compte du marchand : ${account}`,
    session: (id) => `Session ${id}`,
    expired: 'Cette session de paiement a expiré.',
    paid: 'Cette session de paiement est terminée : le paiement a réussi.',
    failed: 'Cette session de paiement est terminée, mais le paiement a échoué.',
    back: 'Retour au marchand',
    closed: 'Cette session de paiement ne peut plus être payée ni annulée.',
  },
  de: {
    lang: 'de',
    banner: 'Testmodus – es fließt kein echtes Geld. Dies ist der lokale Stripe-Emulator.',
    title: (name) => `${name} – Bezahlung (Testmodus)`,
    pay: (total) => `${total} bezahlen`,
    cancel: 'Abbrechen',
    decline: 'Abgelehnte Zahlung simulieren',
    expires: (when) => `Läuft ab am ${when}`,
    email: (address) => `E-Mail: ${address}`,
    merchant: (account) => `Händlerkonto: ${account}`,
    session: (id) => `Sitzung ${id}`,
    expired: 'Diese Bezahlsitzung ist abgelaufen.',
    paid: 'Diese Bezahlsitzung ist abgeschlossen: Die Zahlung war erfolgreich.',
    failed: 'Diese Bezahlsitzung ist abgeschlossen, aber die Zahlung ist fehlgeschlagen.',
    back: 'Zurück zum Händler',
    closed: 'Diese Bezahlsitzung kann nicht mehr bezahlt oder abgebrochen werden.',
  },
  'pt-BR': {
    lang: 'pt-BR',
    banner: 'Modo de teste: nenhum dinheiro real é movimentado. Este é o emulador local da Stripe.',
    title: (name) => `${name}: pagamento (modo de teste)`,
    pay: (total) => `Pagar ${total}`,
    cancel: 'Cancelar',
    decline: 'Simular um pagamento recusado',
    expires: (when) => `Expira em ${when}`,
    email: (address) => `E-mail: ${address}`,
    merchant: (account) => `Conta do comerciante: ${account}`,
    session: (id) => `Sessão ${id}`,
    expired: 'Esta sessão de pagamento expirou.',
    paid: 'Esta sessão de pagamento foi concluída: o pagamento foi aprovado.',
    failed: 'Esta sessão de pagamento foi concluída, mas o pagamento falhou.',
    back: 'Voltar para o comerciante',
    closed: 'Esta sessão de pagamento não pode mais ser paga nem cancelada.',
  },
  it: {
    lang: 'it',
    banner: 'Modalità di prova: non si muove denaro reale. Questo è l’emulatore Stripe locale.',
    title: (name) => `${name} – Pagamento (modalità di prova)`,
    pay: (total) => `Paga ${total}`,
    cancel: 'Annulla',
    decline: 'Simula un pagamento rifiutato',
    expires: (when) => `Scade il ${when}`,
    email: (address) => `E-mail: ${address}`,
    merchant: (account) => `Account del commerciante: ${account}`,
    session: (id) => `Sessione ${id}`,
    expired: 'Questa sessione di pagamento è scaduta.',
    paid: 'Questa sessione di pagamento è conclusa: il pagamento è riuscito.',
    failed: 'Questa sessione di pagamento è conclusa, ma il pagamento non è riuscito.',
    back: 'Torna al commerciante',
    closed: 'Questa sessione di pagamento non può più essere pagata né annullata.',
  },
};

/** The table entry for a Stripe `locale` ('es', 'pt-BR', 'pt', 'fr-CA'…), if the table has one. */
function known(tag: string | null | undefined): CheckoutText | undefined {
  if (!tag) return undefined;
  const lower = tag.toLowerCase();
  if (lower === 'pt' || lower.startsWith('pt-')) return TEXTS['pt-BR'];
  return TEXTS[lower] ?? TEXTS[lower.split('-')[0]!];
}

/** The page's words: the session's `locale`, else (for `auto` or none) the browser's Accept-Language. */
export function checkoutText(locale: string | null | undefined, acceptLanguage?: string): CheckoutText {
  if (locale && locale !== 'auto') return known(locale) ?? TEXTS.en!;
  for (const range of (acceptLanguage ?? '').split(',')) {
    const found = known(range.split(';')[0]?.trim());
    if (found) return found;
  }
  return TEXTS.en!;
}

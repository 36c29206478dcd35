import type { Locale } from './locales.ts';
import de from './messages/de.json' with { type: 'json' };
import en from './messages/en.json' with { type: 'json' };
import es from './messages/es.json' with { type: 'json' };
import fr from './messages/fr.json' with { type: 'json' };
import it from './messages/it.json' with { type: 'json' };
import ptBR from './messages/pt-BR.json' with { type: 'json' };

/** Every message id; English is the reference catalogue the others are checked against. */
export type MessageKey = keyof typeof en;

/** ICU MessageFormat strings by id, one catalogue per language (messages/<locale>.json). */
export const CATALOGUES: Record<Locale, Partial<Record<MessageKey, string>>> = {
  en,
  es,
  fr,
  de,
  'pt-BR': ptBR,
  it,
};

export const ENGLISH: Record<MessageKey, string> = en;

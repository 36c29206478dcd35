import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppError } from '../lib/errors.ts';
import type { MessageKey } from '../lib/i18n/catalogues.ts';
import type { Locale } from '../lib/i18n/locales.schema.ts';
import { requestLanguage } from '../lib/i18n/negotiate.ts';
import { translator } from '../lib/i18n/translator.ts';

/**
 * Students and their apps call the public API; its errors follow their Accept-Language (issue 18).
 * Staff routes and tRPC stay English for now: their callers are the staff app, which has its own texts.
 */
const PUBLIC_API = '/api/v1/public/';

/**
 * The language a REST error is answered in: the Accept-Language of a public API request among the
 * supported languages, English otherwise (no header, an unsupported language, any other route).
 */
export function errorLanguage(req: FastifyRequest): Locale | undefined {
  if (!req.url.startsWith(PUBLIC_API)) return undefined;
  const header = req.headers['accept-language'];
  return requestLanguage(Array.isArray(header) ? header.join(',') : header);
}

/**
 * The error's message in `locale`. English is the message the error carries (unchanged from before
 * issue 18, details and all); another language gets the code's message, keeping the one detail
 * that is simple to carry over: the fields a validation failure names.
 */
export function localisedErrorMessage(error: AppError, locale: Locale): string {
  if (locale === 'en') return error.message;
  const tr = translator(locale);
  if (error.code === 'VALIDATION_ERROR' && error.issues && error.issues.length > 0) {
    const fields = [...new Set(error.issues.map((issue) => issue.path))];
    return tr.t('error.invalidFields', { fields: tr.list(fields) });
  }
  return tr.t(`error.${error.code}` satisfies MessageKey);
}

/** The unknown-route message in `locale`; English stays what it always said. */
export function noRouteMessage(method: string, path: string, locale: Locale): string {
  if (locale === 'en') return `No route for ${method} ${path}`;
  return translator(locale).t('error.noRoute', { method, path });
}

/** Says which language the body is in, and that it depends on Accept-Language (for caches). */
export function markErrorLanguage(reply: FastifyReply, locale: Locale): void {
  const vary = reply.getHeader('vary');
  const given = typeof vary === 'string' ? vary : '';
  const varies = /accept-language/i.test(given)
    ? given
    : given
      ? `${given}, Accept-Language`
      : 'Accept-Language';
  void reply.header('content-language', locale).header('vary', varies);
}

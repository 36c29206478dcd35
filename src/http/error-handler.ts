import type { FastifyError, FastifyInstance } from 'fastify';
import { databaseFailure, rejectedByDatabase } from '../db/errors.ts';
import { AppError, isAppError, restErrorBody, validationError } from '../lib/errors.ts';
import { errorLanguage, localisedErrorMessage, markErrorLanguage, noRouteMessage } from './error-language.ts';

/** The one place REST errors become `{error, code}` with the table's status. */
export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError, req, reply) => {
    const appError = toRestAppError(error);
    if (appError.code === 'INTERNAL_ERROR') {
      req.log.error({ err: error }, 'unhandled error');
    } else if (appError.code === 'VALIDATION_ERROR' && rejectedByDatabase(error)) {
      req.log.warn({ err: error }, 'input refused by the database');
    } else if (appError.status >= 500) {
      req.log.error({ err: error }, appError.message);
    }
    const body = restErrorBody(appError, req.id);
    const locale = errorLanguage(req);
    if (locale) {
      // The public API answers in the student's language: same code and status, message translated.
      markErrorLanguage(reply, locale);
      body.error = localisedErrorMessage(appError, locale);
    }
    if (appError.code === 'SERVICE_UNAVAILABLE' && !reply.hasHeader('retry-after')) {
      void reply.header('retry-after', '2');
    }
    void reply.status(appError.status).send(body);
  });

  app.setNotFoundHandler((req, reply) => {
    const locale = errorLanguage(req);
    if (locale) markErrorLanguage(reply, locale);
    const message = noRouteMessage(req.method, req.url.split('?')[0] ?? '', locale ?? 'en');
    void reply.status(404).send({ error: message, code: 'NOT_FOUND' });
  });
}

function toRestAppError(error: FastifyError | AppError): AppError {
  if (isAppError(error)) return error;
  const fastifyError = error as FastifyError;
  if (fastifyError.validation) {
    return validationError(
      fastifyError.validation.map((v) => ({
        path: v.instancePath.split('/').filter(Boolean),
        message: v.message ?? 'is invalid',
      })),
    );
  }
  if (fastifyError.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return new AppError('PAYLOAD_TOO_LARGE');
  const failure = databaseFailure(error);
  if (failure) return failure;
  const status = fastifyError.statusCode;
  if (status && status >= 400 && status < 500) {
    // Malformed JSON, wrong content type and friends: the client's mistake, said plainly.
    return new AppError('VALIDATION_ERROR', fastifyError.message);
  }
  return new AppError('INTERNAL_ERROR');
}

import type { FastifyInstance } from 'fastify';
import { MultipartBody } from './multipart-input.ts';
import { UnparsableBody } from './request-inputs.ts';

/**
 * Fastify's own JSON parser (size limit, prototype-poisoning checks), except that an empty body means "no
 * input" and unparsable JSON is handed to the procedure, which fails with BAD_REQUEST only if it reads its
 * input: the same outcome tRPC gives. Multipart bodies are collected whole, under their own size limit, and
 * parsed only when read. Other content types are refused with 415, as tRPC refuses them.
 */
export function installBodyParser(scope: FastifyInstance, multipartBodyLimit: number | undefined): void {
  const { onProtoPoisoning, onConstructorPoisoning } = scope.initialConfig;
  const parseJson = scope.getDefaultJsonParser(
    onProtoPoisoning ?? 'error',
    onConstructorPoisoning ?? 'error',
  );
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    if (body.length === 0) return done(null, undefined);
    parseJson(req, body as string, (error, value) => done(null, error ? new UnparsableBody(error) : value));
  });
  if (multipartBodyLimit === undefined) return;
  scope.addContentTypeParser(
    'multipart/form-data',
    { parseAs: 'buffer', bodyLimit: multipartBodyLimit },
    (req, body, done) => done(null, new MultipartBody(body as Buffer, req.headers['content-type'] ?? '')),
  );
}

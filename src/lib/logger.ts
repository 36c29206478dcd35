import pino from 'pino';

export type Logger = pino.Logger;

/** Secrets never reach the log: headers and fields that carry them are redacted. */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.token',
  '*.apiKey',
  '*.secret',
  'password',
  'token',
  'apiKey',
];

/**
 * Errors as pino serialises them, minus query parameters: a failed query's message and fields
 * would otherwise carry the values it was sent (names, e-mail addresses, payloads).
 */
export function serializeError(error: unknown): unknown {
  const serialized = pino.stdSerializers.err(error as Error) as unknown as Record<string, unknown>;
  if (serialized && typeof serialized === 'object' && 'params' in serialized) {
    const { params: _params, ...rest } = serialized;
    if (typeof rest.message === 'string') rest.message = rest.message.replace(/\nparams: [\s\S]*$/, '');
    if (typeof rest.stack === 'string')
      rest.stack = rest.stack.replace(/\nparams: [\s\S]*?(\n {4}at )/, '$1');
    return rest;
  }
  return serialized;
}

export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: { err: serializeError },
  });
}

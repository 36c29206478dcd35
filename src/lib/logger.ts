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

export function createLogger(level: string): Logger {
  return pino({ level, redact: { paths: REDACT_PATHS, censor: '[redacted]' } });
}

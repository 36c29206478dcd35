import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { REDACT_PATHS } from './logger.ts';

describe('logger redaction', () => {
  it('never writes credentials', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = pino({ redact: { paths: REDACT_PATHS, censor: '[redacted]' } }, sink);
    logger.info({
      req: { headers: { authorization: 'Bearer secret-token', cookie: 'ibs.session_token=abc' } },
      body: { password: 'hunter2', token: 'invite-token' },
      apiKey: 'key-123',
    });
    const line = lines.join('');
    for (const secret of ['secret-token', 'ibs.session_token=abc', 'hunter2', 'invite-token', 'key-123']) {
      expect(line).not.toContain(secret);
    }
    expect(line).toContain('[redacted]');
  });
});

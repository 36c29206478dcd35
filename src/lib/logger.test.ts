import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { REDACT_PATHS, serializeError } from './logger.ts';

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

describe('error serialisation', () => {
  it("drops a failed query's parameters from the message, stack and fields", () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = pino({ serializers: { err: serializeError } }, sink);
    const error = Object.assign(
      new Error('Failed query: select 1 where email = $1\nparams: ana@example.test'),
      {
        query: 'select 1 where email = $1',
        params: ['ana@example.test'],
      },
    );
    error.stack = `Error: ${error.message}\n    at somewhere (file.ts:1:1)`;
    logger.error({ err: error }, 'failed');
    const line = lines.join('');
    expect(line).not.toContain('ana@example.test');
    expect(JSON.parse(line).err).toMatchObject({ message: 'Failed query: select 1 where email = $1' });
    expect(JSON.parse(line).err.stack).toContain('at somewhere');
  });
});

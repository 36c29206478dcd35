import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { LazyChildLogger } from './lazy-child-logger.ts';

describe('LazyChildLogger', () => {
  it('writes enabled levels with the bindings and skips disabled ones', () => {
    const lines: Array<Record<string, unknown>> = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(JSON.parse(String(chunk)));
        done();
      },
    });
    const parent = pino({ level: 'info' }, sink);
    const child = new LazyChildLogger(parent, { reqId: 'r-1' }, {});
    child.debug('hidden');
    child.info({ path: '/x' }, 'shown');
    child.child({ extra: 1 }).warn('nested');
    expect(lines).toEqual([
      expect.objectContaining({ reqId: 'r-1', path: '/x', msg: 'shown', level: 30 }),
      expect.objectContaining({ reqId: 'r-1', extra: 1, msg: 'nested', level: 40 }),
    ]);
    expect(child.level).toBe('info');
  });
});

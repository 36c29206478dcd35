import { describe, expect, it } from 'vitest';
import { databaseFailure, databaseUnavailable } from './errors.ts';

const wrapped = (cause: unknown) => Object.assign(new Error('Failed query: select 1'), { cause });

describe('databaseUnavailable', () => {
  it.each([
    [
      'the server shutting down (57P01)',
      Object.assign(new Error('terminating connection'), { code: '57P01' }),
    ],
    [
      'the server starting up (57P03)',
      Object.assign(new Error('the database system is starting up'), { code: '57P03' }),
    ],
    ['a connection exception (08006)', Object.assign(new Error('connection failure'), { code: '08006' })],
    [
      'a refused socket',
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
    ],
    ['a connection cut mid-query', new Error('Connection terminated unexpectedly')],
    ['a pool that could not connect in time', new Error('timeout exceeded when trying to connect')],
    ['a client the server closed under it', new Error('Client was closed and is not queryable')],
  ])('answers %s with 503 SERVICE_UNAVAILABLE, through a wrapper', (_name, error) => {
    expect(databaseUnavailable(wrapped(error))?.code).toBe('SERVICE_UNAVAILABLE');
    expect(databaseUnavailable(wrapped(error))?.status).toBe(503);
  });

  it('leaves bugs and refused values alone', () => {
    expect(databaseUnavailable(new Error('column "x" does not exist'))).toBeUndefined();
    expect(databaseUnavailable(Object.assign(new Error('syntax'), { code: '42601' }))).toBeUndefined();
    const tooLong = wrapped(Object.assign(new Error('value too long'), { code: '22001' }));
    expect(databaseUnavailable(tooLong)).toBeUndefined();
    expect(databaseFailure(tooLong)?.code).toBe('VALIDATION_ERROR');
  });
});

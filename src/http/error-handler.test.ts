import Fastify from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../lib/errors.ts';
import { installErrorHandlers } from './error-handler.ts';

describe('REST error handler', () => {
  const app = Fastify({ logger: false });
  installErrorHandlers(app);
  app.get('/boom', async () => {
    throw new Error('database password is hunter2');
  });
  app.get('/app-error', async () => {
    throw new AppError('NO_SEATS_AVAILABLE');
  });
  app.post('/echo', async (req) => req.body);
  app.get('/api/v1/public/full', async () => {
    throw new AppError('NO_SEATS_AVAILABLE');
  });
  afterAll(() => app.close());

  it('an unexpected failure is 500 INTERNAL_ERROR with a request id and no internals', async () => {
    const response = await app.inject({ method: 'GET', url: '/boom' });
    expect(response.statusCode).toBe(500);
    const body = response.json();
    expect(body).toEqual({ error: 'Server error', code: 'INTERNAL_ERROR', requestId: expect.any(String) });
    expect(response.body).not.toContain('hunter2');
  });

  it('an AppError keeps its code and the table status', async () => {
    const response = await app.inject({ method: 'GET', url: '/app-error' });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toEqual({ error: 'Workshop is fully booked', code: 'NO_SEATS_AVAILABLE' });
  });

  it('malformed JSON is 400 VALIDATION_ERROR; an oversize body is 413', async () => {
    const bad = await app.inject({
      method: 'POST',
      url: '/echo',
      headers: { 'content-type': 'application/json' },
      payload: '{"a":',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('VALIDATION_ERROR');
    const big = await app.inject({
      method: 'POST',
      url: '/echo',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ a: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(big.statusCode).toBe(413);
    expect(big.json().code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('a public API error follows Accept-Language: same code and status, the message translated', async () => {
    const spanish = await app.inject({
      method: 'GET',
      url: '/api/v1/public/full',
      headers: { 'accept-language': 'es-MX,es;q=0.9' },
    });
    expect(spanish.statusCode).toBe(409);
    expect(spanish.json()).toEqual({ error: 'No quedan plazas en esta sesión', code: 'NO_SEATS_AVAILABLE' });
    expect(spanish.headers['content-language']).toBe('es');
    expect(spanish.headers.vary).toBe('Accept-Language');
    const english = await app.inject({ method: 'GET', url: '/api/v1/public/full' });
    expect(english.json()).toEqual({ error: 'Workshop is fully booked', code: 'NO_SEATS_AVAILABLE' });
    expect(english.headers['content-language']).toBe('en');
    const other = await app.inject({
      method: 'GET',
      url: '/app-error',
      headers: { 'accept-language': 'es' },
    });
    expect(other.json().error).toBe('Workshop is fully booked');
    expect(other.headers['content-language']).toBeUndefined();
    const unknown = await app.inject({
      method: 'GET',
      url: '/api/v1/public/nope?x=1',
      headers: { 'accept-language': 'de' },
    });
    expect(unknown.json()).toEqual({
      error: 'Unter GET /api/v1/public/nope gibt es nichts',
      code: 'NOT_FOUND',
    });
  });
});

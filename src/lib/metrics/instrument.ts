import { AppError } from '../errors.ts';
import type { Metrics } from './registry.ts';

/**
 * Counting at the wiring: the use cases stay unaware of metrics, and the container hands out the
 * counted versions. A refusal is any AppError a booking attempt answers (its code is the reason);
 * other errors are failures, seen in the request histogram's 5xx instead.
 */

// biome-ignore lint/suspicious/noExplicitAny: any function's parameters, passed through untouched
type AsyncOf<R> = (...args: any[]) => Promise<R>;
type AsyncFn = AsyncOf<unknown>;

interface CountableBookings {
  create: AsyncOf<{ series?: { bookings: unknown[] } }>;
  cancelByStudent: AsyncFn;
  cancelByStaff: AsyncFn;
  cancelSession: AsyncOf<{ cancelledBookings: number }>;
}

export function countBookings<B extends CountableBookings>(service: B, metrics: Metrics | undefined): B {
  if (!metrics) return service;
  return {
    ...service,
    create: around(
      service.create,
      (made) => metrics.bookingsCreated(made.series?.bookings.length ?? 1),
      (error) => error instanceof AppError && metrics.bookingRefused(error.code),
    ),
    cancelByStudent: around(service.cancelByStudent, () => metrics.bookingsCancelled('student')),
    cancelByStaff: around(service.cancelByStaff, () => metrics.bookingsCancelled('staff')),
    cancelSession: around(service.cancelSession, (done) =>
      metrics.bookingsCancelled('session', done.cancelledBookings),
    ),
  };
}

/** The outbox's e-mail sender, counted: resolved is sent, thrown is failed (and retried). */
export function countEmails<F extends AsyncFn>(send: F, metrics: Metrics | undefined): F {
  if (!metrics) return send;
  return around(
    send,
    () => metrics.emailSent(),
    () => metrics.emailFailed(),
  );
}

function around<F extends AsyncFn>(
  fn: F,
  onDone: (result: Awaited<ReturnType<F>>) => void,
  onError?: (error: unknown) => void,
): F {
  return (async (...args: Parameters<F>) => {
    let result: Awaited<ReturnType<F>>;
    try {
      result = (await fn(...args)) as Awaited<ReturnType<F>>;
    } catch (error) {
      onError?.(error);
      throw error;
    }
    onDone(result);
    return result;
  }) as F;
}

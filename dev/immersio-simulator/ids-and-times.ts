import { randomBytes } from 'node:crypto';
import { SimulatorError } from './simulator-error.ts';

export const randomId = (prefix: string) => `${prefix}_${randomBytes(8).toString('hex')}`;

export const toDate = (value: Date | string | undefined, fallback: Date): Date => {
  if (value === undefined) return fallback;
  const date = value instanceof Date ? new Date(value.getTime()) : new Date(value);
  if (Number.isNaN(date.getTime()))
    throw new SimulatorError(400, 'VALIDATION_ERROR', `invalid date: ${value}`);
  return date;
};

export const unixSeconds = (value: Date | number) =>
  typeof value === 'number' ? value : Math.floor(value.getTime() / 1000);

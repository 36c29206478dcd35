import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export function randomId(prefix: string, length: number): string {
  const bytes = randomBytes(length);
  let out = prefix;
  for (let i = 0; i < length; i++) out += ALPHABET[bytes[i]! % ALPHABET.length];
  return out;
}

export const ids = {
  session: () => randomId('cs_test_', 58),
  paymentIntent: () => randomId('pi_', 24),
  charge: () => randomId('ch_', 24),
  paymentMethod: () => randomId('pm_', 24),
  customer: () => randomId('cus_', 14),
  refund: () => randomId('re_', 24),
  txn: () => randomId('txn_', 24),
  event: () => randomId('evt_', 24),
  request: () => randomId('req_', 14),
  lineItem: () => randomId('li_', 24),
  price: () => randomId('price_', 24),
  product: () => randomId('prod_', 14),
};

export function isBadAccountId(id: string): boolean {
  return !id.startsWith('acct_') || id.includes('invalid');
}

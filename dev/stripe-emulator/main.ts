/**
 * Runs the Stripe emulator standalone: `npm run dev:stripe` (or `node dev/stripe-emulator/main.ts`).
 *
 *   STRIPE_EMULATOR_PORT   default 12111
 *   STRIPE_EMULATOR_HOST   default 127.0.0.1
 *   STRIPE_WEBHOOK_SECRET  default whsec_emulator
 *   STRIPE_WEBHOOK_URL     default http://localhost:3000/api/v1/webhooks/stripe ('' disables delivery)
 */
import { startStripeEmulator } from './emulator.ts';

const port = Number(process.env.STRIPE_EMULATOR_PORT ?? 12111);
const host = process.env.STRIPE_EMULATOR_HOST ?? '127.0.0.1';
const webhookSecret = process.env.STRIPE_WEBHOOK_SECRET ?? 'whsec_emulator';
const webhookUrl = process.env.STRIPE_WEBHOOK_URL ?? 'http://localhost:3000/api/v1/webhooks/stripe';

const emulator = await startStripeEmulator({
  port,
  host,
  webhookSecret,
  webhookUrl: webhookUrl === '' ? undefined : webhookUrl,
  onRequest: (request) => {
    const account = request.account ? ` [${request.account}]` : '';
    console.log(
      `${request.method} ${request.path}${account} -> ${request.status}${request.replayed ? ' (replayed)' : ''}`,
    );
  },
  onDelivery: (delivery) => {
    const outcome = delivery.status === null ? delivery.error : String(delivery.status);
    console.log(`webhook ${delivery.type} ${delivery.eventId} -> ${outcome}`);
  },
});

console.log(`Stripe emulator listening on ${emulator.url}`);
console.log(
  `  SDK:      new Stripe('sk_test_emulator', { host: '${host}', port: ${emulator.port}, protocol: 'http' })`,
);
console.log(`  webhooks: ${emulator.webhookUrl ?? '(disabled)'} signed with ${webhookSecret}`);

const shutdown = () => {
  void emulator.close().then(() => process.exit(0));
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);

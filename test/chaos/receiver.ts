import http from 'node:http';
import type { AddressInfo } from 'node:net';

// Immersio's webhook endpoint, as the chaos run plays it: it records each delivery's
// `webhook-id`, event and booking, and can be down (port closed: connection refused).

export interface Received {
  id: string;
  event: string;
  bookingUid: string | undefined;
}

export interface Receiver {
  url: string;
  /** Every delivery that reached it, in order (a repeated id is a duplicate delivery). */
  deliveries: Received[];
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const deliveries: Received[] = [];
  const handler: http.RequestListener = (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        event: string;
        data?: { booking?: { uid?: string } };
      };
      deliveries.push({
        id: String(req.headers['webhook-id']),
        event: body.event,
        bookingUid: body.data?.booking?.uid,
      });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  };
  let server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return {
    url: `http://127.0.0.1:${port}/webhooks/booking`,
    deliveries,
    down: close,
    async up() {
      server = http.createServer(handler);
      await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    },
    close,
  };
}

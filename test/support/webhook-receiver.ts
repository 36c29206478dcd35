import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import type { Database } from '../../src/db/client.ts';
import { generateWebhookSecret, sealWebhookSecret } from '../../src/modules/immersio/webhook-secret.ts';

export interface ReceivedWebhook {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** performance.timeOrigin + performance.now() when the body was complete. */
  receivedAt: number;
}

/** What the receiver does with a request: answer, or hang until the test ends. */
export type Reply = { status: number; headers?: Record<string, string>; body?: string } | 'hang';

export interface WebhookReceiver {
  url: string;
  port: number;
  received: ReceivedWebhook[];
  /** Decides each answer (default 200); may look at the request. */
  reply: (request: ReceivedWebhook) => Reply;
  /** Closes the port (connection refused) until `start()`. */
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

export const nowMs = () => performance.timeOrigin + performance.now();

/** A tiny local receiver that records every request it gets. */
export async function startReceiver(): Promise<WebhookReceiver> {
  let server: Server | undefined;
  const hanging = new Set<ServerResponse>();
  let port = 0;
  const receiver: WebhookReceiver = {
    url: '',
    port: 0,
    received: [],
    reply: () => ({ status: 200, body: 'ok' }),
    async start() {
      server = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          const request: ReceivedWebhook = {
            path: req.url ?? '/',
            headers: req.headers,
            body: Buffer.concat(chunks).toString('utf8'),
            receivedAt: nowMs(),
          };
          receiver.received.push(request);
          const reply = receiver.reply(request);
          if (reply === 'hang') {
            hanging.add(res);
            return;
          }
          res.writeHead(reply.status, reply.headers ?? {});
          res.end(reply.body ?? '');
        });
      });
      await new Promise<void>((resolve, reject) => {
        server!.once('error', reject);
        server!.listen(port, '127.0.0.1', () => resolve());
      });
      port = (server.address() as AddressInfo).port;
      receiver.port = port;
      receiver.url = `http://127.0.0.1:${port}/hooks`;
    },
    async stop() {
      const s = server;
      server = undefined;
      if (!s) return;
      for (const res of hanging) res.destroy();
      hanging.clear();
      s.closeAllConnections();
      await new Promise<void>((resolve) => s.close(() => resolve()));
    },
    async close() {
      await receiver.stop();
    },
  };
  await receiver.start();
  return receiver;
}

/** The tenant's Immersio integration row, as `connect` would store it, with a fresh secret. */
export async function insertIntegration(
  db: Database,
  input: { tenantId: number; appSecret: string; webhookUrl: string | null; orgId?: string; secret?: string },
): Promise<{ integrationId: number; secret: string }> {
  const secret = input.secret ?? generateWebhookSecret();
  const orgId = input.orgId ?? `org_${input.tenantId}_${Math.random().toString(36).slice(2, 8)}`;
  const result = (await db.execute(
    sql`insert into immersio_integrations
          (tenant_id, immersio_org_id, org_name, webhook_url, webhook_secret_sealed, webhook_secret_rotated_at)
        values (${input.tenantId}, ${orgId}, 'Test Org', ${input.webhookUrl},
                ${sealWebhookSecret(input.appSecret, secret)}, now())
        returning id`,
  )) as unknown as { rows: Array<{ id: number }> };
  return { integrationId: result.rows[0]!.id, secret };
}

// Signed Immersio webhook ingestion (student.enrolled) for npm run bench: every request has its
// own webhookId and student, is signed like Immersio signs, and adds a whitelist entry.
import { randomUUID } from 'node:crypto';
import autocannon, { type Request } from 'autocannon';
import { webhookSignature } from '../src/modules/immersio/webhook-signature.ts';

export const BENCH_WEBHOOK_SECRET = 'bench-immersio-webhook-secret';
export const BENCH_ORG_ID = 'org_bench_language_academy';
export const BENCH_COURSE_ID = 'course_bench_business_english';

let n = 0;

export function webhookRequests(path: string): Request[] {
  return [
    {
      method: 'POST' as const,
      path,
      setupRequest: (request: Request) => {
        n++;
        const body = JSON.stringify({
          event: 'student.enrolled',
          data: {
            courseId: BENCH_COURSE_ID,
            studentId: `student_${n}_${process.pid}`,
            email: `student${n}-${process.pid}@bench.test`,
            name: `Student ${n}`,
            enrolledAt: new Date().toISOString(),
          },
          timestamp: new Date().toISOString(),
          webhookId: `wh_${randomUUID()}`,
        });
        const timestamp = String(Math.floor(Date.now() / 1000));
        return {
          ...request,
          body,
          headers: {
            ...request.headers,
            'content-type': 'application/json',
            'x-webhook-timestamp': timestamp,
            'x-webhook-signature': webhookSignature(BENCH_WEBHOOK_SECRET, timestamp, body),
          },
        };
      },
    },
  ];
}

export async function measureIngest(url: string, path: string, connections: number, duration: number) {
  const result = await autocannon({ url, connections, duration, requests: webhookRequests(path) });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(
      `${path}: ${result.non2xx} non-2xx (${JSON.stringify(result.statusCodeStats)}), ${result.errors} errors`,
    );
  }
  return { rps: result.requests.average, p99: result.latency.p99 };
}

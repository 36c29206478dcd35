import { AppError } from '../../lib/errors.ts';
import {
  type HostLookup,
  publicTarget,
  type ResolvedAddress,
  systemLookup,
} from '../../lib/outbound-address.ts';

export {
  type HostLookup,
  isPrivateAddress,
  pinnedLookup,
  type ResolvedAddress,
} from '../../lib/outbound-address.ts';

/**
 * Where a tenant's outgoing webhooks may go. Checked when the URL is saved (`connect`) and again
 * before every delivery, because DNS can change between the two: a host that resolved to a public
 * address yesterday may resolve to 127.0.0.1 or the cloud metadata address today (SSRF). The
 * delivery then connects to exactly the addresses checked here (see `pinnedLookup`), so a second
 * resolution cannot swap the target either (DNS rebinding).
 */

export type WebhookUrlProblem = 'invalid' | 'https-required' | 'private-address' | 'unresolvable';

/** 400 VALIDATION_ERROR on `webhookUrl`, with the reason for callers that tell them apart. */
export class WebhookUrlError extends AppError {
  readonly reason: WebhookUrlProblem;
  constructor(reason: WebhookUrlProblem, message: string) {
    super('VALIDATION_ERROR', `webhookUrl: ${message}`, { issues: [{ path: 'webhookUrl', message }] });
    this.reason = reason;
  }
}

export interface WebhookUrlOptions {
  /** Private, loopback and link-local targets allowed (ALLOW_PRIVATE_WEBHOOK_URLS: development, tests). */
  allowPrivate: boolean;
  /** Only https (production). */
  requireHttps: boolean;
  /** Resolver, for tests; defaults to the system's (`dns.lookup`, all addresses). */
  lookup?: HostLookup;
}

export interface CheckedWebhookUrl {
  url: URL;
  /**
   * The addresses the host resolved to, all of them public; connect only to these. Empty when
   * private targets are allowed (no check was needed, the connection resolves as usual) or the
   * host is an IP literal (nothing to resolve).
   */
  addresses: ResolvedAddress[];
}

const MAX_URL_LENGTH = 2048;

export async function assertWebhookUrl(raw: string, options: WebhookUrlOptions): Promise<CheckedWebhookUrl> {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_URL_LENGTH) {
    throw new WebhookUrlError('invalid', `must be a URL of at most ${MAX_URL_LENGTH} characters`);
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new WebhookUrlError('invalid', 'is not a valid URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new WebhookUrlError('invalid', 'must be an http(s) URL');
  }
  if (options.requireHttps && url.protocol !== 'https:') {
    throw new WebhookUrlError('https-required', 'must use https');
  }
  // Credentials in the URL would end up in logs and delivery records.
  if (url.username || url.password) throw new WebhookUrlError('invalid', 'must not contain credentials');
  if (!url.hostname) throw new WebhookUrlError('invalid', 'has no host');
  if (options.allowPrivate) return { url, addresses: [] };

  const target = await publicTarget(url, options.lookup ?? systemLookup);
  if ('problem' in target) throw new WebhookUrlError(target.problem, target.message);
  return { url, addresses: target.addresses };
}

import { lookup as dnsLookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { AppError } from '../../lib/errors.ts';

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

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

export type HostLookup = (hostname: string) => Promise<ResolvedAddress[]>;

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

const systemLookup: HostLookup = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map((a) => ({
    address: a.address,
    family: a.family === 6 ? 6 : 4,
  }));

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

  // WHATWG URL parsing has already turned 2130706433, 0x7f.1 and friends into dotted quads.
  const literal = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  const literalFamily = isIP(literal);
  if (literalFamily) {
    if (isPrivateAddress(literal)) {
      throw new WebhookUrlError('private-address', 'points to a private, loopback or link-local address');
    }
    return { url, addresses: [] };
  }
  let addresses: ResolvedAddress[];
  try {
    addresses = await (options.lookup ?? systemLookup)(url.hostname);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'lookup failed';
    throw new WebhookUrlError('unresolvable', `host ${url.hostname} does not resolve (${code})`);
  }
  if (addresses.length === 0)
    throw new WebhookUrlError('unresolvable', `host ${url.hostname} does not resolve`);
  // Every address must be public: a client may connect to any of them.
  if (addresses.some((a) => isPrivateAddress(a.address))) {
    throw new WebhookUrlError('private-address', `host ${url.hostname} resolves to a private address`);
  }
  return { url, addresses };
}

/**
 * A `lookup` for `http.request` that answers only the checked addresses, so the connection goes
 * where the check looked. Handles both callback shapes net uses (`all` for Happy Eyeballs).
 */
export function pinnedLookup(addresses: ResolvedAddress[]) {
  return (
    _hostname: string,
    options: { all?: boolean; family?: number | string } | number,
    callback: (...args: unknown[]) => void,
  ) => {
    const family = typeof options === 'object' ? Number(options.family) || 0 : Number(options) || 0;
    const matching = addresses.filter((a) => !family || a.family === family);
    const chosen = matching.length > 0 ? matching : addresses;
    if (typeof options === 'object' && options.all) callback(null, chosen);
    else callback(null, chosen[0]!.address, chosen[0]!.family);
  };
}

// Not reachable on the public internet, or reserved: refused as webhook targets.
const BLOCKED = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, incl. cloud metadata 169.254.169.254
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, incl. broadcast
] as const) {
  BLOCKED.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 96], // unspecified, loopback (::1) and the deprecated IPv4-compatible range
  ['64:ff9b:1::', 48], // local-use NAT64
  ['100::', 64], // discard
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
] as const) {
  BLOCKED.addSubnet(net, prefix, 'ipv6');
}

/** True for loopback, private, link-local, shared, reserved, multicast and documentation addresses. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return BLOCKED.check(address, 'ipv4');
  if (family !== 6) return true;
  // BlockList already applies the IPv4 rules to IPv4-mapped addresses (::ffff:a.b.c.d).
  if (BLOCKED.check(address, 'ipv6')) return true;
  const embedded = embeddedIpv4(address);
  return embedded !== undefined && BLOCKED.check(embedded, 'ipv4');
}

/** The IPv4 address inside NAT64 (64:ff9b::/96) and 6to4 (2002::/16) addresses. */
function embeddedIpv4(address: string): string | undefined {
  const h = expandIpv6(address);
  if (!h) return undefined;
  const quad = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  if (h[0] === 0x64 && h[1] === 0xff9b && h[2] === 0 && h[3] === 0 && h[4] === 0 && h[5] === 0) {
    return quad(h[6]!, h[7]!);
  }
  if (h[0] === 0x2002) return quad(h[1]!, h[2]!);
  return undefined;
}

/** The eight 16-bit groups of an IPv6 address (with `::` and a trailing dotted quad expanded). */
function expandIpv6(address: string): number[] | undefined {
  let text = address.split('%')[0]!.toLowerCase();
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const parse = (part: string) => (part ? part.split(':').map((g) => Number.parseInt(g, 16)) : []);
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  const fill = tail === undefined ? 0 : 8 - left.length - right.length;
  const groups = [...left, ...Array<number>(Math.max(0, fill)).fill(0), ...right];
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff)
    ? groups
    : undefined;
}

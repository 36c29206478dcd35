import { lookup as dnsLookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

// Where the server may connect when a tenant gives it a URL (outgoing webhooks, calendar feeds):
// every address the host resolves to must be public, and the connection then goes only to those
// addresses (`pinnedLookup`), so a second resolution cannot swap the target (DNS rebinding).

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

export type HostLookup = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemLookup: HostLookup = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map((a) => ({
    address: a.address,
    family: a.family === 6 ? 6 : 4,
  }));

export type TargetProblem = 'private-address' | 'unresolvable';

/**
 * The public addresses `url`'s host stands for, or why it may not be reached: an IP literal (WHATWG
 * URL parsing has already turned 2130706433, 0x7f.1 and friends into dotted quads) must be public
 * (no addresses to pin: nothing to resolve); a name must resolve, and to public addresses only,
 * since a client may connect to any of them.
 */
export async function publicTarget(
  url: URL,
  lookup: HostLookup = systemLookup,
): Promise<{ addresses: ResolvedAddress[] } | { problem: TargetProblem; message: string }> {
  const literal = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  if (isIP(literal)) {
    return isPrivateAddress(literal)
      ? { problem: 'private-address', message: 'points to a private, loopback or link-local address' }
      : { addresses: [] };
  }
  let addresses: ResolvedAddress[];
  try {
    addresses = await lookup(url.hostname);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'lookup failed';
    return { problem: 'unresolvable', message: `host ${url.hostname} does not resolve (${code})` };
  }
  if (addresses.length === 0)
    return { problem: 'unresolvable', message: `host ${url.hostname} does not resolve` };
  if (addresses.some((a) => isPrivateAddress(a.address))) {
    return { problem: 'private-address', message: `host ${url.hostname} resolves to a private address` };
  }
  return { addresses };
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

// Not reachable on the public internet, or reserved: refused as targets.
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

// SSRF protection for webhook deliveries. A target's host is resolved and every address checked:
// loopback, private, link-local, carrier-grade NAT, multicast, documentation and other non-public
// ranges are refused unless WEBHOOK_ALLOW_PRIVATE_TARGETS is set. A delivery connects only to the
// addresses that were checked (a pinned `lookup`), so a DNS answer that changes between the check
// and the connection (DNS rebinding) cannot redirect it.
import { LookupAddress, promises as dns } from 'dns';
import { BlockList, isIP, LookupFunction } from 'net';
import { WebhookTargetNotAllowed } from './webhooks.errors';

const NON_PUBLIC = new BlockList();
const IPV4_RANGES: ReadonlyArray<[string, number]> = [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, including cloud metadata endpoints
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved and broadcast
];
const IPV6_RANGES: ReadonlyArray<[string, number]> = [
  ['::', 96], // unspecified, loopback and the deprecated IPv4-compatible block
  ['100::', 64], // discard
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
];
for (const [network, prefix] of IPV4_RANGES) NON_PUBLIC.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of IPV6_RANGES) NON_PUBLIC.addSubnet(network, prefix, 'ipv6');

/** The eight 16-bit groups of an IPv6 address (with an optional dotted IPv4 tail). */
function ipv6Groups(address: string): number[] {
  let text = address.toLowerCase().split('%')[0];
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted !== null) {
    const [a, b, c, d] = dotted[1].split('.').map(Number);
    text = `${text.slice(0, -dotted[1].length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const zeros = tail === undefined ? [] : new Array<string>(8 - headGroups.length - tailGroups.length).fill('0');
  return [...headGroups, ...zeros, ...tailGroups].map((group) => parseInt(group, 16));
}

function ipv4FromGroups(high: number, low: number): string {
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}

/** The IPv4 address an IPv6 one stands for (mapped, NAT64, 6to4), whose range decides instead. */
function embeddedIpv4(groups: readonly number[]): string | null {
  const zeroPrefix = (count: number) => groups.slice(0, count).every((group) => group === 0);
  if (zeroPrefix(5) && groups[5] === 0xffff) return ipv4FromGroups(groups[6], groups[7]);
  if (groups[0] === 0x64 && groups[1] === 0xff9b && groups.slice(2, 6).every((group) => group === 0)) return ipv4FromGroups(groups[6], groups[7]);
  if (groups[0] === 0x2002) return ipv4FromGroups(groups[1], groups[2]);
  return null;
}

export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return !NON_PUBLIC.check(address, 'ipv4');
  if (family !== 6) return false;
  const embedded = embeddedIpv4(ipv6Groups(address));
  if (embedded !== null) return isPublicAddress(embedded);
  return !NON_PUBLIC.check(address.split('%')[0], 'ipv6');
}

export interface TargetPolicy {
  allowPrivateTargets: boolean;
}

/** Host of a URL as a resolver wants it (`[::1]` → `::1`). */
function hostOf(url: URL): string {
  return url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
}

/** The checked addresses of the URL's host; refuses hosts that do not resolve or reach a non-public address. */
export async function resolveTarget(url: URL, policy: TargetPolicy): Promise<LookupAddress[]> {
  const host = hostOf(url);
  const family = isIP(host);
  let addresses: LookupAddress[];
  if (family !== 0) {
    addresses = [{ address: host, family }];
  } else {
    try {
      addresses = await dns.lookup(host, { all: true, verbatim: true });
    } catch {
      throw new WebhookTargetNotAllowed('the host does not resolve');
    }
  }
  if (addresses.length === 0) throw new WebhookTargetNotAllowed('the host does not resolve');
  // Every address, not just one: a name with one public and one private answer is refused.
  if (!policy.allowPrivateTargets && addresses.some((entry) => !isPublicAddress(entry.address))) {
    throw new WebhookTargetNotAllowed('the host resolves to a loopback, private or otherwise non-public address');
  }
  return addresses;
}

/** A `lookup` for http.request that answers only with `addresses` (already checked). */
export function pinnedLookup(addresses: readonly LookupAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    const wanted = typeof options === 'object' && options.family !== undefined && options.family !== 0 ? options.family : null;
    const usable = wanted === null ? addresses : addresses.filter((entry) => entry.family === wanted);
    if (usable.length === 0) {
      const error = Object.assign(new Error('no checked address of the requested family'), { code: 'ENOTFOUND' });
      (callback as (error: Error, address: string, family: number) => void)(error, '', 4);
      return;
    }
    // Node 20 asks for every address (`all`) when it races IPv4 and IPv6 (autoSelectFamily).
    if (typeof options === 'object' && options.all === true) {
      (callback as unknown as (error: null, addresses: LookupAddress[]) => void)(null, [...usable]);
    } else {
      (callback as (error: null, address: string, family: number) => void)(null, usable[0].address, usable[0].family);
    }
  };
}

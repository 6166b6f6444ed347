import { BlockList, isIP } from 'node:net';

/**
 * IP addresses a client metadata document must never be fetched from (draft-ietf-oauth-client-id-metadata-document,
 * "Server Side Request Forgery (SSRF) Attacks": the URL must not resolve to special-use addresses, RFC 6890). A
 * client_id is a URL chosen by whoever sends the request, so without this check any local process or web page could
 * make the gateway call the owner's router, a printer, a cloud metadata endpoint or the gateway's own ports.
 * Each block names its kind in plain words, for the refusal.
 */
const IPV4: [string, number, string][] = [
  // IANA IPv4 Special-Purpose Address Registry (RFC 6890 and its updates), plus multicast and the reserved 240/4.
  ['0.0.0.0', 8, 'a "this network" address'],
  ['10.0.0.0', 8, 'a private network address'],
  ['100.64.0.0', 10, 'a shared (carrier-grade NAT) address'],
  ['127.0.0.0', 8, 'a loopback address'],
  ['169.254.0.0', 16, 'a link-local address'],
  ['172.16.0.0', 12, 'a private network address'],
  ['192.0.0.0', 24, 'an IETF protocol address'],
  ['192.0.2.0', 24, 'a documentation address'],
  ['192.31.196.0', 24, 'an AS112 address'],
  ['192.52.193.0', 24, 'an AMT address'],
  ['192.88.99.0', 24, 'a 6to4 relay address'],
  ['192.168.0.0', 16, 'a private network address'],
  ['192.175.48.0', 24, 'an AS112 address'],
  ['198.18.0.0', 15, 'a benchmarking address'],
  ['198.51.100.0', 24, 'a documentation address'],
  ['203.0.113.0', 24, 'a documentation address'],
  ['224.0.0.0', 4, 'a multicast address'],
  ['240.0.0.0', 4, 'a reserved address'],
];

/** Inside global unicast (2000::/3), the IANA IPv6 Special-Purpose blocks; everything outside 2000::/3 is refused. */
const IPV6_INSIDE_GLOBAL: [string, number, string][] = [
  ['2001::', 23, 'an IETF protocol address'],
  ['2001:db8::', 32, 'a documentation address'],
  ['2002::', 16, 'a 6to4 address'],
  ['3fff::', 20, 'a documentation address'],
];
/** Outside 2000::/3, the kinds worth naming; any other is "not a global unicast address". */
const IPV6_OUTSIDE_GLOBAL: [string, number, string][] = [
  ['::1', 128, 'a loopback address'],
  ['::', 128, 'the unspecified address'],
  ['::ffff:0:0', 96, 'an IPv4-mapped address'],
  ['64:ff9b::', 96, 'a NAT64 address'],
  ['fc00::', 7, 'a private network address'],
  ['fe80::', 10, 'a link-local address'],
  ['ff00::', 8, 'a multicast address'],
];

function blocks(entries: [string, number, string][], family: 'ipv4' | 'ipv6'): [BlockList, string][] {
  return entries.map(([network, prefix, kind]) => {
    const list = new BlockList();
    list.addSubnet(network, prefix, family);
    return [list, kind];
  });
}

const V4 = blocks(IPV4, 'ipv4');
const V6_INSIDE = blocks(IPV6_INSIDE_GLOBAL, 'ipv6');
const V6_OUTSIDE = blocks(IPV6_OUTSIDE_GLOBAL, 'ipv6');
const GLOBAL_UNICAST = new BlockList();
GLOBAL_UNICAST.addSubnet('2000::', 3, 'ipv6');

/**
 * Why this address may not be fetched from ("a loopback address", "a private network address"…), or undefined for a
 * public address. Anything that is not an IP address at all is refused too.
 */
export function specialUseKind(address: string): string | undefined {
  const family = isIP(address);
  if (family === 4) return V4.find(([list]) => list.check(address, 'ipv4'))?.[1];
  if (family !== 6) return 'not an IP address';
  if (!GLOBAL_UNICAST.check(address, 'ipv6')) return V6_OUTSIDE.find(([list]) => list.check(address, 'ipv6'))?.[1] ?? 'not a global unicast address';
  return V6_INSIDE.find(([list]) => list.check(address, 'ipv6'))?.[1];
}

import dns from 'node:dns';
import { isIP, LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * Where a cost-alert webhook may be sent: public internet receivers only. A municipality sets the
 * URL, and the service's server makes the request, so without this check a webhook is a probe of
 * the server's own network (loopback, RFC 1918, link-local and cloud metadata, CGNAT, IPv6
 * unique-local, IPv4-mapped IPv6 …). An address is public when ipaddr.js classifies it as
 * `unicast` (every special-purpose range is something else); a host name is resolved and every
 * address it resolves to must be public. The URL parser (WHATWG) has already turned every spelling
 * of an IPv4 address (decimal `2130706433`, hex `0x7f000001`, octal `0177.0.0.1`, short `127.1`)
 * into its dotted form, and IPv6 into its canonical form.
 *
 * The check runs when the webhook is set and again at every delivery, inside the connection: the
 * request's `lookup` is `guardedLookup`, which checks what the name resolves to and hands exactly
 * those addresses to the socket, so a name cannot resolve to a public address for the check and
 * to a private one for the connection (DNS rebinding).
 *
 * WEBHOOK_ALLOW_PRIVATE (operator setting, off by default) names exceptions for an on-premises
 * receiver: a host name (then whatever it resolves to), an address, or a range (CIDR).
 */

/** Host names of cloud metadata services (their addresses are link-local, but a name may not resolve here). */
const METADATA_NAMES = new Set(['metadata', 'metadata.google.internal', 'metadata.goog', 'instance-data', 'instance-data.ec2.internal', 'metadata.tencentyun.com', 'metadata.platformequinix.com']);

export interface Allowance {
  names: ReadonlySet<string>;
  ranges: readonly [ipaddr.IPv4 | ipaddr.IPv6, number][];
}

/** The operator's exceptions (config.webhookAllowPrivate: already lower-case; ranges checked at startup). */
export function allowanceOf(entries: readonly string[]): Allowance {
  const names = new Set<string>();
  const ranges: [ipaddr.IPv4 | ipaddr.IPv6, number][] = [];
  for (const entry of entries) {
    if (ipaddr.isValidCIDR(entry)) ranges.push(ipaddr.parseCIDR(entry));
    else if (isIP(entry)) {
      const address = ipaddr.parse(entry);
      ranges.push([address, address.kind() === 'ipv4' ? 32 : 128]);
    } else names.add(entry.replace(/\.+$/, ''));
  }
  return { names, ranges };
}

export class RefusedDestination extends Error {
  constructor(what: string) {
    super(`${what} is not a public internet address`);
    this.name = 'RefusedDestination';
  }
}

/** The URL's host as compared and resolved: lower case, no brackets, no trailing dot. */
export function hostOf(url: URL): string {
  const host = url.hostname.toLowerCase();
  return (host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host).replace(/\.+$/, '');
}

/** Whether a connection to this (resolved or literal) address is allowed. */
export function addressAllowed(address: string, allow: Allowance): boolean {
  if (!isIP(address)) return false;
  const parsed = ipaddr.parse(address);
  if (parsed.range() === 'unicast') return true;
  return allow.ranges.some(([range, bits]) => range.kind() === parsed.kind() && parsed.match(range, bits));
}

/** Whether the URL's host itself (before resolving) is refused: a named metadata service, a `.localhost` name, a non-public address literal. */
export const urlHostRefused = (url: URL, allow: Allowance) => hostRefused(hostOf(url), allow);

function hostRefused(host: string, allow: Allowance): boolean {
  if (allow.names.has(host)) return false;
  // (`localhost` itself is refused by what it resolves to, like any other name.)
  if (METADATA_NAMES.has(host) || host.endsWith('.localhost')) return true;
  if (isIP(host)) return !addressAllowed(host, allow);
  // Not a canonical address literal, yet an address to a lenient parser (e.g. "0x7f.1"): refused.
  return ipaddr.isValid(host);
}

export type Resolver = (hostname: string, options: dns.LookupAllOptions, callback: (err: NodeJS.ErrnoException | null, addresses: dns.LookupAddress[]) => void) => void;

const systemResolver: Resolver = (hostname, options, callback) => dns.lookup(hostname, options, callback);

/**
 * A `lookup` for http(s).request: resolves the name, refuses it unless every address is allowed,
 * and gives the socket exactly the checked addresses.
 */
export function guardedLookup(allow: Allowance, resolve: Resolver = systemResolver): LookupFunction {
  return (hostname, options, callback) => {
    const host = hostname.toLowerCase().replace(/\.+$/, '');
    if (hostRefused(host, allow)) {
      callback(new RefusedDestination(hostname), '', 4);
      return;
    }
    resolve(hostname, { family: options.family as number | undefined, hints: options.hints, all: true }, (err, addresses) => {
      if (err) return callback(err, '', 4);
      if (!addresses.length) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '', 4);
      if (!allow.names.has(host) && addresses.some((a) => !addressAllowed(a.address, allow))) return callback(new RefusedDestination(hostname), '', 4);
      if (options.all) callback(null, addresses);
      else callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

export type DestinationCheck = 'allowed' | 'refused' | 'unresolved';

/**
 * The check when a webhook is set: the host, then (for a name) every address it resolves to now.
 * A name that does not resolve (yet) is `unresolved`: it cannot reach anything now, and every
 * delivery checks it again.
 */
export async function checkDestination(url: URL, allow: Allowance, resolve: Resolver = systemResolver, timeoutMs = 3000): Promise<DestinationCheck> {
  const host = hostOf(url);
  if (hostRefused(host, allow)) return 'refused';
  if (isIP(host) || allow.names.has(host)) return 'allowed';
  const addresses = await new Promise<dns.LookupAddress[] | null>((done) => {
    const timer = setTimeout(() => done(null), timeoutMs);
    resolve(host, { all: true }, (err, found) => {
      clearTimeout(timer);
      done(err ? null : found);
    });
  });
  if (!addresses?.length) return 'unresolved';
  return addresses.every((a) => addressAllowed(a.address, allow)) ? 'allowed' : 'refused';
}

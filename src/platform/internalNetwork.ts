import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { BlockList, isIP } from 'node:net';
import type { Agent } from 'undici';

/**
 * Addresses an organization's administrator types in (an identity provider's issuer, a webhook's
 * receiver) are fetched by the server, so they must not become a way to reach this machine or the
 * internal network: a port scanner, the cloud metadata service. Every address a host name resolves
 * to is checked when the connection is made, so a name that resolves differently a second time
 * (DNS rebinding) is caught too; the forms also check when the address is saved, to say so at once.
 */

/**
 * An installation setting (OIDC_ALLOW_PRIVATE_ISSUERS, WEBHOOK_ALLOW_PRIVATE_TARGETS): "true" for
 * any host, or the host names/addresses that may be internal.
 */
export type NetworkPolicy = { allowAll: boolean; hosts: ReadonlySet<string> };

export const DENY_PRIVATE: NetworkPolicy = { allowAll: false, hosts: new Set() };

export function networkPolicyOf(value: string | undefined): NetworkPolicy {
  const v = value?.trim() ?? '';
  if (!v || v === 'false') return DENY_PRIVATE;
  if (v === 'true') return { allowAll: true, hosts: new Set() };
  return { allowAll: false, hosts: new Set(v.split(',').map(normalHost).filter(Boolean)) };
}

const normalHost = (host: string) => host.trim().toLowerCase().replace(/^\[|\]$/g, '');

const refused = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8], // "this network", unspecified
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved and broadcast
] as const) refused.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 128], // unspecified
  ['::1', 128],
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
] as const) refused.addSubnet(net, bits, 'ipv6');

/** An IPv4 address written as IPv6 (::ffff:7f00:1) is judged as the IPv4 address it is. */
function unmapped(address: string): { address: string; family: 'ipv4' | 'ipv6' } {
  const a = normalHost(address);
  const dotted = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (dotted) return { address: dotted[1]!, family: 'ipv4' };
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(a);
  if (hex) {
    const n = (parseInt(hex[1]!, 16) << 16) | parseInt(hex[2]!, 16);
    return { address: [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.'), family: 'ipv4' };
  }
  return { address: a, family: isIP(a) === 6 ? 'ipv6' : 'ipv4' };
}

/** Pure: loopback, private, link-local, CGNAT, unspecified, multicast and reserved addresses. */
export function isInternalAddress(address: string): boolean {
  const u = unmapped(address);
  return refused.check(u.address, u.family);
}

const allowedHost = (policy: NetworkPolicy, host: string) => policy.allowAll || policy.hosts.has(normalHost(host));

/** Thrown before any connection is made; says nothing about whether anything answers there. */
export class InternalAddressError extends Error {
  constructor(readonly host: string) {
    super(`host ${host} resolves to an internal address`);
  }
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

function guardedLookup(policy: NetworkPolicy) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, []);
      if (!allowedHost(policy, hostname) && addresses.some((a) => isInternalAddress(a.address))) {
        return callback(Object.assign(new InternalAddressError(hostname), { code: 'EINTERNALADDRESS' }), []);
      }
      if (options.all) return callback(null, addresses);
      const first = addresses[0]!;
      callback(null, first.address, first.family);
    });
  };
}

/** fetch behind the guard; the body is left loose so that openid-client's customFetch fits too. */
export interface GuardedFetch {
  (url: string, init: Omit<RequestInit, 'body'> & { body?: unknown }): Promise<Response>;
  /** Loads what connects (at the first request, see below), so that a caller's time limit counts only the request. */
  ready(): Promise<void>;
}

/**
 * A fetch that refuses internal addresses: an address written in the URL is checked here (the
 * resolver is not asked about those), a host name at connect time by the agent's lookup.
 * Redirects are never followed, so a receiver cannot send the request on to an internal address.
 */
export function guardedFetch(policy: NetworkPolicy): GuardedFetch {
  // undici (some 6 MB of heap) is loaded at the first request, not in every process at start:
  // most installations never use an identity provider, many no webhooks.
  let dispatcher: Promise<Agent> | undefined;
  const agent = () => (dispatcher ??= import('undici').then(({ Agent }) => new Agent({ connect: { lookup: guardedLookup(policy) as never, timeout: 4000 } })));
  const guarded = async (url: string, init: Omit<RequestInit, 'body'> & { body?: unknown }) => {
    const host = normalHost(new URL(url).hostname);
    if (isIP(host) && isInternalAddress(host) && !allowedHost(policy, host)) throw new InternalAddressError(host);
    return fetch(url, { ...init, redirect: 'manual', dispatcher: await agent() } as RequestInit);
  };
  return Object.assign(guarded, { ready: async () => void (await agent()) });
}

/** Whether the error (or its cause, as fetch wraps it) is a refused internal address. */
export function isInternalAddressRefusal(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof InternalAddressError || (e as { code?: string }).code === 'EINTERNALADDRESS') return true;
  }
  return false;
}

const LOOKUP_WAIT_MS = 3000;

/**
 * For a form, when the address is saved: whether the host is, or resolves to, an internal address
 * the installation has not allowed. A name that does not resolve (yet) is not refused here: the
 * check at connect time still applies. `localhost` and its subdomains are loopback by definition
 * (RFC 6761), whatever this machine's resolver says.
 */
export async function reachesInternalNetwork(policy: NetworkPolicy, hostname: string): Promise<boolean> {
  const host = normalHost(hostname);
  if (allowedHost(policy, host)) return false;
  if (isIP(host)) return isInternalAddress(host);
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  const addresses = await new Promise<LookupAddress[]>((resolve) => {
    const timer = setTimeout(() => resolve([]), LOOKUP_WAIT_MS);
    dnsLookup(host, { all: true }, (err, found) => {
      clearTimeout(timer);
      resolve(err ? [] : found);
    });
  });
  return addresses.some((a) => isInternalAddress(a.address));
}

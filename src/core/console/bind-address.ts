import net from 'node:net';
import os from 'node:os';

/** Hosts that only this machine can reach; anything else must be served over TLS. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost') || h === '::1') return true;
  if (net.isIPv4(h)) return h.startsWith('127.');
  return /^::ffff:127\./.test(h);
}

export function isWildcardHost(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '[::]';
}

/** The host as it goes into a URL (IPv6 in brackets). */
export function urlHost(host: string): string {
  return net.isIPv6(host) ? `[${host}]` : host;
}

/** Addresses other machines can use to reach this one, for printing URLs when bound to every interface. */
export function externalAddresses(): string[] {
  const out: string[] = [];
  for (const list of Object.values(os.networkInterfaces())) {
    for (const a of list ?? []) if (!a.internal && (a.family === 'IPv4' || !a.address.startsWith('fe80:'))) out.push(a.address);
  }
  return out;
}

/** Host names to print in URLs: the bound host itself, or every external address for a wildcard bind. */
export function displayHosts(host: string): string[] {
  if (!isWildcardHost(host)) return [host];
  const ext = externalAddresses();
  return ext.length > 0 ? ext : [os.hostname()];
}

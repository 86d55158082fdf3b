import { getDomain } from 'tldts';

/**
 * Registrable domain (eTLD+1) of a host, from the Public Suffix List; for hosts the list does
 * not know (`.test`, IPs) the host's last two labels, so first-party tests stay meaningful.
 */
export function registrableDomain(host: string): string {
  const domain = getDomain(host, { allowPrivateDomains: true });
  if (domain) return domain;
  if (/^[\d.]+$/.test(host) || host.includes(':')) return host;
  return host.split('.').slice(-2).join('.');
}

/** Same registrable domain: a first party. Decided by the PSL, never by a string prefix. */
export function isSameParty(hostA: string, hostB: string): boolean {
  return registrableDomain(hostA) === registrableDomain(hostB);
}

/** Host of a URL, or undefined when the text is not a URL with a host. */
export function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname || undefined;
  } catch {
    return undefined;
  }
}

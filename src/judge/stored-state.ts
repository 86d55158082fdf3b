import type { CapturedRequest, Evidence } from '../evidence/schema.js';

/** A piece of evidence a hit can cite: a captured request, or a stored value shaped like one. */
export interface Cited {
  request: CapturedRequest;
  /** JSON pointer into the bundle: `evidence.json#/requests/3`, `evidence.json#/cookieJar/0`. */
  pointer: string;
  /** A value stored in the browser rather than sent: no trigger can be told, nothing was delivered. */
  stored?: true;
}

/**
 * The cookies and Web Storage items of a bundle as request-shaped records, so that judging
 * treats a value a script stored like one it sent: attributed to the cookie's domain
 * (`https://<domain><path>`, method `COOKIE`) or to the origin of the frame that owns the
 * storage (`<origin>/`, method `STORAGE`), and decided first- or third-party by that host.
 */
export function storedStateCitations(evidence: Evidence): Array<[string, Cited]> {
  const out: Array<[string, Cited]> = [];
  const base = { channel: 'http', headers: {}, outcome: { delivered: false } } as const;
  (evidence.cookieJar ?? []).forEach((c, i) => out.push([c.id, {
    request: {
      ...base, id: c.id, at: c.at, method: 'COOKIE', url: `https://${c.domain.replace(/^\./, '')}${c.path}`,
      resourceType: 'cookie', afterAction: c.afterAction,
    },
    pointer: `evidence.json#/cookieJar/${i}`,
    stored: true,
  }]));
  (evidence.storage ?? []).forEach((s, i) => out.push([s.id, {
    request: {
      ...base, id: s.id, at: s.at, method: 'STORAGE', url: `${s.origin}/`, resourceType: `${s.area}Storage`,
      afterAction: s.afterAction, ...(s.pageUrl ? { pageUrl: s.pageUrl } : {}), ...(s.frameUrl ? { frameUrl: s.frameUrl } : {}),
    },
    pointer: `evidence.json#/storage/${i}`,
    stored: true,
  }]));
  return out;
}

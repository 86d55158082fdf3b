/**
 * The fixture world: which made-up sites exist, which tracker hosts our imitations answer on,
 * and which Meta Pixel ids have automatic advanced matching (AAM) switched on. One table, read
 * by the fixture server and by tests that need to know what each site should leak.
 */

/** A fixture site: a folder of `fixtures/sites/` served as the real-looking host `host`. */
export interface FixtureSite {
  /** Host name the site is served as (mapped to the fixture server by host-resolver rules). */
  host: string;
  /** Folder under `fixtures/sites/`. */
  folder: string;
  /** Path of the start page. */
  startPath: string;
  /** The Meta Pixel on the site's pages, when there is one. */
  metaPixel?: { id: string; automaticMatching: boolean };
}

/** The sites a scan can be pointed at (`FixtureServer.sites` gives their start URLs). */
export const fixtureSites = {
  /** The seed case: AAM on, and manual advanced matching on submit. */
  demo: {
    host: 'www.tryggbo-forsakring.test',
    folder: 'demo',
    startPath: '/',
    metaPixel: { id: '1093847561029384', automaticMatching: true },
  },
  /** Manual advanced matching only (`fbq('init', id, {em, ph, fn, ln})` on submit). */
  manual: {
    host: 'www.manuell-forsakring.test',
    folder: 'manual',
    startPath: '/',
    metaPixel: { id: '731904625518273', automaticMatching: false },
  },
  /** AAM only: the pixel reads e-mail and phone fields itself on the submit click. */
  aam: {
    host: 'www.auto-forsakring.test',
    folder: 'aam',
    startPath: '/',
    metaPixel: { id: '582716304958172', automaticMatching: true },
  },
  /** A pixel that only sends PageView: no persona data may be found. */
  pageview: {
    host: 'www.sidvisning-forsakring.test',
    folder: 'pageview',
    startPath: '/',
    metaPixel: { id: '2048193756102938', automaticMatching: false },
  },
  /** No pixel; first-party and third-party analytics with random hash-like ids only. */
  clean: {
    host: 'www.ren-exempel.test',
    folder: 'clean',
    startPath: '/',
  },
} as const satisfies Record<string, FixtureSite>;

export type FixtureSiteName = keyof typeof fixtureSites;

/**
 * Hosts that are served but are not sites to scan: the external link target of the demo site
 * (a crawler must not follow it; a request here proves it did).
 */
export const externalSites: Record<string, FixtureSite> = {
  external: { host: 'www.example.org', folder: 'external', startPath: '/' },
};

/** Hosts answered by our tracker imitations. */
export const trackerHosts = [
  'connect.facebook.net',
  'www.facebook.com',
  'facebook.com',
  'stats.example-analytics.test',
] as const;

/** Served over plain HTTP on a second port: `https://tls-broken.test/` fails the TLS handshake. */
export const TLS_BROKEN_HOST = 'tls-broken.test';
/** Mapped to a closed loopback port: connection refused. */
export const UNREACHABLE_HOST = 'unreachable.test';
/** On every site host, this path is accepted and never answered. */
export const NEVER_PATH = '/never';
/**
 * Site form endpoints end in this segment (`/offert/skicka`, `/kontakt/skicka`,
 * `/nyhetsbrev/skicka`): a request there is the site's own application submission.
 */
export const FORM_ACTION_SUFFIX = '/skicka';

/** The keys AAM is configured to match, as the real configuration lists them. */
export const AAM_MATCH_KEYS = ['em', 'fn', 'ln', 'ph', 'ge', 'zp', 'ct', 'st', 'db', 'country'];

/**
 * Pixels whose configuration names a Conversions API gateway (WIRE.md), by pixel id: the
 * `capig` fixture site (declared by `fixtures/sites/capig/site.json`).
 */
export const META_GATEWAY_PIXELS: Record<string, string> = {
  '640218375519046': 'https://capig.datapipe-eu.test/',
};

/** Pixel id → whether its configuration switches AAM on. */
export function metaPixelTable(): Map<string, { site: string; automaticMatching: boolean }> {
  const table = new Map<string, { site: string; automaticMatching: boolean }>();
  for (const [name, site] of Object.entries(fixtureSites) as [string, FixtureSite][]) {
    if (site.metaPixel) table.set(site.metaPixel.id, { site: name, automaticMatching: site.metaPixel.automaticMatching });
  }
  return table;
}

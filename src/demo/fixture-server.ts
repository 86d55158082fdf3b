import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import path from 'node:path';
import { readFile, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { generate } from 'selfsigned';
import {
  FORM_ACTION_SUFFIX, NEVER_PATH, TLS_BROKEN_HOST, UNREACHABLE_HOST,
  externalSites, fixtureSites, trackerHosts, type FixtureSite, type FixtureSiteName,
} from './fixture-hosts.js';
import { NO_STORE, serveDeclaredTracker, serveTracker } from './fixture-trackers.js';
import { discoverSites, discoverTrackers } from './fixture-discovery.js';
import { serveWebSockets } from './fixture-websocket.js';

import { addSiteCopies } from './fixture-copies.js';
export { fixtureSites, trackerHosts, TLS_BROKEN_HOST, UNREACHABLE_HOST, NEVER_PATH } from './fixture-hosts.js';
export type { FixtureSite, FixtureSiteName } from './fixture-hosts.js';

/** One request the fixture server received, in arrival order. */
export interface ReceivedRequest {
  /** Arrival time, ISO 8601 UTC. */
  at: string;
  /** `Host` header without the port. */
  host: string;
  method: string;
  /** URL path without the query. */
  path: string;
  /** Full `https://host/path?query` URL as the browser requested it. */
  url: string;
  /** Query parameters (the first value when a name repeats). */
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** Site name → value, for the built-in sites and those declared by `site.json`. */
export type FixtureSites = Record<FixtureSiteName, string> & Record<string, string>;

/** A running fixture server: sites and tracker imitations on one loopback HTTPS port. */
export interface FixtureServer {
  /** The HTTPS port on 127.0.0.1. */
  port: number;
  /** Value for Chromium's `--host-resolver-rules`: every fixture host and the error hosts. */
  hostResolverRules: string;
  /** Site name → start URL. */
  sites: FixtureSites;
  /** Site name → host. */
  siteHosts: FixtureSites;
  /**
   * Start URLs of the copies asked for with `copies` (`https://c<i>.<host>/…`, served from the
   * same folder), copy by copy in site order: a large corpus of distinct sites for benchmarks.
   */
  copies: string[];
  /** Every request received, in order. */
  received: ReceivedRequest[];
  /** The site's own form submissions (requests to its `…/skicka` endpoints); `host` may be a site name. */
  formPosts(host: string): ReceivedRequest[];
  /** Requests to tracker hosts (Meta and the made-up analytics vendor). */
  trackerRequests(): ReceivedRequest[];
  /** Forget everything received so far. */
  reset(): void;
  /** Stop listening and end every socket, held ones included. */
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.gif': 'image/gif', '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8', '.xml': 'application/xml',
};

const THANKS_PAGE =
  '<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Tack!</title></head>' +
  '<body><h1>Tack!</h1><p>Vi har tagit emot din förfrågan och återkommer inom kort.</p>' +
  '<p><a href="/">Till startsidan</a></p></body></html>';

const NOT_FOUND_PAGE =
  '<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Sidan finns inte</title></head>' +
  '<body><h1>Sidan finns inte</h1></body></html>';

/** On every site host, a GET to a path ending in this segment redirects to itself, endlessly. */
export const REDIRECT_LOOP_SUFFIX = '/redirect-loop';

function defaultFixturesDir(): string {
  // dist/demo/fixture-server.js (or src/demo/fixture-server.ts under vitest) → ../../fixtures
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures');
}

/** Resolves a URL path to a file inside `root`: `/x` → `x/index.html`, `x.html` or `x`. */
async function findStatic(root: string, pathname: string): Promise<string | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  const base = path.resolve(root, '.' + path.posix.normalize('/' + decoded));
  if (base !== root && !base.startsWith(root + path.sep)) return undefined;
  for (const candidate of [base, path.join(base, 'index.html'), base + '.html']) {
    const info = await stat(candidate).catch(() => undefined);
    if (info?.isFile()) return candidate;
  }
  return undefined;
}

async function readBody(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function listen(server: net.Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as net.AddressInfo).port);
    });
  });
}

/** A loopback port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const probe = net.createServer();
  const port = await listen(probe);
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

function isFormEndpoint(r: ReceivedRequest): boolean {
  if (!r.path.endsWith(FORM_ACTION_SUFFIX)) return false;
  return r.method === 'POST' || (r.method === 'GET' && Object.keys(r.query).length > 0);
}

/**
 * Starts the fixture server: one HTTPS listener (self-signed certificate naming every fixture
 * host) that serves the fixture sites and our tracker imitations by `Host` header, one plain
 * HTTP listener standing in for a broken TLS host, and a closed port for an unreachable one.
 */
export async function startFixtureServer(options: { fixturesDir?: string; copies?: number } = {}): Promise<FixtureServer> {
  const fixturesDir = path.resolve(options.fixturesDir ?? defaultFixturesDir());
  const sitesByHost = new Map<string, FixtureSite>();
  for (const site of [...Object.values(fixtureSites), ...Object.values(externalSites)] as FixtureSite[]) {
    sitesByHost.set(site.host, site);
  }
  const discovered = await discoverSites(fixturesDir);
  for (const site of discovered) sitesByHost.set(site.host, site);
  const scannable = [...Object.values(fixtureSites) as FixtureSite[], ...discovered.filter((site) => site.scan)];
  const copies = addSiteCopies(sitesByHost, scannable, options.copies ?? 0);
  const declaredTrackers = await discoverTrackers(fixturesDir);
  const trackerByHost = new Map(declaredTrackers.flatMap((t) => t.hosts.map((h) => [h, t] as const)));
  const trackerSet = new Set<string>([...trackerHosts, ...trackerByHost.keys()]);
  const servedHosts = [...sitesByHost.keys(), ...trackerSet];

  const pems = await generate([{ name: 'commonName', value: 'pixel-audit fixtures' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          ...[...servedHosts, TLS_BROKEN_HOST, UNREACHABLE_HOST].map((value) => ({ type: 2 as const, value })),
          { type: 7 as const, ip: '127.0.0.1' },
        ],
      },
    ],
  });

  const received: ReceivedRequest[] = [];
  const sockets = new Set<net.Socket>();
  const track = (socket: net.Socket): void => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const at = new Date().toISOString();
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    const url = new URL(req.url ?? '/', `https://${host || '127.0.0.1'}`);
    const query: Record<string, string> = {};
    for (const [key, value] of url.searchParams) if (!(key in query)) query[key] = value;
    const body = await readBody(req);
    const method = req.method ?? 'GET';
    const record: ReceivedRequest = {
      at, host, method, path: url.pathname, url: url.href, query, headers: { ...req.headers }, body,
    };
    received.push(record);

    const declared = trackerByHost.get(host);
    if (declared) return serveDeclaredTracker(res, declared, method, url.pathname, path.join(fixturesDir, 'trackers'));
    if (trackerSet.has(host)) return serveTracker(req, res, host, url.pathname, path.join(fixturesDir, 'trackers'));
    const site = sitesByHost.get(host);
    if (!site) {
      res.writeHead(404, { ...NO_STORE, 'content-type': 'text/plain; charset=utf-8' });
      res.end(`no fixture for host ${host}`);
      return;
    }
    if (url.pathname === NEVER_PATH) return; // held open until close()
    if (url.pathname.endsWith(REDIRECT_LOOP_SUFFIX)) {
      // An endless redirect: the same path again with a growing counter (a hostile-page fixture).
      const n = Number(url.searchParams.get('n') ?? '0') + 1;
      res.writeHead(302, { ...NO_STORE, location: `${url.pathname}?n=${n}` });
      res.end();
      return;
    }
    if (isFormEndpoint(record)) {
      res.writeHead(200, { ...NO_STORE, 'content-type': 'text/html; charset=utf-8' });
      res.end(THANKS_PAGE);
      return;
    }
    if (method !== 'GET' && method !== 'HEAD') {
      // First-party analytics beacons and the like.
      res.writeHead(204, NO_STORE);
      res.end();
      return;
    }
    const file = await findStatic(path.join(fixturesDir, 'sites', site.folder), url.pathname);
    if (!file) {
      res.writeHead(404, { ...NO_STORE, 'content-type': 'text/html; charset=utf-8' });
      res.end(NOT_FOUND_PAGE);
      return;
    }
    const content = await readFile(file);
    const type = CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream';
    res.writeHead(200, { ...NO_STORE, 'content-type': type });
    res.end(method === 'HEAD' ? undefined : content);
  };
  const onRequest = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { ...NO_STORE, 'content-type': 'text/plain' });
      res.end(String(error));
    });
  };

  const tlsServer = https.createServer({ key: pems.private, cert: pems.cert }, onRequest);
  tlsServer.on('connection', track);
  // WebSockets on any host: each message the page sends is recorded like a request (method `WS`).
  serveWebSockets(tlsServer, (record) => received.push(record));
  // Chromium speaks TLS to this one and gets an HTTP 400 back: a TLS protocol error.
  const plainServer = http.createServer((_req, res) => {
    res.writeHead(400, NO_STORE);
    res.end('plain HTTP only');
  });
  plainServer.on('connection', track);

  const port = await listen(tlsServer);
  const plainPort = await listen(plainServer);
  const refusedPort = await closedPort();

  const hostResolverRules = [
    ...servedHosts.map((h) => `MAP ${h} 127.0.0.1:${port}`),
    `MAP ${TLS_BROKEN_HOST} 127.0.0.1:${plainPort}`,
    `MAP ${UNREACHABLE_HOST} 127.0.0.1:${refusedPort}`,
  ].join(', ');

  const all: Array<{ name: string; host: string; startPath: string }> = [
    ...(Object.keys(fixtureSites) as FixtureSiteName[]).map((name) => ({ name, ...fixtureSites[name] })),
    ...discovered.filter((site) => site.scan),
  ];
  const sites = Object.fromEntries(all.map((s) => [s.name, `https://${s.host}${s.startPath}`])) as FixtureSites;
  const siteHosts = Object.fromEntries(all.map((s) => [s.name, s.host])) as FixtureSites;

  let closing: Promise<void> | undefined;
  return {
    port,
    hostResolverRules,
    sites,
    siteHosts,
    copies,
    received,
    formPosts(hostOrName: string): ReceivedRequest[] {
      const host = (siteHosts as Record<string, string>)[hostOrName] ?? hostOrName.toLowerCase();
      return received.filter((r) => r.host === host && sitesByHost.has(r.host) && isFormEndpoint(r));
    },
    trackerRequests(): ReceivedRequest[] {
      return received.filter((r) => trackerSet.has(r.host));
    },
    reset(): void {
      received.length = 0;
    },
    close(): Promise<void> {
      closing ??= Promise.all(
        [tlsServer, plainServer].map(
          (server) => new Promise<void>((resolve) => {
            server.close(() => resolve());
            server.closeAllConnections();
          }),
        ),
      ).then(() => undefined);
      for (const socket of sockets) socket.destroy();
      return closing;
    },
  };
}

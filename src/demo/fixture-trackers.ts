import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AAM_MATCH_KEYS, META_GATEWAY_PIXELS, metaPixelTable } from './fixture-hosts.js';
import { findRoute, type TrackerFile } from './fixture-discovery.js';

/** The smallest transparent GIF: what image-pixel endpoints answer. */
export const GIF_1X1 = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

/** Headers every fixture response carries. */
export const NO_STORE = { 'cache-control': 'no-store' } as const;

/**
 * The per-pixel configuration script, in our own small protocol: it calls
 * `fbq.registerConfig(id, config)`. `blockHeadless` is always on, as in the real configuration;
 * `automaticMatching` appears only for pixels set up with AAM, `openbridge` (the Conversions API gateway)
 * only for pixels listed in `META_GATEWAY_PIXELS`.
 */
export function metaConfigScript(pixelId: string): string {
  const entry = metaPixelTable().get(pixelId);
  const config: Record<string, unknown> = { pixelId, blockHeadless: true };
  if (entry?.automaticMatching) config.automaticMatching = { selectedMatchKeys: AAM_MATCH_KEYS };
  const gateway = META_GATEWAY_PIXELS[pixelId];
  if (gateway) config.openbridge = { endpoints: [{ endpoint: gateway }] };
  return (
    '/* pixel-audit fixture: configuration for pixel ' + pixelId + ' (our own protocol) */\n' +
    '(function(){var f=window.fbq;if(f&&f.registerConfig){f.registerConfig(' +
    JSON.stringify(pixelId) + ',' + JSON.stringify(config) + ');}})();\n'
  );
}

function send(res: ServerResponse, status: number, type: string | undefined, body: Buffer | string): void {
  const headers: Record<string, string> = { ...NO_STORE };
  if (type) headers['content-type'] = type;
  res.writeHead(status, headers);
  res.end(body);
}

/**
 * Answers a request to a tracker host the way the real endpoint would in shape: image pixels
 * get a GIF, form POSTs an empty HTML page, scripts our own imitations from `fixtures/trackers/`.
 */
export async function serveTracker(
  req: IncomingMessage, res: ServerResponse, host: string, pathname: string, trackersDir: string,
): Promise<void> {
  const method = req.method ?? 'GET';
  if (host === 'connect.facebook.net') {
    if (/^\/[a-z]{2}_[A-Z]{2}\/fbevents\.js$/.test(pathname)) {
      const script = await readFile(path.join(trackersDir, 'meta', 'fbevents.js'));
      return send(res, 200, 'application/javascript; charset=utf-8', script);
    }
    const config = /^\/signals\/config\/(\d{6,20})$/.exec(pathname);
    if (config?.[1]) return send(res, 200, 'application/javascript; charset=utf-8', metaConfigScript(config[1]));
  } else if (host === 'www.facebook.com' || host === 'facebook.com') {
    if (pathname === '/tr' || pathname === '/tr/') {
      if (method === 'POST') return send(res, 200, 'text/html; charset=utf-8', '');
      return send(res, 200, 'image/gif', GIF_1X1);
    }
    if (pathname === '/privacy_sandbox/pixel/register/trigger/') return send(res, 200, undefined, '');
  } else if (host === 'stats.example-analytics.test') {
    if (pathname === '/c') {
      if (method === 'POST') return send(res, 204, undefined, '');
      return send(res, 200, 'image/gif', GIF_1X1);
    }
  }
  send(res, 404, 'text/plain; charset=utf-8', 'not found');
}

/**
 * Answers a tracker declared by `tracker.json`: its first matching route, else the shape most
 * collection endpoints have (an image GIF for GET, an empty 204 for anything else).
 */
export async function serveDeclaredTracker(
  res: ServerResponse, tracker: TrackerFile, method: string, pathname: string, trackersDir: string,
): Promise<void> {
  const route = findRoute(tracker, method, pathname);
  if (!route) return method === 'GET' ? send(res, 200, 'image/gif', GIF_1X1) : send(res, 204, undefined, '');
  for (const [name, value] of Object.entries(route.headers ?? {})) res.setHeader(name, value);
  if (route.gif) return send(res, route.status, 'image/gif', GIF_1X1);
  if (route.file) {
    const content = await readFile(path.join(trackersDir, tracker.folder, route.file));
    return send(res, route.status, route.type ?? 'application/javascript; charset=utf-8', content);
  }
  return send(res, route.status, route.type, route.body ?? '');
}

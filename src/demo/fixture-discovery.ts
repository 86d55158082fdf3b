import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

/**
 * Fixture sites and tracker imitations declared by data, so that adding one is a folder with
 * a small JSON file and no change to the server: `fixtures/sites/<folder>/site.json` and
 * `fixtures/trackers/<vendor>/tracker.json`.
 */
export const siteFileSchema = z.strictObject({
  /** Key in `FixtureServer.sites` (e.g. `tiktok`). */
  name: z.string().regex(/^[a-z0-9-]+$/),
  host: z.string().regex(/^[a-z0-9.-]+$/),
  startPath: z.string().startsWith('/').default('/'),
  /** False for helper hosts (a first-party tagging proxy, an iframe origin): served, not scanned. */
  scan: z.boolean().default(true),
  description: z.string().optional(),
});
export type SiteFile = z.infer<typeof siteFileSchema> & { folder: string };

/** One answer of a tracker imitation; the first route whose path and method match wins. */
export const trackerRouteSchema = z.strictObject({
  /** Exact path, or a regular expression when it starts with `^`. */
  path: z.string(),
  method: z.enum(['GET', 'POST', '*']).default('*'),
  status: z.number().int().default(200),
  type: z.string().optional(),
  /** File under the tracker's folder to answer with (a script of our own). */
  file: z.string().optional(),
  /** Literal body; `gif` answers a 1x1 GIF. */
  body: z.string().optional(),
  gif: z.boolean().optional(),
  /** Extra response headers (e.g. `set-cookie`). */
  headers: z.record(z.string(), z.string()).optional(),
});
export const trackerFileSchema = z.strictObject({
  vendor: z.string(),
  hosts: z.array(z.string().regex(/^[a-z0-9.-]+$/)).min(1),
  routes: z.array(trackerRouteSchema).default([]),
});
export type TrackerRoute = z.infer<typeof trackerRouteSchema>;
export type TrackerFile = z.infer<typeof trackerFileSchema> & { folder: string };

async function readJsonFiles<T>(dir: string, fileName: string, schema: z.ZodType<T>): Promise<Array<T & { folder: string }>> {
  const out: Array<T & { folder: string }> = [];
  const folders = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const entry of folders.filter((e) => e.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    const file = path.join(dir, entry.name, fileName);
    const text = await readFile(file, 'utf8').catch(() => undefined);
    if (text === undefined) continue;
    const parsed = schema.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    out.push({ ...parsed.data, folder: entry.name });
  }
  return out;
}

export const discoverSites = (fixturesDir: string): Promise<SiteFile[]> =>
  readJsonFiles(path.join(fixturesDir, 'sites'), 'site.json', siteFileSchema);

export const discoverTrackers = (fixturesDir: string): Promise<TrackerFile[]> =>
  readJsonFiles(path.join(fixturesDir, 'trackers'), 'tracker.json', trackerFileSchema);

/** The route answering a request, if the tracker declares one. */
export function findRoute(tracker: TrackerFile, method: string, pathname: string): TrackerRoute | undefined {
  return tracker.routes.find(
    (r) => (r.method === '*' || r.method === method) && (r.path.startsWith('^') ? new RegExp(r.path).test(pathname) : r.path === pathname),
  );
}

import type { Page } from 'playwright';
import type { SitemapRecord } from '../evidence/schema.js';
import { isSameParty } from '../shared/party.js';

/** At most this many page URLs are taken from one site's sitemaps. */
export const MAX_SITEMAP_URLS = 500;
const MAX_SITEMAPS = 4;
const MAX_BYTES = 5_000_000;

/** `Sitemap:` lines of a robots.txt (case-insensitive, as crawlers read them). */
export function sitemapsFromRobots(text: string, base: string): string[] {
  const out: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*sitemap\s*:\s*(\S+)/i.exec(line);
    if (!match) continue;
    try {
      out.push(new URL(match[1]!, base).toString());
    } catch {
      // a malformed line names nothing
    }
  }
  return out;
}

/** The `<loc>` entries of a sitemap or sitemap index, with XML entities decoded. */
export function parseSitemap(xml: string): { index: boolean; locs: string[] } {
  const index = /<sitemapindex[\s>]/i.test(xml);
  const locs: string[] = [];
  for (const match of xml.matchAll(/<loc>\s*(?:<!\[CDATA\[)?\s*([^<\]]+?)\s*(?:\]\]>)?\s*<\/loc>/gi)) {
    locs.push(match[1]!.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'"));
  }
  return { index, locs };
}

/**
 * Reads `robots.txt` and the sitemaps it names (else `/sitemap.xml`), one sitemap index level
 * deep, through the page — a `fetch` from the site's own origin — so the browser context's
 * host mapping, proxy, certificates, cookies and user agent apply and the fetches are captured
 * with everything else (DESIGN §1). Returns same-site page URLs and a record of each file read.
 */
export async function readSitemaps(page: Page, siteHost: string): Promise<{ urls: string[]; records: SitemapRecord[] }> {
  const origin = new URL(page.url()).origin;
  const records: SitemapRecord[] = [];
  const robotsUrl = `${origin}/robots.txt`;
  const robots = await fetchText(page, robotsUrl);
  const named = robots.status === 200 && robots.text ? sitemapsFromRobots(robots.text, robotsUrl) : [];
  records.push({ url: robotsUrl, status: robots.status, urls: 0, error: robots.error });
  const queue = named.length ? named : [`${origin}/sitemap.xml`];
  const seenMaps = new Set<string>();
  const urls = new Set<string>();
  while (queue.length && seenMaps.size < MAX_SITEMAPS && urls.size < MAX_SITEMAP_URLS) {
    const url = queue.shift()!;
    if (seenMaps.has(url) || /\.gz$/i.test(url) || !sameSite(url, siteHost)) continue;
    seenMaps.add(url);
    const got = await fetchText(page, url);
    const record: SitemapRecord = { url, status: got.status, urls: 0, error: got.error };
    records.push(record);
    if (got.status !== 200 || !got.text) continue;
    const { index, locs } = parseSitemap(got.text);
    if (index) {
      queue.push(...locs);
      continue;
    }
    for (const loc of locs) {
      if (urls.size >= MAX_SITEMAP_URLS) break;
      if (!sameSite(loc, siteHost)) continue;
      const clean = new URL(loc);
      clean.hash = '';
      if (!urls.has(clean.toString())) record.urls += 1;
      urls.add(clean.toString());
    }
  }
  return { urls: [...urls], records };
}

function sameSite(url: string, siteHost: string): boolean {
  try {
    const parsed = new URL(url);
    return (parsed.protocol === 'https:' || parsed.protocol === 'http:') && isSameParty(parsed.hostname, siteHost);
  } catch {
    return false;
  }
}

async function fetchText(page: Page, url: string): Promise<{ status?: number; text?: string; error?: string }> {
  try {
    return await page.evaluate(
      async ({ url, max }) => {
        const controller = new AbortController();
        const timer = setTimeout(() => controller.abort(), 8000);
        try {
          const response = await fetch(url, { credentials: 'include', redirect: 'follow', signal: controller.signal });
          const text = response.ok ? (await response.text()).slice(0, max) : undefined;
          return { status: response.status, text };
        } catch (error) {
          return { error: `could not fetch: ${String(error instanceof Error ? error.message : error)}` };
        } finally {
          clearTimeout(timer);
        }
      },
      { url, max: MAX_BYTES },
    );
  } catch (error) {
    return { error: `could not fetch: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}` };
  }
}

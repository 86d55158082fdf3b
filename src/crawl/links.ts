import type { Page } from 'playwright';
import { isSameParty } from '../shared/party.js';

const SKIP_EXTENSIONS = /\.(pdf|zip|jpe?g|png|gif|svg|webp|mp4|mp3|docx?|xlsx?|pptx?|dmg|exe|ics)$/i;

/**
 * Same-site links of a page, normalised (no fragment) and deduplicated, in document order.
 * Same-site means the same registrable domain: `shop.example.se` belongs to `www.example.se`.
 */
export async function sameSiteLinks(page: Page, siteHost: string): Promise<string[]> {
  const hrefs = await page
    .evaluate(() => Array.from(document.querySelectorAll<HTMLAnchorElement>('a[href]'), (a) => a.href))
    .catch(() => [] as string[]);
  const out = new Set<string>();
  for (const href of hrefs) {
    let url: URL;
    try {
      url = new URL(href);
    } catch {
      continue;
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') continue;
    if (!isSameParty(url.hostname, siteHost) || SKIP_EXTENSIONS.test(url.pathname)) continue;
    url.hash = '';
    out.add(url.toString());
  }
  return [...out];
}

/**
 * Orders candidate pages so those likely to hold forms come first (quote, contact, booking,
 * sign-up…, in the audited languages); ties keep document order.
 */
export function rankLinks(urls: string[]): string[] {
  const score = (url: string): number =>
    /offert|quote|tilbud|tarjous|angebot|devis|offerte|presupuesto|preventivo|kontakt|contact|yhteys|contatt|boka|bestill|book|varaa|termin|checkout|kassa|register|registr|sign-?up|konto|account|newsletter|nyhetsbrev|ans[öo]k|apply|form/i.test(
      new URL(url).pathname,
    )
      ? 0
      : 1;
  return urls
    .map((url, index) => ({ url, index, score: score(url) }))
    .sort((a, b) => a.score - b.score || a.index - b.index)
    .map((x) => x.url);
}

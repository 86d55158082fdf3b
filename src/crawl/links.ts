import type { Page } from 'playwright';
import { isSameParty } from '../shared/party.js';

const SKIP_EXTENSIONS = /\.(pdf|zip|gz|rar|7z|jpe?g|png|gif|svg|webp|avif|ico|mp4|webm|mov|mp3|wav|docx?|xlsx?|pptx?|odt|ods|csv|dmg|exe|msi|apk|ics|vcf|xml|rss|json|txt|css|js)$/i;
/** Links taken from one page; a huge page's rest is recorded as truncated. */
export const MAX_LINKS_PER_PAGE = 1000;

/**
 * Same-site links of a page, normalised (no fragment) and deduplicated, in document order.
 * Same-site means the same registrable domain: `shop.example.se` belongs to `www.example.se`.
 */
export async function sameSiteLinks(page: Page, siteHost: string): Promise<{ links: string[]; truncated: boolean }> {
  const hrefs = await page
    .evaluate((max) => {
      const all = document.querySelectorAll<HTMLAnchorElement | HTMLAreaElement>('a[href], area[href]');
      return { hrefs: Array.from(all).slice(0, max * 4).map((a) => a.href), total: all.length };
    }, MAX_LINKS_PER_PAGE)
    .catch(() => ({ hrefs: [] as string[], total: 0 }));
  const out = new Set<string>();
  for (const href of hrefs.hrefs) {
    if (out.size >= MAX_LINKS_PER_PAGE) break;
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
  return { links: [...out], truncated: hrefs.total > hrefs.hrefs.length || out.size >= MAX_LINKS_PER_PAGE };
}

// Pages that hold the forms that matter, in the audited languages (path words).
const FORM_PAGE = /offert|quote|tilbud|tarjous|angebot|devis|offerte|presupuesto|preventivo|cotizaci|kontakt|contact|yhteys|contatt|boka|(^|[/_-])book|bestill|bestil|varaa|termin|reserv|ajanvaraus|tidsbestilling|checkout|kassa|kasse|cart|basket|varukorg|handlekurv|ostoskori|warenkorb|panier|winkelwagen|carrito|carrello|betal|payment|register|registr|rekister|sign-?up|sign-?in|log-?in|logga-?in|logg-?inn|anmeld|inloggen|connexion|accedi|kirjaudu|konto|account|mein-konto|mon-compte|newsletter|nyhetsbrev|nyhedsbrev|uutiskirje|nieuwsbrief|prenumer|abonn|subscri|ans[öo]k|apply|bewerb|aanvra|solicit|richiesta|hakemus|s[öo]knad|(^|[/_-])forms?($|[/_-])|lomake|formul|skadeanm|claim|schaden|sinistr|forsikring|f[öo]rs[äa]kring|versicherung|assurance|verzekering|seguro|assicuraz|vakuutus|(^|[/_-])(pris|priser|price|prices|preis|prix|prijs|precio|prezzo|hinta)/i;
// Pages that rarely hold a form worth filling: legal text, careers, press.
const LOW_VALUE = /integritet|privacy|personvern|privatliv|tietosuoja|datenschutz|confidentialit|privacidad|cookie|villkor|vilkar|terms|agb|impressum|mentions-legales|jobb|karri[äa]r|career|jobs|(^|[/_-])press|sitemap/i;

/** 0: a page likely to hold a form; 1: any other page; 2: legal text, careers and press. */
export function formLikelihood(url: string): number {
  const path = new URL(url).pathname;
  if (FORM_PAGE.test(path)) return 0;
  if (LOW_VALUE.test(path)) return 2;
  return 1;
}

/**
 * Orders candidate pages so those likely to hold forms come first (quote, contact, booking,
 * checkout, sign-up…, in the audited languages); ties keep document order.
 */
export function rankLinks(urls: string[]): string[] {
  return urls
    .map((url, index) => ({ url, index, score: formLikelihood(url) }))
    .sort((a, b) => a.score - b.score || a.index - b.index)
    .map((x) => x.url);
}

/** A page waiting to be visited. */
export interface QueuedPage {
  url: string;
  depth: number;
  source: 'start' | 'link' | 'sitemap';
}

/**
 * The crawl frontier: the next page is the likeliest to hold a form, then the shallowest, then
 * the first found. With `--max-pages` small, a quote form two links deep beats "about us".
 */
export class CrawlQueue {
  private readonly items: Array<QueuedPage & { score: number; seq: number }> = [];
  private readonly seen = new Set<string>();
  private seq = 0;

  add(page: QueuedPage): void {
    const key = page.url.replace(/\/$/, '');
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.items.push({ ...page, score: page.source === 'start' ? -1 : formLikelihood(page.url), seq: this.seq++ });
  }

  next(): QueuedPage | undefined {
    if (!this.items.length) return undefined;
    let best = 0;
    for (let i = 1; i < this.items.length; i += 1) {
      const a = this.items[i]!;
      const b = this.items[best]!;
      if (a.score < b.score || (a.score === b.score && (a.depth < b.depth || (a.depth === b.depth && a.seq < b.seq)))) best = i;
    }
    const [item] = this.items.splice(best, 1);
    return { url: item!.url, depth: item!.depth, source: item!.source };
  }

  get size(): number {
    return this.items.length;
  }
}

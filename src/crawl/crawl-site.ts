import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright';
import type { ConsentRecord, FormRecord, PageRecord, SitemapRecord, StageError } from '../evidence/schema.js';
import type { Timeline } from '../evidence/timeline.js';
import type { Persona } from '../persona/schema.js';
import type { InterceptedSet } from '../shared/intercepted.js';
import { AutoconsentDriver } from './autoconsent.js';
import { handleConsent } from './consent.js';
import { firstLine } from './fill-field.js';
import { waitForInputs } from './form-scan.js';
import { CrawlQueue, sameSiteLinks } from './links.js';
import { fillPageForms } from './page-forms.js';
import { PageGuard } from './page-guard.js';
import { phases } from './phase-clock.js';
import { settle } from './settle.js';
import { readSitemaps } from './sitemap.js';
import { visitPage } from './visit-page.js';
import type { TrackerPredicate } from './intercept.js';

export interface CrawlOptions {
  startUrl: URL;
  maxPages: number;
  depth: number;
  consent: ConsentRecord['mode'];
  submit: 'never' | 'intercept' | 'always';
  pageTimeoutSeconds: number;
  /** Epoch milliseconds after which no new page or form is started. */
  deadline: number;
  /** Folder screenshots are written to, and its name relative to the bundle. */
  screenshotDir: { path: string; name: string };
  /**
   * Recognises a tracker's collection request (from the rules). Intercept mode never answers
   * those itself, even on a first-party host: a server-side tagging proxy or a Conversions API
   * gateway on the site's own domain is a recipient, not the site's form endpoint.
   */
  isTrackerRequest?: TrackerPredicate;
}

export interface CrawlResult {
  pages: PageRecord[];
  forms: FormRecord[];
  consent: ConsentRecord;
  errors: StageError[];
  /** Set when the start page itself could not be loaded: the site could not be scanned. */
  startError?: string;
  /** `robots.txt` and sitemaps read to find pages. */
  sitemaps?: SitemapRecord[];
}

/**
 * Walks the site from the start URL — same registrable domain, `depth` link hops, pages from
 * the sitemap, `maxPages` pages, pages likely to hold forms first — makes the consent choice on
 * the first page, and fills every form (in every frame and open shadow root, step by step
 * through wizards) that asks for something the persona has. Hostile pages (dialogs, popups,
 * downloads, crashes, pages that never settle) are recorded and the crawl goes on.
 */
export async function crawlSite(
  context: BrowserContext,
  options: CrawlOptions,
  persona: Persona,
  timeline: Timeline,
  intercepted: InterceptedSet,
): Promise<CrawlResult> {
  const siteHost = options.startUrl.hostname;
  const result: CrawlResult = { pages: [], forms: [], consent: { mode: options.consent, state: 'none', bannerFound: false }, errors: [] };
  const error = (stage: string, message: string) => result.errors.push({ stage, message, at: new Date().toISOString() });
  const guard = new PageGuard(context);
  const driver = options.consent === 'none'
    ? undefined
    : await AutoconsentDriver.install(context).catch((err: unknown) => {
      error('consent', `autoconsent could not start (${firstLine(err)}); using the button-text fallback`);
      return undefined;
    });
  let page: Page = await guard.newPage();
  const shot = (name: string) => ({ path: join(options.screenshotDir.path, name), name: `${options.screenshotDir.name}/${name}` });
  const queue = new CrawlQueue();
  queue.add({ url: options.startUrl.toString(), depth: 0, source: 'start' });
  const filled = new Set<string>();
  const visit = (url: string) => visitPage(page, url, { context, timeline, guard, pageTimeoutSeconds: options.pageTimeoutSeconds });
  // After a renderer crash the tab is dead: note it and carry on in a fresh one.
  const recover = async (record: PageRecord): Promise<void> => {
    if (!guard.crashed) return;
    guard.crashed = false;
    record.error ??= 'the browser tab crashed on this page';
    error('crawl', `${record.url}: the browser tab crashed; the crawl went on in a fresh tab`);
    await page.close().catch(() => undefined);
    page = await guard.newPage();
  };

  while (result.pages.length < options.maxPages && Date.now() < options.deadline) {
    const next = queue.next();
    if (!next) break;
    const { url, depth } = next;
    const first = result.pages.length === 0;
    const record: PageRecord = { url, depth, at: new Date().toISOString(), formIds: [], source: next.source };
    result.pages.push(record);
    guard.setRecord(record);
    const loaded = await visit(url);
    record.status = loaded.status;
    await recover(record);
    if (loaded.error || record.error) {
      record.error ??= loaded.error;
      if (first) result.startError = record.error;
      continue;
    }
    record.finalUrl = page.url();
    record.title = await page.title().catch(() => undefined);
    if (first) {
      result.consent = await phases.time('consent', () => handleConsent(page, options.consent, timeline, shot('consent-banner.png'), driver));
      if (result.consent.state !== 'none') await phases.time('consent: network quiet', () => settle(context, 500, 4000));
    }
    // Nothing below navigates or acts on the page, so it runs at once: the sitemap fetch, the
    // first page's screenshot and the link walk overlap the wait for late-rendered inputs.
    const [shotTaken, sitemaps, links] = await Promise.all([
      first && phases.time('screenshot: page', () => page.screenshot({ path: shot('page-1.png').path, timeout: 5000 }).then(() => true, () => false)),
      first && options.depth > 0 ? phases.time('sitemap', () => readSitemaps(page, siteHost)) : undefined,
      depth < options.depth ? phases.time('links', () => sameSiteLinks(page, siteHost)) : undefined,
      phases.time('wait for late inputs', () => waitForInputs(page, loaded.loadedAt)),
    ]);
    if (shotTaken) record.screenshot = shot('page-1.png').name;
    if (sitemaps) {
      result.sitemaps = sitemaps.records;
      for (const link of sitemaps.urls) queue.add({ url: link, depth: 1, source: 'sitemap' });
    }
    if (links) {
      if (links.truncated) guard.add('truncated', `more links than the scan takes from one page; the first ${links.links.length} were queued`);
      for (const link of links.links) queue.add({ url: link, depth: depth + 1, source: 'link' });
    }
    await fillPageForms(page, record, {
      context, persona, timeline, intercepted, submit: options.submit, siteHost, guard, isTrackerRequest: options.isTrackerRequest, deadline: options.deadline,
      screenshotDir: options.screenshotDir, forms: result.forms, filled,
      reload: async () => {
        const again = guard.crashed ? undefined : await visit(url);
        if (!again || again.error) return false;
        await phases.time('wait for late inputs', () => waitForInputs(page, again.loadedAt));
        return true;
      },
    }).catch((err: unknown) => error('fill', `${url}: ${firstLine(err)}`));
    await recover(record);
  }
  await page.close().catch(() => undefined);
  return result;
}

import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright';
import type { ConsentRecord, FormRecord, PageRecord, StageError } from '../evidence/schema.js';
import type { Timeline } from '../evidence/timeline.js';
import type { Persona } from '../persona/schema.js';
import type { InterceptedSet } from '../shared/intercepted.js';
import { classifyField } from './classify-field.js';
import { handleConsent } from './consent.js';
import { fillForm, firstLine } from './fill-form.js';
import { findForms } from './form-scan.js';
import { rankLinks, sameSiteLinks } from './links.js';
import { describeNavigationError } from './nav-error.js';
import { settle } from './settle.js';

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
}

export interface CrawlResult {
  pages: PageRecord[];
  forms: FormRecord[];
  consent: ConsentRecord;
  errors: StageError[];
  /** Set when the start page itself could not be loaded: the site could not be scanned. */
  startError?: string;
}

/**
 * Walks the site breadth-first from the start URL (same registrable domain, `depth` link
 * hops, `maxPages` pages, pages likely to hold forms first) and fills every form that asks
 * for something the persona has.
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
  const page = await context.newPage();
  page.on('dialog', (dialog) => void dialog.dismiss().catch(() => undefined));
  const shot = (name: string) => ({ path: join(options.screenshotDir.path, name), name: `${options.screenshotDir.name}/${name}` });
  const queue: Array<{ url: string; depth: number }> = [{ url: options.startUrl.toString(), depth: 0 }];
  const seen = new Set(queue.map((q) => q.url));
  let formCount = 0;

  const visit = async (url: string): Promise<{ status?: number; error?: string }> => {
    timeline.add({ type: 'navigate', pageUrl: url, detail: url });
    try {
      const response = await page.goto(url, { waitUntil: 'load', timeout: options.pageTimeoutSeconds * 1000 });
      await settle(context, 500, 4000);
      return { status: response?.status() };
    } catch (error) {
      return { error: describeNavigationError(error instanceof Error ? error.message : String(error), options.pageTimeoutSeconds) };
    }
  };

  while (queue.length && result.pages.length < options.maxPages && Date.now() < options.deadline) {
    const { url, depth } = queue.shift()!;
    const first = result.pages.length === 0;
    const loaded = await visit(url);
    const record: PageRecord = { url, depth, at: new Date().toISOString(), formIds: [], status: loaded.status };
    result.pages.push(record);
    if (loaded.error) {
      record.error = loaded.error;
      if (first) result.startError = loaded.error;
      continue;
    }
    record.finalUrl = page.url();
    record.title = await page.title().catch(() => undefined);
    if (first) {
      result.consent = await handleConsent(page, options.consent, timeline, shot('consent-banner.png'));
      if (result.consent.state !== 'none') await settle(context, 500, 4000);
      if (await page.screenshot({ path: shot('page-1.png').path, timeout: 5000 }).then(() => true, () => false)) {
        record.screenshot = shot('page-1.png').name;
      }
    }
    if (depth < options.depth) {
      for (const link of rankLinks(await sameSiteLinks(page, siteHost))) {
        if (!seen.has(link)) {
          seen.add(link);
          queue.push({ url: link, depth: depth + 1 });
        }
      }
    }
    await fillPageForms(page, record, url).catch((error) => {
      result.errors.push({ stage: 'fill', message: `${url}: ${firstLine(error)}`, at: new Date().toISOString() });
    });
  }
  await page.close().catch(() => undefined);
  return result;

  async function fillPageForms(current: Page, record: PageRecord, url: string): Promise<void> {
    const forms = await findForms(current.mainFrame());
    let dirty = false;
    for (let index = 0; index < forms.length && Date.now() < options.deadline; index += 1) {
      let form = forms[index]!;
      if (!form.fields.some((f) => classifyField(f, persona.country))) continue;
      if (dirty) {
        // A fresh page per form: the previous submit may have changed or left the page.
        if ((await visit(url)).error) return;
        form = (await findForms(current.mainFrame()))[index] ?? form;
      }
      formCount += 1;
      const formId = `f${formCount}`;
      record.formIds.push(formId);
      result.forms.push(
        await fillForm(form, formId, {
          context, page: current, persona, timeline, intercepted, submit: options.submit, siteHost, screenshot: shot(`${formId}.png`),
        }),
      );
      dirty = true;
    }
  }
}

import type { Browser, Page } from 'playwright';
import pLimit from 'p-limit';
import { settle } from '../crawl/settle.js';
import type { Evidence } from '../evidence/schema.js';

/** What a scan did on one site, reduced to what a bare browser script would do. */
export interface ReplaySite {
  site: string;
  userAgent: string;
  pages: Array<{
    url: string;
    forms: Array<{ fields: Array<{ selector: string; value: string; how: 'type' | 'select' | 'check' }>; submitSelector?: string }>;
  }>;
}

/** The scan's navigation, typing and clicks, from its evidence (top-level forms; frames and shadow roots left out). */
export function replayPlan(evidence: Evidence): ReplaySite {
  return {
    site: evidence.site,
    userAgent: evidence.userAgent,
    pages: evidence.pages.filter((p) => !p.error).map((p) => ({
      url: p.url,
      forms: evidence.forms
        .filter((f) => (f.pageUrl === p.url || f.pageUrl === p.finalUrl) && !f.frameUrl && !f.inShadowRoot)
        .map((f) => ({
          fields: f.fields
            .filter((x) => x.value !== undefined && !x.skipped)
            .map((x) => ({
              selector: x.selector, value: x.value!,
              how: x.tag === 'select' ? 'select' as const : x.type === 'checkbox' || x.type === 'radio' ? 'check' as const : 'type' as const,
            })),
          submitSelector: f.submit === 'intercepted' || f.submit === 'sent' ? f.submitSelector : undefined,
        })),
    })),
  };
}

const KEY_DELAY_MS = 10; // as the crawler types (fill-form's default)

async function fillAndSubmit(page: Page, form: ReplaySite['pages'][number]['forms'][number]): Promise<void> {
  for (const field of form.fields) {
    const locator = page.locator(field.selector).first();
    if (field.how === 'select') await locator.selectOption(field.value, { timeout: 2000 }).catch(() => undefined);
    else if (field.how === 'check') await locator.check({ timeout: 2000 }).catch(() => undefined);
    else await locator.pressSequentially(field.value, { delay: KEY_DELAY_MS, timeout: 10_000 }).catch(() => undefined);
  }
  if (form.submitSelector) {
    await page.locator(form.submitSelector).first().click({ timeout: 5000 }).catch(() => undefined);
    await settle(page.context());
  }
}

/**
 * The baseline: plain Playwright doing the same navigation, typing and clicks as the scan, with
 * the same quiet-network waits, and nothing else: no HAR, no request capture, no screenshots,
 * no detection, no bundle. One browser, a fresh context per site, `concurrency` sites at once.
 * Resolves to the number of pages loaded.
 */
export async function replaySites(browser: Browser, sites: ReplaySite[], concurrency: number, options: { ignoreHTTPSErrors: boolean }): Promise<number> {
  const limit = pLimit(concurrency);
  const pages = await Promise.all(sites.map((site) => limit(async () => {
    const context = await browser.newContext({ ignoreHTTPSErrors: options.ignoreHTTPSErrors, userAgent: site.userAgent, viewport: { width: 1280, height: 900 } });
    let loaded = 0;
    try {
      const page = await context.newPage();
      for (const target of site.pages) {
        const visit = async (): Promise<boolean> => {
          const ok = await page.goto(target.url, { waitUntil: 'load', timeout: 30_000 }).then(() => true, () => false);
          await settle(context);
          return ok;
        };
        if (await visit()) loaded += 1;
        for (const [i, form] of target.forms.entries()) {
          if (i > 0) await visit(); // the previous submit left the page, as the crawler's reload does
          await fillAndSubmit(page, form);
        }
      }
    } finally {
      await context.close().catch(() => undefined);
    }
    return loaded;
  })));
  return pages.reduce((a, b) => a + b, 0);
}

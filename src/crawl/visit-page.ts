import type { BrowserContext, Page } from 'playwright';
import type { Timeline } from '../evidence/timeline.js';
import { describeNavigationError } from './nav-error.js';
import { phases } from './phase-clock.js';
import type { PageGuard } from './page-guard.js';
import { settle } from './settle.js';

/** The longest wait for the `load` event once the document is there. */
const LOAD_CAP_MS = 8000;

/**
 * Navigates the crawl's tab to `url` and lets the page settle. The document must arrive within
 * the page timeout; the `load` event is awaited only up to a cap — a page that never finishes
 * loading (a hanging image, an endless long-poll) is scanned as it stands, and the wait is
 * recorded. Network quiet is awaited up to a cap too: pages that never go idle still move on.
 * `loadedAt` is when the load event fired (or its wait gave up): late inputs are awaited from then.
 */
export async function visitPage(
  page: Page,
  url: string,
  env: { context: BrowserContext; timeline: Timeline; guard: PageGuard; pageTimeoutSeconds: number },
): Promise<{ status?: number; error?: string; loadedAt?: number }> {
  env.timeline.add({ type: 'navigate', pageUrl: url, detail: url });
  try {
    const response = await phases.time('navigate: goto', () => goto(page, url, env.pageTimeoutSeconds * 1000));
    const cap = Math.min(LOAD_CAP_MS, env.pageTimeoutSeconds * 1000);
    const loaded = await phases.time('navigate: load event', () => page.waitForLoadState('load', { timeout: cap }).then(() => true, () => false));
    const loadedAt = Date.now();
    if (!loaded && !page.isClosed()) env.guard.add('load-timeout', `no load event within ${cap / 1000} s; the page was scanned as it stood`);
    await phases.time('navigate: network quiet', () => settle(env.context, 500, 4000));
    return { status: response?.status(), loadedAt };
  } catch (error) {
    // A failed navigation can leave the tab committing an error page, which would cut short the
    // next page's navigation: park the tab on a blank page first.
    await page.goto('about:blank', { timeout: 5000 }).catch(() => undefined);
    return { error: describeNavigationError(error instanceof Error ? error.message : String(error), env.pageTimeoutSeconds) };
  }
}

/** `page.goto`, once more when the page's own script (a redirect, an error page) cut it short. */
async function goto(page: Page, url: string, timeout: number) {
  try {
    return await page.goto(url, { waitUntil: 'domcontentloaded', timeout });
  } catch (error) {
    if (!/interrupted by another navigation/i.test(error instanceof Error ? error.message : String(error))) throw error;
    await page.waitForLoadState('domcontentloaded', { timeout: 5000 }).catch(() => undefined);
    return page.goto(url, { waitUntil: 'domcontentloaded', timeout });
  }
}

import type { Browser, Frame, Page } from 'playwright';
import pLimit from 'p-limit';
import { phases } from '../crawl/phase-clock.js';
import { settle } from '../crawl/settle.js';
import type { Evidence } from '../evidence/schema.js';

/** One browser action of a scan, as a bare script would do it. */
export type ReplayStep =
  | { kind: 'goto'; url: string; reload: boolean }
  | { kind: 'focus' | 'blur' | 'check' | 'next' | 'submit'; selector: string; frameUrl?: string }
  | { kind: 'type'; selector: string; frameUrl?: string; value: string; how: 'keys' | 'fill' | 'select' };

/** What a scan did on one site, reduced to what a bare browser script would do. */
export interface ReplaySite {
  site: string;
  userAgent: string;
  steps: ReplayStep[];
}

/**
 * The scan's navigation, typing and clicks, in its order, from its timeline: every page load
 * (reloads between forms included), and every focus, key-typed value, blur, box ticked, wizard
 * step and submit — in iframes and shadow roots too (Playwright's selectors pierce open shadow
 * roots). What the scan does besides (finding forms, waiting for late inputs, screenshots,
 * links, sitemap, capture, detection, the bundle) is left out: that is what is measured.
 */
export function replayPlan(evidence: Evidence): ReplaySite {
  const values = new Map(evidence.forms.flatMap((f) => f.fields.map((x) => [`${f.id} ${x.selector}`, x] as const)));
  const steps: ReplayStep[] = [];
  let lastUrl: string | undefined;
  for (const action of evidence.timeline) {
    const at = { selector: action.selector ?? '', ...(action.frameUrl ? { frameUrl: action.frameUrl } : {}) };
    if (action.type === 'navigate') {
      const url = action.detail ?? action.pageUrl ?? '';
      steps.push({ kind: 'goto', url, reload: url === lastUrl });
      lastUrl = url;
    } else if (!action.selector) {
      continue;
    } else if (action.type === 'focus' || action.type === 'blur' || action.type === 'submit') {
      steps.push({ kind: action.type, ...at });
    } else if (action.type === 'click') {
      steps.push({ kind: action.detail?.startsWith('next step') ? 'next' : 'check', ...at });
    } else if (action.type === 'type') {
      const field = values.get(`${action.formId} ${action.selector}`);
      if (field?.value === undefined) continue;
      const how = action.detail === 'selected option' ? 'select' : ['date', 'month', 'time'].includes(field.type ?? '') ? 'fill' : 'keys';
      steps.push({ kind: 'type', ...at, value: field.value, how });
    }
  }
  return { site: evidence.site, userAgent: evidence.userAgent, steps };
}

const KEY_DELAY_MS = 10; // as the crawler types (fill-form's default)

function frameOf(page: Page, frameUrl?: string): Frame {
  return (frameUrl && page.frames().find((f) => f.url() === frameUrl)) || page.mainFrame();
}

/** One step, with the crawler's own quiet-network waits after a load, a wizard step and a submit. */
async function play(page: Page, step: ReplayStep): Promise<boolean> {
  if (step.kind === 'goto') {
    // As the crawler navigates: the document within the page timeout, the load event up to 8 s.
    const ok = await phases.time('baseline: goto', () => page.goto(step.url, { waitUntil: 'domcontentloaded', timeout: 30_000 }).then(() => true, () => false));
    await phases.time('baseline: load event', () => page.waitForLoadState('load', { timeout: 8000 }).catch(() => undefined));
    await phases.time('baseline: network quiet', () => settle(page.context(), 500, 4000));
    return ok && !step.reload;
  }
  const locator = frameOf(page, step.frameUrl).locator(step.selector).first();
  await phases.time(`baseline: ${step.kind}`, async () => {
    switch (step.kind) {
      case 'focus':
        return locator.click({ timeout: 2500 }).catch(() => locator.focus({ timeout: 4000 }));
      case 'blur':
        return locator.evaluate((el) => (el as HTMLElement).blur(), undefined, { timeout: 4000 });
      case 'check':
        return locator.check({ timeout: 2500 }).catch(() => locator.dispatchEvent('click'));
      case 'type':
        if (step.how === 'select') return locator.selectOption(step.value, { timeout: 4000 });
        if (step.how === 'fill') return locator.fill(step.value, { timeout: 4000 });
        return locator.pressSequentially(step.value, { delay: KEY_DELAY_MS, timeout: 10_000 });
      default: // next, submit
        await locator.click({ timeout: 4000 }).catch(() => locator.dispatchEvent('click', undefined, { timeout: 4000 }));
        return step.kind === 'next' ? settle(page.context(), 500, 3000) : settle(page.context(), 800, 6000);
    }
  }).catch(() => undefined);
  return false;
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
      for (const step of site.steps) if (await play(page, step)) loaded += 1;
    } finally {
      await context.close().catch(() => undefined);
    }
    return loaded;
  })));
  return pages.reduce((a, b) => a + b, 0);
}
